"""QR codes for join links, drawn by segno as SVG."""

import io

import segno


def qr_svg(url):
    """An SVG QR code for `url`, sized by the page, dark on light."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        scale=10,
        border=2,
        xmldecl=False,
        svgns=True,
        title="QR code",
        omitsize=True,
    )
    return buffer.getvalue()
