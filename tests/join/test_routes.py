"""Joining over HTTP: codes, the join form, rejoining, leaving and limits."""

import re

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Participant
from app.models.types import utcnow
from app.vocabulary import ENGAGEMENT_QUOTES, ENGAGEMENT_SOURCE
from config import TestingConfig
from tests import builders
from tests.apps import app_with
from tests.conftest import join_as

NO_SUCH_CODE = b"No workshop has this code. Check it against the screen and try again."
REJOIN_CODE = re.compile(r"[A-Z0-9]{3}-[A-Z0-9]{3}")


def _participants():
    return db.session.scalars(sa.select(Participant)).all()


def _participant_url(workshop):
    return f"/w/{workshop.public_id}"


def _remove(participant):
    participant.removed_at = utcnow()
    db.session.commit()


def _rejoin(client, workshop, participant, **overrides):
    data = {"code": workshop.join_code, "rejoin_code": participant.rejoin_code}
    return client.post("/rejoin", data={**data, **overrides})


# Entering the code


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(lambda code: code, id="as-shown"),
        pytest.param(lambda code: code.lower(), id="lower-case"),
        pytest.param(lambda code: code.replace("-", ""), id="no-dashes"),
        pytest.param(lambda code: code.replace("-", " "), id="spaces"),
        pytest.param(lambda code: f"  {code.lower()}  ", id="padded"),
        pytest.param(lambda code: " ".join(code.replace("-", "")), id="spaced-out"),
    ],
)
def test_entered_code_is_normalised(client, workshop, typed):
    """A join code typed with any case, spaces or dashes leads to the join form."""
    response = client.post("/join", data={"code": typed(workshop.join_code)})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/join/{workshop.join_code}"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param("AAAA-AAAA-AA", NO_SUCH_CODE, id="unknown"),
        pytest.param("4K7M", NO_SUCH_CODE, id="too-short"),
        pytest.param("4K7M-XPRT-9CX", NO_SUCH_CODE, id="too-long"),
        pytest.param("!!!!-????-##", NO_SUCH_CODE, id="punctuation"),
        pytest.param("ÄÖÜß-ÄÖÜß-ÄÖ", NO_SUCH_CODE, id="non-ascii"),
        pytest.param("", b"This field is required.", id="empty"),
        pytest.param("   ", b"This field is required.", id="blank"),
        pytest.param("X" * 25, b"Must be between 1 and 24 characters.", id="huge"),
    ],
)
def test_wrong_code_is_a_form_error(client, workshop, typed, message):
    """A code that names no workshop re-shows the form with a clear error."""
    response = client.post("/join", data={"code": typed})
    assert response.status_code == 200
    assert message in response.data
    assert b'aria-invalid="true"' in response.data


def test_join_link_with_unknown_code_is_not_found(client, workshop):
    """Following a join link with a wrong code shows the code form, not a crash."""
    response = client.get("/join/AAAA-AAAA-AA")
    assert response.status_code == 404
    assert NO_SUCH_CODE in response.data
    assert b'value="AAAA-AAAA-AA"' in response.data


def test_join_link_accepts_a_typed_code(client, workshop):
    """A join link whose code is in lower case without dashes still works."""
    code = workshop.join_code.replace("-", "").lower()
    response = client.get(f"/join/{code}")
    assert response.status_code == 200
    assert b"Join the workshop" in response.data


# The join form


def test_join_page_says_what_is_kept_and_for_how_long(client):
    """The join page states what is kept and the team's retention period."""
    team = builders.make_team(name="Shire Council team", retention_days=90)
    workshop = builders.make_workshop(team)
    page = client.get(f"/join/{workshop.join_code}").data.decode()
    assert "What we keep, and for how long" in page
    assert "No account, email address or password." in page
    assert "Shire Council team keeps this for 90 days after the workshop closes" in page


def test_join_page_offers_both_consents_unticked(client, workshop):
    """Both consents are offered, and neither is ticked to begin with."""
    page = client.get(f"/join/{workshop.join_code}").data.decode()
    for name in ("consent_named", "consent_quoted"):
        tag = re.search(rf'<input[^>]*id="{name}"[^>]*>', page).group(0)
        assert 'type="checkbox"' in tag
        assert "checked" not in tag


