"""The report's HTML body, as the report page and a share link show it.

Made by the worker (app/exports/runner.py `report_html`): a large
workshop's report takes a tenth of a second or more to build, which the
live server's event loop must not spend (DESIGN.md, "Storage and scale").
"""

import dataclasses

from flask import render_template_string, url_for

from app.report import model, redaction, sharing

BODY = (
    '{% from "report/_report.html" import report_body %}'
    "{{ report_body(report, chart_src) }}"
)
# The team's own page: what publishing withholds is shown there, marked.
# Anything else (a share link, or a page not named here) is published.
TEAM_CHARTS = "report.chart"


def report_body_html(workshop, chart_endpoint, chart_values, words=None):
    """The report of `workshop` as HTML (autoescaped by its template), its
    chart images at `chart_endpoint`; `words` (the facilitator's summary,
    key messages and next steps as typed) stand in for the saved ones in a
    preview."""
    view = redaction.TEAM if chart_endpoint == TEAM_CHARTS else redaction.PUBLISHED
    link = sharing.link_named(chart_values.get("token"))
    if link is not None and link.activity_id is not None:
        return sharing.pathway_body(workshop, link, chart_endpoint, chart_values)
    report = model.build(workshop, view)
    if words is not None:
        report = dataclasses.replace(
            report,
            summary=model.paragraphs(words.get("summary") or ""),
            key_messages=model.lines(words.get("key_messages") or ""),
            next_steps=model.lines(words.get("next_steps") or ""),
        )

    def chart_src(section, chart):
        values = {**chart_values, "activity_id": section.id, "chart_key": chart.key}
        return url_for(chart_endpoint, **values)

    return render_template_string(BODY, report=report, chart_src=chart_src)
