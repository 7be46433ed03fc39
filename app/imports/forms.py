"""The import page's form: one archive file."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField


class ImportForm(FlaskForm):
    archive = FileField(
        _l("Workshop archive"),
        validators=[FileRequired(message=_l("Choose an archive file to import."))],
        description=_l(
            "A .zip file made with “Archive (to import elsewhere)” on a "
            "workshop's report, in this or another Common Ground install."
        ),
        render_kw={"accept": ".zip,application/zip"},
    )
    submit = SubmitField(_l("Import workshop"))