def test_join_creates_a_participant(client, workshop):
    """Joining saves the participant's answers and sends them to their page."""
    response = join_as(
        client,
        workshop,
        display_name="  Ann  ",
        role="lived_experience",
        organisation=" Carers Together ",
        organisation_type="community_group",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == _participant_url(workshop)
    (participant,) = _participants()
    assert participant.workshop_id == workshop.id
    assert participant.display_name == "Ann"
    assert participant.role == "lived_experience"
    assert participant.organisation == "Carers Together"
    assert participant.organisation_type == "community_group"
    assert participant.consent_named is False
    assert participant.consent_quoted is False
    assert REJOIN_CODE.fullmatch(participant.rejoin_code)
    assert participant.joined_at.tzinfo is not None
    assert participant.removed_at is None


def test_join_without_organisation_stores_none(client, workshop):
    """An organisation left blank is stored as nothing, not an empty string."""
    join_as(client, workshop, organisation="   ")
    (participant,) = _participants()
    assert participant.organisation is None


@pytest.mark.parametrize(
    ("ticked", "named", "quoted"),
    [
        pytest.param({}, False, False, id="neither"),
        pytest.param({"consent_named": "y"}, True, False, id="named-only"),
        pytest.param({"consent_quoted": "y"}, False, True, id="quoted-only"),
        pytest.param(
            {"consent_named": "y", "consent_quoted": "y"}, True, True, id="both"
        ),
    ],
)
def test_consents_are_separate_and_default_to_no(
    client, workshop, ticked, named, quoted
):
    """Each consent is recorded only when its own box is ticked."""
    join_as(client, workshop, **ticked)
    (participant,) = _participants()
    assert (participant.consent_named, participant.consent_quoted) == (named, quoted)


def test_names_at_the_limits_are_accepted(client, workshop):
    """A 60-character name and a 120-character organisation are allowed."""
    response = join_as(client, workshop, display_name="n" * 60, organisation="o" * 120)
    assert response.status_code == 302
    (participant,) = _participants()
    assert len(participant.display_name) == 60
    assert len(participant.organisation) == 120


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param({"display_name": ""}, b"This field is required.", id="no-name"),
        pytest.param(
            {"display_name": "   "}, b"This field is required.", id="blank-name"
        ),
        pytest.param(
            {"display_name": "n" * 61},
            b"Must be between 1 and 60 characters.",
            id="long-name",
        ),
        pytest.param({"role": ""}, b"This field is required.", id="no-role"),
        pytest.param({"role": "admin"}, b"Not a valid choice.", id="unknown-role"),
        pytest.param(
            {"organisation_type": ""}, b"This field is required.", id="no-org-type"
        ),
        pytest.param(
            {"organisation_type": "bank"}, b"Not a valid choice.", id="unknown-org-type"
        ),
        pytest.param(
            {"organisation": "o" * 121},
            b"Use at most 120 characters.",
            id="long-organisation",
        ),
    ],
)
def test_join_rejects_bad_input(client, workshop, fields, message):
    """Bad answers re-show the form with the error and create no participant."""
    response = join_as(client, workshop, **fields)
    assert response.status_code == 200
    assert message in response.data
    assert b"Please correct the highlighted fields" in response.data
    assert _participants() == []
    assert client.get(_participant_url(workshop)).status_code == 302


def test_join_form_has_no_bogus_aria_values(client, workshop):
    """Fields without hints or errors carry no aria attributes valued "None"."""
    page = client.get(f"/join/{workshop.join_code}").data
    assert b'="None"' not in page
    assert b"aria-invalid" not in page


# Closed workshops


def test_closed_workshop_says_closed(client, workshop):
    """A closed workshop's join page says it is closed, with status 410."""
    workshop.closed_at = utcnow()
    db.session.commit()
    response = client.get(f"/join/{workshop.join_code}")
    assert response.status_code == 410
    assert "“Test workshop” is closed".encode() in response.data
    assert b"/rejoin" in response.data


def test_closed_workshop_takes_no_new_participants(client, workshop):
    """Posting the join form to a closed workshop creates nobody."""
    workshop.closed_at = utcnow()
    db.session.commit()
    assert join_as(client, workshop).status_code == 410
    assert _participants() == []


