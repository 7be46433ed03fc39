"""Full-text search across a team's saved workshops (DESIGN.md, "Outputs";
issue 9, team review).

One interface (`app.search.service.search`) over two backends chosen by the
database's dialect (`app.search.backends`): SQLite's FTS5 and PostgreSQL's
tsvector with a GIN index. What is searched is a copy, the `search_entry`
table (app/models/search.py), built from each workshop as the report sees
it (`app.search.collect`) and rebuilt before a search whenever the workshop
has changed since (`app.search.index`).

This package's __init__ imports nothing: the model imports `ddl` from here.
"""
