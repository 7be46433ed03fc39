"""Fault tests: a real server process killed and restarted under load."""
