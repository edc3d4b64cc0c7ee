"""tui/home"""
