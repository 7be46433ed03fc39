"""Charts drawn from their one definition (app/charts.py) as images, with
vl-convert: SVG for the report page and the PDF, PNG for the Word file.
Called only in the worker process (DESIGN.md, "Outputs")."""

import vl_convert

PNG_SCALE = 2  # sharp when printed


def svg(spec):
    return vl_convert.vegalite_to_svg(spec)


def png(spec):
    return vl_convert.vegalite_to_png(spec, scale=PNG_SCALE)