def test_entering_a_closed_workshops_code_leads_to_the_closed_page(client, workshop):
    """The code of a closed workshop is recognised, and the next page says closed."""
    workshop.closed_at = utcnow()
    db.session.commit()
    response = client.post(
        "/join", data={"code": workshop.join_code}, follow_redirects=True
    )
    assert response.status_code == 410
    assert b"is closed" in response.data


def test_closing_keeps_those_already_in(client, workshop):
    """People who joined before the workshop closed keep their page."""
    join_as(client, workshop)
    workshop.closed_at = utcnow()
    db.session.commit()
    assert client.get(f"/join/{workshop.join_code}").status_code == 302
    assert client.get(_participant_url(workshop)).status_code == 200


# Coming back


def test_same_browser_goes_straight_to_its_page(client, workshop):
    """A browser that has joined is sent to its page, and never joins twice."""
    join_as(client, workshop, display_name="Ann")
    response = client.get(f"/join/{workshop.join_code}")
    assert response.status_code == 302
    assert response.headers["Location"] == _participant_url(workshop)
    again = join_as(client, workshop, display_name="Ann again")
    assert again.headers["Location"] == _participant_url(workshop)
    assert [p.display_name for p in _participants()] == ["Ann"]


def test_participant_page_shows_who_and_the_codes(client, workshop):
    """The participant page greets them and shows their rejoin and join codes."""
    join_as(client, workshop, display_name="Ann")
    (participant,) = _participants()
    page = client.get(_participant_url(workshop)).data.decode()
    assert "You are in, Ann." in page
    assert participant.rejoin_code in page
    assert workshop.join_code in page


def test_participant_page_needs_joining_first(client, workshop):
    """Someone who has not joined is sent from the participant page to join."""
    response = client.get(_participant_url(workshop))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/join/{workshop.join_code}"


