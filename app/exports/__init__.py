"""Exports of a workshop's report, made off the live server.

`formats` names each format and the module that writes it; the worker
process (`worker`) writes them, `runner` starts it and talks to it, and
`jobs` keeps the job rows the person who asked is shown.
"""
