"""A workshop's report: one model (app/report/model.py) of plain blocks
(app/report/document.py), which the page, the share link and every export
render alike."""