def test_unknown_workshop_page_is_not_found(client):
    """A participant page for no workshop is 404."""
    assert client.get("/w/no-such-workshop").status_code == 404


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(lambda code: code, id="as-shown"),
        pytest.param(lambda code: code.lower().replace("-", ""), id="typed-loosely"),
        pytest.param(lambda code: f" {code.replace('-', ' ')} ", id="spaces"),
    ],
)
def test_rejoin_on_another_device(app, client, workshop, typed):
    """Join code plus rejoin code continues as the same participant elsewhere."""
    join_as(client, workshop, display_name="Ann")
    (participant,) = _participants()
    phone = app.test_client()
    response = phone.post(
        "/rejoin",
        data={
            "code": typed(workshop.join_code),
            "rejoin_code": typed(participant.rejoin_code),
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == _participant_url(workshop)
    page = phone.get(_participant_url(workshop)).data.decode()
    assert "Welcome back, Ann." in page
    assert participant.rejoin_code in page
    assert len(_participants()) == 1
    assert client.get(_participant_url(workshop)).status_code == 200


def test_rejoin_works_when_closed(app, client, workshop):
    """A closed workshop still lets its own participants rejoin."""
    join_as(client, workshop)
    (participant,) = _participants()
    workshop.closed_at = utcnow()
    db.session.commit()
    phone = app.test_client()
    assert _rejoin(phone, workshop, participant).status_code == 302
    assert phone.get(_participant_url(workshop)).status_code == 200


@pytest.mark.parametrize(
    "rejoin_code",
    [
        pytest.param("AAA-AAA", id="unknown"),
        pytest.param("AAA", id="too-short"),
        pytest.param("AAA-AAA-A", id="too-long"),
    ],
)
def test_wrong_rejoin_code_is_a_form_error(app, client, workshop, rejoin_code):
    """A rejoin code that matches nobody gives a clear error and no access."""
    join_as(client, workshop)
    (participant,) = _participants()
    phone = app.test_client()
    response = _rejoin(phone, workshop, participant, rejoin_code=rejoin_code)
    assert response.status_code == 200
    assert b"This rejoin code does not match anyone in this workshop." in response.data
    assert phone.get(_participant_url(workshop)).status_code == 302


def test_rejoin_code_only_works_in_its_own_workshop(app, client, team, workshop):
    """A rejoin code from one workshop does not open another workshop."""
    other = builders.make_workshop(team, title="Other")
    join_as(client, workshop)
    (participant,) = _participants()
    phone = app.test_client()
    response = _rejoin(phone, other, participant)
    assert response.status_code == 200
    assert b"does not match anyone" in response.data
    assert phone.get(_participant_url(other)).status_code == 302


def test_rejoin_with_wrong_join_code_is_a_form_error(app, client, workshop):
    """Rejoining with a join code that names no workshop says so."""
    join_as(client, workshop)
    (participant,) = _participants()
    response = _rejoin(app.test_client(), workshop, participant, code="AAAA-AAAA-AA")
    assert response.status_code == 200
    assert NO_SUCH_CODE in response.data


@pytest.mark.parametrize("field", ["code", "rejoin_code"])
def test_rejoin_needs_both_codes(client, workshop, field):
    """Rejoining without either code is a form error."""
    response = client.post(
        "/rejoin", data={"code": "AAAA-AAAA-AA", "rejoin_code": "AAA-AAA", field: ""}
    )
    assert response.status_code == 200
    assert b"This field is required." in response.data


# Removal


def test_removed_participant_cannot_rejoin(app, client, workshop):
    """A removed participant's rejoin code is refused with a clear message."""
    join_as(client, workshop)
    (participant,) = _participants()
    _remove(participant)
    phone = app.test_client()
    response = _rejoin(phone, workshop, participant)
    assert response.status_code == 200
    assert b"You were removed from this workshop." in response.data
    assert phone.get(_participant_url(workshop)).status_code == 302


def test_removed_participants_browser_sees_the_removed_page(client, workshop):
    """The removed participant's own browser gets the removed page (403)."""
    join_as(client, workshop)
    (participant,) = _participants()
    _remove(participant)
    for url in (_participant_url(workshop), f"/join/{workshop.join_code}"):
        response = client.get(url)
        assert response.status_code == 403
        assert b"You were removed from this workshop" in response.data
    assert join_as(client, workshop, display_name="Again").status_code == 403
    assert len(_participants()) == 1


# Tokens in the session


def _tamper(client, workshop, change):
    with client.session_transaction() as session:
        tokens = dict(session["participants"])
        tokens[workshop.public_id] = change(tokens[workshop.public_id])
        session["participants"] = tokens


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda token: token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB"),
            id="signature",
        ),
        pytest.param(lambda token: "x" + token[1:], id="payload"),
        pytest.param(lambda token: "", id="empty"),
        pytest.param(lambda token: "x" * 600, id="huge"),
        pytest.param(lambda token: 42, id="not-a-string"),
    ],
)
def test_tampered_token_is_not_joined(client, workshop, change):
    """A participant token that fails its signature check counts as not joined."""
    join_as(client, workshop)
    _tamper(client, workshop, change)
    response = client.get(_participant_url(workshop))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/join/{workshop.join_code}"
    assert client.get(f"/join/{workshop.join_code}").status_code == 200


def test_token_for_another_workshop_is_not_joined(client, team, workshop):
    """A valid token filed under another workshop does not open that workshop."""
    other = builders.make_workshop(team, title="Other")
    join_as(client, workshop)
    with client.session_transaction() as session:
        tokens = dict(session["participants"])
        tokens[other.public_id] = tokens[workshop.public_id]
        session["participants"] = tokens
    assert client.get(_participant_url(other)).status_code == 302
    assert client.get(f"/join/{other.join_code}").status_code == 200


def test_expired_token_is_not_joined(app, client, workshop):
    """A participant token older than its maximum age counts as not joined."""
    join_as(client, workshop)
    app.config["PARTICIPANT_TOKEN_MAX_AGE"] = -1
    assert client.get(_participant_url(workshop)).status_code == 302


# The participant page


@pytest.mark.parametrize("level", list(ENGAGEMENT_QUOTES))
def test_participant_page_quotes_the_engagement_level(client, team, level):
    """The participant page names the level, quotes the IPC text and its source."""
    workshop = builders.make_workshop(team, engagement_level=level)
    join_as(client, workshop)
    page = client.get(_participant_url(workshop)).data.decode()
    assert f"<strong>{level.capitalize()}</strong>" in page
    assert f">{ENGAGEMENT_QUOTES[level]}</q>" in page
    assert ENGAGEMENT_SOURCE in page


