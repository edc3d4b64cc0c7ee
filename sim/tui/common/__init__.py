"""tui/common"""
