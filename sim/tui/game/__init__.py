"""tui/game"""