def test_display_name_is_escaped(client, workshop):
    """A display name holding markup shows as text on the participant page."""
    join_as(client, workshop, display_name="<b>Ann</b>")
    page = client.get(_participant_url(workshop)).data
    assert b"&lt;b&gt;Ann&lt;/b&gt;" in page
    assert b"<b>Ann</b>" not in page


# Leaving


def test_leave_forgets_only_this_workshop_in_this_browser(app, client, team, workshop):
    """Leaving forgets one workshop here; other workshops and devices keep going."""
    other = builders.make_workshop(team, title="Other")
    join_as(client, workshop, display_name="Ann")
    join_as(client, other, display_name="Ann")
    ann = db.session.scalar(sa.select(Participant).filter_by(workshop_id=workshop.id))
    phone = app.test_client()
    _rejoin(phone, workshop, ann)

    response = client.post(f"{_participant_url(workshop)}/leave")

    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert b"You have left this workshop on this device." in client.get("/").data
    assert client.get(_participant_url(workshop)).status_code == 302
    assert client.get(_participant_url(other)).status_code == 200
    assert phone.get(_participant_url(workshop)).status_code == 200
    db.session.refresh(ann)
    assert ann.removed_at is None
    assert len(_participants()) == 2


def test_after_leaving_the_rejoin_code_still_works(client, workshop):
    """A participant who left on this device can come back with their rejoin code."""
    join_as(client, workshop)
    (participant,) = _participants()
    client.post(f"{_participant_url(workshop)}/leave")
    assert _rejoin(client, workshop, participant).status_code == 302
    assert client.get(_participant_url(workshop)).status_code == 200
    assert len(_participants()) == 1


def test_leave_unknown_workshop_is_not_found(client):
    """Leaving a workshop that does not exist is 404."""
    assert client.post("/w/no-such-workshop/leave").status_code == 404


def test_leave_needs_a_post(client, workshop):
    """Leaving is a form post, never a link someone can be sent."""
    join_as(client, workshop)
    assert client.get(f"{_participant_url(workshop)}/leave").status_code == 405
    assert client.get(_participant_url(workshop)).status_code == 200


# Rate limits


class RateLimitedConfig(TestingConfig):
    RATELIMIT_ENABLED = True
    JOIN_RATE_LIMIT = "3 per minute"


@pytest.fixture
def limited_app():
    """An app with joining limited to 3 posts a minute."""
    with app_with(RateLimitedConfig) as app:
        yield app


@pytest.mark.parametrize(
    ("url", "data"),
    [
        pytest.param("/join", {"code": "AAAA-AAAA-AA"}, id="enter-code"),
        pytest.param("/join/{code}", {"display_name": ""}, id="join-form"),
        pytest.param(
            "/rejoin", {"code": "{code}", "rejoin_code": "AAA-AAA"}, id="rejoin"
        ),
    ],
)
def test_joining_is_rate_limited(limited_app, url, data):
    """Past the join limit, posts get 429 with a clear message and do nothing."""
    workshop = builders.make_workshop(builders.make_team())
    client = limited_app.test_client()
    url = url.format(code=workshop.join_code)
    data = {key: value.format(code=workshop.join_code) for key, value in data.items()}
    for _ in range(3):
        assert client.post(url, data=data).status_code == 200
    response = client.post(url, data=data)
    assert response.status_code == 429
    assert b"Too many attempts. Please wait a minute and try again." in response.data
    assert _participants() == []


def test_rate_limited_join_creates_nobody(limited_app):
    """Past the limit even a valid join form is refused and creates nobody."""
    workshop = builders.make_workshop(builders.make_team())
    clients = [limited_app.test_client() for _ in range(4)]
    statuses = [join_as(client, workshop).status_code for client in clients]
    assert statuses == [302, 302, 302, 429]
    assert len(_participants()) == 3


def test_rate_limit_counts_posts_only(limited_app):
    """Opening the join pages is never limited; only form posts are."""
    workshop = builders.make_workshop(builders.make_team())
    client = limited_app.test_client()
    for _ in range(6):
        assert client.get(f"/join/{workshop.join_code}").status_code == 200
        assert client.get("/join").status_code == 200
    assert join_as(client, workshop).status_code == 302
