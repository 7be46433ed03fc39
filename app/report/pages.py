"""The report's HTML body, as the report page and a share link show it.

Made by the worker (app/exports/runner.py `report_html`): a large
workshop's report takes a tenth of a second or more to build, which the
live server's event loop must not spend (DESIGN.md, "Storage and scale").
"""

import dataclasses

from flask import render_template_string, url_for

from app.report import model

BODY = (
    '{% from "report/_report.html" import report_body %}'
    "{{ report_body(report, chart_src) }}"
)


def report_body_html(workshop, chart_endpoint, chart_values, words=None):
    """The report of `workshop` as HTML (autoescaped by its template), its
    chart images at `chart_endpoint`; `words` (the facilitator's summary,
    key messages and next steps as typed) stand in for the saved ones in a
    preview."""
    report = model.build(workshop)
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
