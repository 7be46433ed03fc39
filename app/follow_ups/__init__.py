"""A series' actions, "you said, we did": the write path (actions.py), what
they can be made from (sources.py), how they are read (service.py), their
part of a workshop's report (report.py) and their pages (routes.py)."""
