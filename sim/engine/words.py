"""The game's own words shared by every layer that shows them: stages, asks, representatives.

Screens, the debrief and the event feed name these the same way, so one table of them
lives beside the rules they describe.
"""

from __future__ import annotations

STAGES = ("forming", "storming", "norming", "performing", "adjourning")
ASKS: dict[str, str] = {
    "letter": "a letter",
    "staff_call": "a staff call",
    "convener_meeting": "a meeting with the convener",
    "champion": "a call from a champion",
}
REPRESENTATIVES: dict[str, str] = {
    "designee": "designee",
    "doer": "doer",
    "decision_maker": "decision-maker",
}
