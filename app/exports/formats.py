"""Every export format: its file name extension, media type, label, and the
module whose `write(workshop, path, progress)` makes it. `write` runs in the
worker, inside an app context, a reading transaction and the job's language;
`progress(percent)` reports how far it has got."""

from dataclasses import dataclass
from importlib import import_module

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Format:
    key: str
    label: object
    extension: str
    mimetype: str
    module: str


FORMATS = {
    format.key: format
    for format in (
        Format("pdf", _l("PDF"), "pdf", "application/pdf", "app.exports.pdf"),
        Format(
            "docx",
            _l("Word (.docx)"),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "app.exports.docx",
        ),
        Format("md", _l("Markdown"), "md", "text/markdown", "app.exports.markdown"),
        Format("csv", _l("CSV (raw data)"), "csv", "text/csv", "app.exports.tables"),
        Format(
            "xlsx",
            _l("Excel (raw data)"),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "app.exports.tables",
        ),
        Format(
            "json",
            _l("Archive (to import elsewhere)"),
            "zip",
            "application/zip",
            "app.exports.archive",
        ),
    )
}


def write(key, workshop, path, progress):
    """Make format `key` of `workshop`'s report at `path`."""
    module = import_module(FORMATS[key].module)
    writer = getattr(module, f"write_{key}", None) or module.write
    writer(workshop, path, progress)
