"""The report as a PDF: the report's own HTML (templates/report/document.html)
with its print styles, laid out by WeasyPrint in the worker process.

Everything the document shows is in the one HTML string: charts come as
data: URIs of their SVG and the stylesheet is read from its file, so the
renderer is given a fetcher that refuses every other address. No text in a
report can make the worker fetch anything, local or remote.
"""

import base64
from pathlib import Path

from flask import current_app, render_template
from flask_babel import get_locale
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from app.exports import chart_images
from app.report.document import Chart
from app.report.model import build

STYLESHEET = Path("css", "report.css")  # under the app's static folder


def data_only_fetcher():
    """A fetcher for data: URIs alone; any other address fails to load."""
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def chart_uris(report):
    """Each chart's SVG as a data: URI, by (section id, chart key)."""
    return {
        (section.id, block.key): _svg_uri(chart_images.svg(block.spec))
        for section in report.sections
        for block in section.blocks
        if isinstance(block, Chart)
    }


def document_html(report, charts):
    """The standalone HTML of `report`, with `charts` from chart_uris."""
    return render_template(
        "report/document.html",
        report=report,
        language=str(get_locale() or "en"),
        chart_src=lambda section, chart: charts.get((section.id, chart.key), ""),
    )


def render_pdf(report, charts=None):
    """`report` as PDF bytes (its charts drawn here unless given)."""
    if charts is None:
        charts = chart_uris(report)
    fetcher = data_only_fetcher()
    html = HTML(string=document_html(report, charts), url_fetcher=fetcher)
    stylesheet = CSS(filename=_stylesheet_path(), url_fetcher=fetcher)
    return html.write_pdf(stylesheets=[stylesheet], pdf_tags=True)


def write_pdf(workshop, path, progress):
    """Build `workshop`'s report, draw its charts, and write it as PDF at `path`."""
    report = build(workshop)
    progress(10)
    charts = chart_uris(report)
    progress(50)
    Path(path).write_bytes(render_pdf(report, charts))
    progress(100)


def _svg_uri(svg):
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def _stylesheet_path():
    return Path(current_app.static_folder) / STYLESHEET
