"""Interface language: choosing it, remembering it, Welsh with English fallback.

The catalogue is compiled here when the .mo is missing or older than the .po,
so these tests never depend on `make translations` having run first.
"""

import html
import io
import os
import re
import tempfile
from gettext import GNUTranslations
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import render_template_string
from flask_babel import get_locale, gettext

from app.extensions import db
from app.models import User
from app.vocabulary import ENGAGEMENT_QUOTES, ENGAGEMENT_SOURCE
from tests import builders
from tests.conftest import Auth, join_as

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "app" / "translations"
POT = TRANSLATIONS / "messages.pot"
WELSH_PO = TRANSLATIONS / "cy" / "LC_MESSAGES" / "messages.po"
WELSH_MO = WELSH_PO.with_suffix(".mo")
NOT_IN_ANY_CATALOGUE = "A sentence that no catalogue translates."


def _read_po(path):
    with open(path, "rb") as f:
        return read_po(f)


def _msgids(catalog):
    """The (msgid, context) pairs of a catalogue, without its header."""
    return {(_singular(m.id), m.context) for m in catalog if m.id}


def _singular(msgid):
    return msgid[0] if isinstance(msgid, (list, tuple)) else msgid


@pytest.fixture(scope="session", autouse=True)
def welsh_catalogue_compiled():
    """Compile the Welsh catalogue as `make translations` does (fuzzy kept)."""
    if WELSH_MO.exists() and WELSH_MO.stat().st_mtime >= WELSH_PO.stat().st_mtime:
        return
    catalog = _read_po(WELSH_PO)
    fd, tmp = tempfile.mkstemp(dir=WELSH_MO.parent, suffix=".mo.tmp")
    with os.fdopen(fd, "wb") as f:
        write_mo(f, catalog, use_fuzzy=True)
    os.chmod(tmp, 0o644)  # as pybabel leaves it, not mkstemp's 0600
    os.replace(tmp, WELSH_MO)


def _text(response):
    """A response body as text, with HTML entities (&#39; etc.) decoded."""
    return html.unescape(response.get_data(as_text=True))


def _choose(client, language, next_page="/"):
    return client.post("/language", data={"language": language, "next": next_page})


def _session_language(client):
    with client.session_transaction() as session:
        return session.get("language")


def test_choosing_welsh_shows_welsh_on_the_next_page(client):
    """POST /language cy redirects back, and that page is in Welsh."""
    response = _choose(client, "cy", "/")
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/"

    page = client.get("/")
    text = _text(page)
    assert '<html lang="cy">' in text
    assert "Ymuno â gweithdy" in text  # nav: Join a workshop
    assert "Mewngofnodi" in text  # nav: Sign in
    assert "Neidio i'r cynnwys" in text  # skip link
    assert "Sign in" not in text
    assert '<option value="cy" lang="cy" selected' in text


def test_welsh_choice_persists_in_the_session(client):
    """The choice is kept in a permanent session and holds on later pages."""
    _choose(client, "cy")
    with client.session_transaction() as session:
        assert session["language"] == "cy"
        assert session.permanent

    for path in ("/", "/join", "/rejoin", "/auth/login"):
        page = client.get(path, follow_redirects=True)
        assert '<html lang="cy">' in _text(page), path
    # Stays Welsh even when the browser prefers English.
    page = client.get("/", headers={"Accept-Language": "en"})
    assert '<html lang="cy">' in _text(page)


def test_choosing_english_again_switches_back(client):
    """A second choice replaces the first."""
    _choose(client, "cy")
    _choose(client, "en")
    text = _text(client.get("/", headers={"Accept-Language": "cy"}))
    assert '<html lang="en">' in text
    assert "Join a workshop" in text


def test_signed_in_choice_is_saved_on_the_account(app, client, facilitator):
    """A signed-in person's choice is stored as User.language."""
    _choose(client, "cy", "/workshops/")
    db.session.expire_all()
    assert db.session.get(User, facilitator.id).language == "cy"


def test_account_language_applies_in_a_new_session_after_login(
    app, client, facilitator
):
    """Signing in on another browser brings the saved language with it."""
    _choose(client, "cy", "/workshops/")

    other = app.test_client()
    Auth(other).login(facilitator)
    assert _session_language(other) is None  # comes from the account, not here
    page = other.get("/workshops/", headers={"Accept-Language": "en"})
    text = _text(page)
    assert page.status_code == 200
    assert '<html lang="cy">' in text
    assert "Gweithdai" in text  # Workshops
    assert "Allgofnodi" in text  # Sign out


