"""Batch studies: many games in parallel, the lessons as clean contrasts, and balance.

No terminal output here: `sim.cli.balance` prints what these return.
"""
