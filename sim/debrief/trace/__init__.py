"""Re-simulating a save step by step: a Frame of figures after every step, the events each
step produced, the live scorecard over time, and the timeline grouped by stage."""
