"""Charts drawn from their one definition (app/charts.py) as images, with
vl-convert: SVG for the report page and the PDF, PNG for the Word file.
Called only in the worker process (DESIGN.md, "Outputs").

Every image is laid out in the report's own fonts (static/css/report.css),
installed fonts that vl-convert measures and the PDF draws alike: a generic
`system-ui` would be measured in one font and drawn in a wider one, and its
labels would overrun. Specs carry their data inline, so no address may be
fetched while drawing.
"""

import vl_convert

REPORT_FONT = '"Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif'
PNG_SCALE = 2  # sharp when printed
NO_FETCHING = {"allowed_base_urls": []}


def svg(spec):
    return vl_convert.vegalite_to_svg(in_report_font(spec), **NO_FETCHING)


def png(spec):
    return vl_convert.vegalite_to_png(
        in_report_font(spec), scale=PNG_SCALE, **NO_FETCHING
    )


def in_report_font(spec):
    return {**spec, "config": {**spec.get("config", {}), "font": REPORT_FONT}}
