"""The `sim` command line: the contract that tests, tools and facilitators rely on.

Exit codes: 0 success, 1 the input was checked and is wrong, 2 usage error.
Errors go to stderr, one readable line each, never a traceback.

`parser` builds the `sim` parser from one module per group of commands; each group's
`add_commands` registers its subcommands, and each handler returns the exit code. Command
modules import only the standard library at import time, so `sim --help` stays fast and
the heavy layers (numpy, the engine, Textual) load only for the command that needs them.
"""

from sim.cli.parser import main

__all__ = ["main"]
