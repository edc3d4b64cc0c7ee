"""The version of the rules this engine plays: every save records it.

Bump `RULES_VERSION` when a rule changes what a seed and actions produce, that is, when
any state hash after any action changes (the pinned hashes in tests/engine fail then, and
`make golden` regenerates them). A save played under other rules is intact but cannot be
re-simulated here, so `sim verify`, resume and replay say exactly that instead of calling
it damaged. A change that leaves every state as it was (a label, a refactor) keeps it.
"""

RULES_VERSION = 4