@pytest.mark.parametrize(
    "header", ["cy", "cy-GB", "cy-GB,en;q=0.8", "fr;q=0.9,cy", "CY", "cy_GB,en"]
)
def test_browser_asking_for_welsh_gets_welsh(client, header):
    """With no choice made, Accept-Language that prefers Welsh gives Welsh."""
    text = _text(client.get("/", headers={"Accept-Language": header}))
    assert '<html lang="cy">' in text
    assert "Ymuno â gweithdy" in text


@pytest.mark.parametrize(
    "header",
    ["fr", "de-DE,fr;q=0.5", "en-GB,cy;q=0.5", "en-GB,en;q=0.9,cy", "cy;q=0", "*", ""],
)
def test_browser_asking_for_another_language_gets_english(client, header):
    """Languages the app lacks, or English first, give English."""
    text = _text(client.get("/", headers={"Accept-Language": header}))
    assert '<html lang="en">' in text
    assert "Join a workshop" in text
    assert "Mewngofnodi" not in text


def test_untranslated_string_falls_back_to_english(app):
    """In the Welsh interface a string without a Welsh msgstr stays English."""
    with app.test_request_context(headers={"Accept-Language": "cy"}):
        assert str(get_locale()) == "cy"
        assert gettext("Sign in") == "Mewngofnodi"  # the catalogue is loaded
        assert gettext(NOT_IN_ANY_CATALOGUE) == NOT_IN_ANY_CATALOGUE
        untranslated = [m.id for m in _read_po(WELSH_PO) if m.id and not m.string]
        for msgid in untranslated:
            if isinstance(msgid, str):
                assert gettext(msgid) == msgid


def test_untranslated_string_falls_back_on_a_welsh_page(app):
    """A Welsh page mixes Welsh and English per string, never failing."""
    template = "{{ _('Sign in') }} / {{ _(missing) }}"
    with app.test_request_context(headers={"Accept-Language": "cy"}):
        rendered = render_template_string(template, missing=NOT_IN_ANY_CATALOGUE)
    assert rendered == f"Mewngofnodi / {NOT_IN_ANY_CATALOGUE}"


@pytest.mark.parametrize("code", ["fr", "", "xx-evil", "CY", "cy-GB"])
def test_unknown_language_code_is_refused(client, code):
    """An unknown code is a 400 with a clear message and sets nothing."""
    response = _choose(client, code)
    assert response.status_code == 400
    assert "Unknown language." in _text(response)
    assert _session_language(client) is None


def test_unknown_language_code_changes_nothing_already_chosen(client, facilitator):
    """A refused code leaves the session's and the account's language as they were."""
    _choose(client, "cy", "/workshops/")
    response = _choose(client, "fr", "/workshops/")
    assert response.status_code == 400
    assert "Iaith anhysbys." in _text(response)  # the message, in Welsh
    assert _session_language(client) == "cy"
    db.session.expire_all()
    assert db.session.get(User, facilitator.id).language == "cy"


@pytest.mark.parametrize(
    "next_page",
    [
        "//evil.example",
        "//evil.example/path",
        "https://evil.example/",
        "http:evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "javascript:alert(1)",
        " //evil.example",
        "",
    ],
)
def test_next_off_site_is_not_followed(client, next_page):
    """A `next` that is not a path on this site redirects home instead."""
    response = _choose(client, "cy", next_page)
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.netloc in ("", "localhost")
    assert location.path == "/"
    assert not response.headers["Location"].startswith("//")
    assert _session_language(client) == "cy"  # the choice itself still counts


def test_next_on_site_is_followed(client, workshop):
    """A `next` path on this site, query included, is where the chooser returns."""
    target = f"/join/{workshop.join_code}?from=chooser"
    response = _choose(client, "cy", target)
    assert response.status_code == 302
    assert response.headers["Location"] == target


def test_join_form_is_in_welsh(client, workshop):
    """Labels, hints, role and organisation lists, consents and privacy notes."""
    _choose(client, "cy")
    text = _text(client.get(f"/join/{workshop.join_code}"))
    for welsh in [
        "Eich enw fel y bydd eraill yn ei weld",  # display name label
        "Mae enw cyntaf neu lysenw yn iawn.",  # its hint
        "Pa un sy'n eich disgrifio orau yma?",
        "Dewiswch un…",
        "Comisiynydd",
        "Person â phrofiad bywyd",
        "Gofalwr neu aelod o'r teulu",
        "Sefydliad (dewisol)",
        "Math o sefydliad",
        "Cyngor",
        "Darparwr gwirfoddol",
        "Grŵp cymunedol neu grŵp dan arweiniad defnyddwyr",
        "Rwy'n cytuno i gael fy enwi yn allbynnau'r gweithdy",
        "Rwy'n cytuno y gellir dyfynnu fy ngeiriau yn allbynnau'r gweithdy",
        "Beth rydym yn ei gadw, ac am ba hyd",
        "Dim cyfrif, cyfeiriad e-bost na chyfrinair.",
        f"Mae {workshop.team.name} yn cadw hyn am "
        f"{workshop.team.retention_days} diwrnod",
        "Ymgynghori",  # the workshop's level of engagement
        "Ymuno â'r gweithdy",  # submit button
    ]:
        assert welsh in text, welsh
    assert "Commissioner" not in text
    assert "Your name as others will see it" not in text


