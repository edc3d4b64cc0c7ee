"""Bots: the convener a script plays (and a random one), each from its seat's view."""
