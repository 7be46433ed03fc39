"""The import page (`imports.upload`, GET and POST /workshops/import):
facilitators only; a good archive becomes a workshop of their team and
opens its console; a bad one is refused on the page, with nothing written."""

import io
import zipfile

import pytest
import sqlalchemy as sa

from app.exports.archive import write_json
from app.extensions import db
from app.models import Workshop
from config import TestingConfig
from tests import builders
from tests.apps import app_with
from tests.exports.every_kind import every_kind

URL = "/workshops/import"
XSS = "<script>alert(1)</script>"


def workshop_count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Workshop))


def posted(client, data, name="archive.zip"):
    return client.post(
        URL,
        data={"archive": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


@pytest.fixture
def archive(app, tmp_path):
    """An archive of a workshop of every kind, from another team."""
    room = every_kind(builders.make_team("Exporters"))
    room.workshop.title = XSS
    db.session.commit()
    path = tmp_path / "archive.zip"
    write_json(room.workshop, path, lambda percent: None)
    return path.read_bytes()


def test_a_facilitator_sees_the_form(client, facilitator):
    response = client.get(URL)

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page and 'name="archive"' in page


def test_the_workshops_page_links_facilitators_to_it(client, facilitator):
    assert b'href="/workshops/import"' in client.get("/workshops/").data


def test_a_reviewer_may_neither_see_nor_use_it(client, team, auth, archive):
    reviewer = builders.make_user(team, role="reviewer", email="r@example.org")
    auth.login(reviewer)
    before = workshop_count()

    assert client.get(URL).status_code == 403
    assert posted(client, archive).status_code == 403
    assert workshop_count() == before
    assert b'href="/workshops/import"' not in client.get("/workshops/").data


def test_someone_signed_out_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_an_archive_becomes_a_workshop_of_the_team(client, facilitator, archive):
    """The new workshop's console opens with a message; the title, which
    looks like script, shows as text on the workshops page."""
    response = posted(client, archive)

    workshop = db.session.scalar(
        sa.select(Workshop).filter_by(team_id=facilitator.team_id)
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/workshops/{workshop.public_id}/"
    assert workshop.title == XSS and workshop.is_open
    listing = client.get("/workshops/").data
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in listing
    assert XSS.encode() not in listing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip at all", "not a Common Ground workshop archive"),
        (b"PK\x03\x04broken", "damaged or incomplete"),
    ],
)
def test_a_bad_file_is_refused_on_the_page(client, facilitator, data, message):
    before = workshop_count()

    response = posted(client, data)

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert workshop_count() == before


def test_a_newer_archive_says_so(client, facilitator):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as made:
        made.writestr(
            "workshop.json", '{"format": "common-ground-workshop", "version": 2}'
        )

    response = posted(client, buffer.getvalue())

    assert response.status_code == 400
    assert "newer version of Common Ground (format 2)" in response.get_data(
        as_text=True
    )


def test_posting_no_file_asks_for_one(client, facilitator):
    response = client.post(URL, data={}, content_type="multipart/form-data")

    assert response.status_code == 400
    assert "Choose an archive file to import." in response.get_data(as_text=True)


class CsrfOn(TestingConfig):
    WTF_CSRF_ENABLED = True


def test_a_post_without_its_csrf_token_is_refused():
    """With CSRF protection on (as outside tests), a forged post is refused
    before anything else is looked at."""
    with app_with(CsrfOn) as app:
        response = posted(app.test_client(), b"anything")

        assert response.status_code == 400
        assert "This form has expired" in response.get_data(as_text=True)
        assert workshop_count() == 0