def test_join_form_errors_are_in_welsh(client, workshop):
    """Validation messages from lazy strings follow the interface language."""
    _choose(client, "cy")
    response = client.post(f"/join/{workshop.join_code}", data={"display_name": ""})
    text = _text(response)
    assert "Cywirwch y meysydd sydd wedi'u hamlygu" in text
    assert "Mae'r maes hwn yn ofynnol." in text
    assert "This field is required." not in text


def test_participant_page_is_welsh_but_quoted_method_text_stays_english(
    client, workshop
):
    """The participant page is Welsh; the quoted source is English, marked lang=en."""
    _choose(client, "cy")
    joined = join_as(client, workshop, display_name="Siân")
    assert joined.status_code == 302
    text = _text(client.get(joined.headers["Location"]))
    assert '<html lang="cy">' in text
    assert "Rydych i mewn, Siân." in text
    assert "Am y gweithdy hwn" in text
    assert "Eich cod ailymuno" in text
    quote = ENGAGEMENT_QUOTES[workshop.engagement_level]
    assert f'<q lang="en" cite="#engagement-source">{quote}</q>' in text
    assert f'<cite lang="en">{ENGAGEMENT_SOURCE}</cite>' in text


def test_console_headings_are_in_welsh(client, facilitator, workshop):
    """A facilitator's console in Welsh: headings and the join panel."""
    _choose(client, "cy")
    response = client.get(f"/workshops/{workshop.public_id}/")
    text = _text(response)
    assert response.status_code == 200
    for welsh in ["Pwy sydd yma", "Cod ymuno", "Dolen ymuno", "Lefel yr ymgysylltu:"]:
        assert welsh in text, welsh
    assert "Who is here" not in text


def test_error_pages_are_in_the_chosen_language(client):
    """A 404 in the Welsh interface explains itself in Welsh."""
    _choose(client, "cy")
    response = client.get("/no-such-page")
    text = _text(response)
    assert response.status_code == 404
    assert '<html lang="cy">' in text
    assert "Nid yw'r dudalen hon yn bodoli, neu ni allwch ei gweld." in text
    assert "Mynd i'r hafan" in text


def test_sign_in_page_is_in_welsh(client):
    """The sign-in page and its form labels are Welsh."""
    builders.make_user(builders.make_team())  # so /auth/login is not setup
    _choose(client, "cy")
    text = _text(client.get("/auth/login"))
    for welsh in ["Mewngofnodi", "Cyfeiriad e-bost", "Cyfrinair", "ymuno â chod"]:
        assert welsh in text, welsh


def test_every_welsh_msgid_is_in_the_template_and_the_catalogue_compiles():
    """The .po holds only msgids from the .pot and compiles without errors."""
    pot, welsh = _read_po(POT), _read_po(WELSH_PO)
    assert _msgids(welsh) - _msgids(pot) == set()

    errors = [
        (message.id, [str(error) for error in found])
        for message, found in welsh.check()
    ]
    assert errors == []

    compiled = io.BytesIO()
    write_mo(compiled, welsh, use_fuzzy=True)
    compiled.seek(0)
    translations = GNUTranslations(compiled)
    assert translations.gettext("Sign out") == "Allgofnodi"


def test_welsh_catalogue_has_every_template_msgid():
    """Every msgid in the .pot was merged into the Welsh .po (translated or not)."""
    missing = _msgids(_read_po(POT)) - _msgids(_read_po(WELSH_PO))
    assert missing == set(), "run `make translations-update`"


def test_welsh_catalogue_keeps_placeholders():
    """Every Welsh msgstr has exactly the %(name)s placeholders of its msgid."""
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for message in _read_po(WELSH_PO):
        if message.id and message.string and isinstance(message.id, str):
            assert sorted(placeholder.findall(message.string)) == sorted(
                placeholder.findall(message.id)
            ), message.id


def test_messages_pot_is_up_to_date():
    """A fresh extraction over babel.cfg finds no msgid the committed .pot lacks."""
    with open(ROOT / "babel.cfg") as f:
        method_map, options_map = parse_mapping_cfg(f, filename="babel.cfg")
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    fresh = {
        (_singular(message), context)
        for _filename, _lineno, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords
        )
        if _singular(message)
    }
    committed = _msgids(_read_po(POT))
    assert fresh - committed == set(), "run `make translations-update`"
    assert committed - fresh == set(), "stale msgids: run `make translations-update`"
