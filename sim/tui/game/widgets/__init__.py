"""tui/game/widgets"""
