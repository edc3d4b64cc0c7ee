"""tui/replay"""
