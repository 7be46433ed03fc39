"""The import page: upload an archive, get a new workshop or a clear error."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth.access import facilitator_required
from app.imports import ImportProblem
from app.imports.archive import import_archive
from app.imports.forms import ImportForm

bp = Blueprint("imports", __name__)


@bp.route("/import", methods=["GET", "POST"])
@facilitator_required
def upload():
    """Import an archive as a new workshop of the team (facilitators); a bad
    file is refused with its reason, and nothing is written."""
    form = ImportForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("imports/import.html", form=form), status
    try:
        workshop = import_archive(current_user.team, current_user, form.archive.data)
    except ImportProblem as problem:
        form.archive.errors.append(problem.message)
        return render_template("imports/import.html", form=form), 400
    flash(_("Workshop imported: “%(title)s”.", title=workshop.title), "success")
    return redirect(url_for("run.console", workshop_id=workshop.public_id))
