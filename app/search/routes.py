"""The search page: any member of a team (facilitators and reviewers)
searches that team's saved workshops, and no other team's."""

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from app.search import service
from app.search.forms import SearchForm

bp = Blueprint("search", __name__)


@bp.route("/search")
@login_required
def index():
    """The form and, once something is typed, what matches it."""
    form = SearchForm(current_user.team_id, formdata=request.args)
    if "q" not in request.args:
        return render_template("search/index.html", form=form, results=None)
    if not form.validate():
        return render_template("search/index.html", form=form, results=None), 400
    results = service.search(
        current_user.team_id, form.terms, _filters(form), form.page.data or 1
    )
    return render_template("search/index.html", form=form, results=results)


def _filters(form):
    series = form.series_ids.get(form.series.data)
    return service.Filters(
        series_id=series[0] if series else None,
        since=form.since.data,
        until=form.until.data,
        role=form.role.data or None,
        method=form.method.data or None,
    )
