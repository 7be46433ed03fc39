"""The method library: built-in methods, and the team's copies, edited with
forms. Every team member may read it; facilitators copy, edit and delete."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from pydantic import ValidationError

from app.auth.access import facilitator_required
from app.forms import ConfirmForm
from app.library import bp, service
from app.library.editing import edited_content, form_data
from app.library.forms import FORMS
from app.library.rows import name_rows, offer_blank_rows, problems
from app.methods.library import get_builtin
from app.methods.texts import display

KIND_NAMES = {
    "board": _l("Board: notes in columns"),
    "checklist": _l("Checklist: items scored on a scale"),
    "spectrum": _l("Spectrum: where we are between two poles"),
    "scenario": _l("Scenario: topics discussed in groups"),
    "pathway": _l("Pathway: the steps a person takes through a service"),
    "actions": _l("Actions: last time's actions reviewed with the room"),
}


@bp.context_processor
def _names():
    return {"KIND_NAMES": KIND_NAMES}


@bp.route("/")
@login_required
def index():
    """The built-in methods and the team's own copies."""
    builtin = service.builtin_list()
    return render_template(
        "library/index.html",
        builtin=builtin,
        builtin_titles={m.id: display(m.title.model_dump()) for m in builtin},
        copies=service.team_copies(current_user.team_id),
    )


@bp.route("/builtin/<method_id>")
@login_required
def builtin(method_id):
    """One built-in method in full, with its source credited."""
    method = service.builtin_or_404(method_id)
    return render_template(
        "library/show.html",
        method=method.as_content(),
        copy=None,
        builtin_id=method.id,
        confirm_form=ConfirmForm(),
    )


@bp.route("/builtin/<method_id>/copy", methods=["POST"])
@facilitator_required
def copy(method_id):
    """Copy a built-in method into the team's library, then edit the copy."""
    method = service.builtin_or_404(method_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    row = service.copy_builtin(method, current_user)
    flash(
        _("Copied to your team's library. Change what you need, then save."),
        "success",
    )
    return redirect(url_for("library.edit", public_id=row.public_id))


@bp.route("/<public_id>")
@login_required
def show(public_id):
    """One of the team's copies in full, and what it was copied from."""
    row = service.team_copy_or_404(public_id)
    return render_template(
        "library/show.html",
        method=row.content,
        copy=row,
        original=get_builtin(row.copied_from),
        confirm_form=ConfirmForm(),
    )


@bp.route("/<public_id>/edit", methods=["GET", "POST"])
@facilitator_required
def edit(public_id):
    """Edit a copy's words, rows and scale; each save is a new version."""
    row = service.team_copy_or_404(public_id)
    form_class = FORMS[row.kind]
    if request.method == "POST":
        form = form_class()
        if form.validate_on_submit() and _save(row, form):
            flash(_("“%(title)s” saved.", title=form.title.data), "success")
            return redirect(url_for("library.show", public_id=row.public_id))
    else:
        form = form_class(data={**form_data(row.content), "version": row.version})
        offer_blank_rows(form)
    name_rows(form)
    return render_template(
        "library/edit.html", form=form, copy=row, problems=problems(form)
    )


def _save(row, form):
    """Save the form's edit of `row`, or put why not on the form; True if saved."""
    seen = row.version
    if form.version.data == str(seen):
        try:
            content = edited_content(row.content, form.data, seen + 1)
        except ValidationError as error:
            form.form_errors.extend(_describe(detail) for detail in error.errors())
            return False
        if service.save_copy(row, content, seen):
            return True
    message = _(
        "Someone else saved this method while you were editing it. Open it "
        "again to see their changes, then make yours."
    )
    form.form_errors.append(message)
    return False


def _describe(detail):
    where = ".".join(str(part) for part in detail["loc"][1:])
    return _(
        "This would not make a valid method (%(where)s): %(problem)s",
        where=where,
        problem=detail["msg"],
    )


@bp.route("/<public_id>/delete", methods=["POST"])
@facilitator_required
def delete(public_id):
    """Remove a copy from the team's library; activities keep their own copy."""
    row = service.team_copy_or_404(public_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    title = display(row.content["title"])
    service.delete_copy(row)
    flash(
        _(
            "“%(title)s” is no longer in your team's library. Activities made "
            "from it keep their own copy.",
            title=title,
        ),
        "success",
    )
    return redirect(url_for("library.index"))
