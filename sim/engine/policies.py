"""The bot conveners, by name: see `sim.engine.bots` (each plays from its seat's view)."""

from __future__ import annotations

from sim.engine.bots.convener import Choices, ConvenerBot
from sim.engine.bots.plan import KEY_SEATS, TABLE_SIZE, plan_table
from sim.engine.bots.registry import POLICIES, Policy, make_policy, random_policy

__all__ = [
    "KEY_SEATS",
    "POLICIES",
    "TABLE_SIZE",
    "Choices",
    "ConvenerBot",
    "Policy",
    "make_policy",
    "plan_table",
    "random_policy",
]
