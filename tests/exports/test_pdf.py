"""The PDF (app/exports/pdf.py): the report's own HTML laid out by
WeasyPrint, read back with pypdf; user text printed as typed; and a renderer
that loads nothing but the data: URIs the document carries."""

import dataclasses
import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pypdf
import pytest
from flask_babel import force_locale
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from app.exports import pdf
from tests.builders import add_note, make_board
from tests.report import samples


def pdf_text(data):
    """All the PDF's text, with runs of whitespace made single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


@pytest.fixture
def sample_pdf(request_context):
    return pdf.render_pdf(samples.sample_report())


def test_the_pdf_holds_the_whole_report(sample_pdf):
    """Title, summary, every activity, a note, and each chart's text
    alternative are in the PDF's text."""
    assert sample_pdf.startswith(b"%PDF-")
    text = pdf_text(sample_pdf)
    for expected in (
        "Home care provider forum",
        "Providers and commissioners met to look at home care.",
        "Who took part",
        "What works well now?",
        "The road to good care",
        "More time with the same carer",
        "Quoted from the method",
        *samples.distribution_chart().lines,
        *samples.spectrum_chart().lines,
    ):
        assert " ".join(expected.split()) in text


def test_markup_in_user_text_is_printed_as_typed(sample_pdf):
    """A note with <script> and <b> appears as those characters, not as an
    element (nothing bold, nothing run)."""
    text = pdf_text(sample_pdf)
    assert "<script>alert(1)</script> <b>not bold</b> & co" in text
    assert samples.FORMULA in text


def test_the_pdf_is_a4_with_numbered_pages(sample_pdf):
    """A4 pages, each numbered "n / total" in its footer."""
    reader = pypdf.PdfReader(io.BytesIO(sample_pdf))
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        assert f"{number} / {total}" in page.extract_text()


def test_charts_are_embedded_as_svg_data_uris(request_context):
    """Each chart becomes a data: URI of its SVG, keyed by section and chart."""
    report = samples.sample_report()
    uris = pdf.chart_uris(report)
    assert set(uris) == {("act-checklist", "overall"), ("act-spectrum", "overall")}
    assert all(uri.startswith("data:image/svg+xml;base64,") for uri in uris.values())
    html = pdf.document_html(report, uris)
    assert html.count('src="data:image/svg+xml;base64,') == 2


def test_the_document_takes_the_jobs_language(request_context):
    """The standalone document's lang is the language it is rendered in."""
    with force_locale("cy"):
        html = pdf.document_html(samples.sample_report(), {})
    assert '<html lang="cy">' in html


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.css",
        "file:///etc/passwd",
        "ftp://example.org/x",
    ],
)
def test_the_fetcher_refuses_anything_but_data_uris(url):
    """Only data: URIs load; every other scheme is refused before any I/O."""
    with pytest.raises(ValueError, match="disallowed protocol"):
        pdf.data_only_fetcher()(url)


def test_the_fetcher_loads_data_uris():
    response = pdf.data_only_fetcher()("data:text/plain;base64,aGk=")
    assert response.read() == b"hi"


class CountingHandler(BaseHTTPRequestHandler):
    requests = 0

    def do_GET(self):  # noqa: N802 (the standard library's name)
        type(self).requests += 1
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    """A server on the loopback address that counts the requests it gets."""
    CountingHandler.requests = 0
    server = HTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_image_address_in_the_html_is_never_fetched(local_server):
    """Even an <img> that reached the HTML could not make the worker fetch
    it; the same document with WeasyPrint's default fetcher does."""
    html = f'<p>Hello</p><img src="{local_server}/x.png">'
    HTML(string=html, url_fetcher=pdf.data_only_fetcher()).write_pdf()
    assert CountingHandler.requests == 0
    HTML(string=html, url_fetcher=URLFetcher(timeout=5)).write_pdf()
    assert CountingHandler.requests == 1


def test_user_text_naming_an_address_fetches_nothing(local_server, request_context):
    """A note whose text is an <img> tag stays text: no request is made."""
    report = samples.sample_report()
    image = f'<img src="{local_server}/note.png">'
    style = f'<link rel="stylesheet" href="{local_server}/s.css">'
    report = dataclasses.replace(report, summary=(f"{image} {style}",))
    text = pdf_text(pdf.render_pdf(report))
    assert CountingHandler.requests == 0
    assert image in text


def test_write_pdf_from_a_workshop(cast, tmp_path, request_context):
    """Built from a real workshop: its title, its board and a note's text
    are in the PDF, and progress goes 10, 50, 100."""
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, text="Evening visits <b>please</b>")
    path, progress = tmp_path / "report.pdf", []
    pdf.write_pdf(cast.workshop, path, progress.append)
    assert progress == [10, 50, 100]
    text = pdf_text(path.read_bytes())
    assert "Test workshop" in text
    assert "Ideas" in text
    assert "Evening visits <b>please</b>" in text
