"""The team's method library over HTTP: built-in methods read in full, copied
into the team's library, and edited with forms (words, items, scale, columns)
without changing a workshop that already uses them."""

import re
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa
from markupsafe import escape

from app.extensions import db
from app.methods.library import builtin_methods, get_builtin, iter_texts
from app.models import TeamMethod
from tests import builders
from tests.builders import act, activity_row, facilitator_actor

CHECKLIST = "ccps-checklist"
ELEMENT_1 = (
    "Our commissioning is person centred, facilitating choice, control and "
    "enabling risk."
)
XSS = "<img src=x onerror=alert(1)>"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class FormFields(HTMLParser):
    """The fields a browser would submit from a page's edit form, as shown."""

    def __init__(self):
        super().__init__()
        self.fields = {}
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") != "submit":
            if attrs.get("type") != "checkbox" or "checked" in attrs:
                self.fields[name] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs["value"]

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def page_fields(client, copy):
    """The edit page's form fields for `copy`, as a browser would send them."""
    response = client.get(f"/library/{copy.public_id}/edit")
    assert response.status_code == 200
    parser = FormFields()
    parser.feed(response.get_data(as_text=True))
    # A browser reads line breaks as "\n" and drops one that starts a textarea.
    return {
        name: value.replace("\r\n", "\n").removeprefix("\n")
        for name, value in parser.fields.items()
    }


def copy_of(client, method_id=CHECKLIST):
    """Copy a built-in method through its page's button; the new copy."""
    response = client.post(f"/library/builtin/{method_id}/copy")
    assert response.status_code == 302
    public_id = response.headers["Location"].split("/")[-2]
    return fresh(public_id)


def fresh(public_id):
    db.session.expire_all()
    return db.session.scalar(sa.select(TeamMethod).filter_by(public_id=public_id))


def save(client, copy, fields):
    return client.post(f"/library/{copy.public_id}/edit", data=fields)


def items(content):
    return [
        item for section in content["content"]["sections"] for item in section["items"]
    ]


def field_named(fields, value):
    """The name of the field showing `value`."""
    return next(name for name, shown in fields.items() if shown == value)


# -- reading -----------------------------------------------------------------


def test_the_library_lists_built_in_methods_and_the_teams_copies(client, facilitator):
    """The list shows every built-in method with its credit, and the team's
    copies with what each was copied from."""
    copy_of(client)

    page = client.get("/library/").get_data(as_text=True)

    # The copy, what it was copied from, and the built-in method itself.
    assert page.count("CCPS collaborative and ethical commissioning checklist") == 3
    assert "Copied from CCPS collaborative and ethical commissioning checklist" in page
    assert "(version 1)" in page
    assert "<cite>Collaborative Commissioning — Practices</cite>" in page
    for method in builtin_methods().values():
        assert f"/library/builtin/{method.id}" in page


@pytest.mark.parametrize("method_id", sorted(builtin_methods()))
def test_a_built_in_method_is_shown_in_full(client, facilitator, method_id):
    """Every word of a built-in method is on its page: quotes in quotation
    marks, in their source wording, with the source credited."""
    method = get_builtin(method_id)

    response = client.get(f"/library/builtin/{method_id}")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for _path, mark, text in iter_texts(method):
        if mark == "quote":
            quoted = escape(text)
            marked = (
                f'<q class="quoted">{quoted}</q>',
                f'<blockquote class="quoted"><p>{quoted}</p></blockquote>',
            )
            assert any(shown in page for shown in marked), text
        else:
            assert escape(text) in page, text
    if method.source:
        assert f"<cite>{escape(method.source.title)}</cite>" in page


def test_a_built_in_methods_interface_words_are_translated(client, facilitator):
    """Our own words in a method follow the reader's language."""
    client.post("/language", data={"language": "cy", "next": "/"})

    page = client.get("/library/builtin/open-board").get_data(as_text=True)

    assert "Syniadau" in page


def test_the_copy_button_is_for_facilitators_only(client, team, auth):
    """A reviewer reads a method with no button to copy it."""
    auth.login(builders.make_user(team, role="reviewer"))

    page = client.get(f"/library/builtin/{CHECKLIST}").get_data(as_text=True)

    assert "Copy to our library" not in page


# -- copying -----------------------------------------------------------------


def test_copying_records_what_the_copy_was_made_from(client, facilitator):
    """A copy holds the built-in method's whole content and names the method
    and version it came from, and who made it."""
    response = client.post(f"/library/builtin/{CHECKLIST}/copy")

    [copy] = db.session.scalars(sa.select(TeamMethod)).all()
    assert response.headers["Location"] == f"/library/{copy.public_id}/edit"
    method = get_builtin(CHECKLIST)
    assert (copy.copied_from, copy.copied_from_version) == (CHECKLIST, method.version)
    assert (copy.team_id, copy.created_by_id) == (facilitator.team_id, facilitator.id)
    assert (copy.kind, copy.version) == ("checklist", 1)
    assert copy.content == {**method.as_content(), "version": 1}


def test_copying_an_unknown_method_is_not_found(client, facilitator):
    """No such built-in method: 404, and nothing copied."""
    assert client.post("/library/builtin/no-such-method/copy").status_code == 404
    assert db.session.scalars(sa.select(TeamMethod)).all() == []


# -- editing -----------------------------------------------------------------


def test_editing_changes_title_items_and_scale_keeping_keys(client, facilitator):
    """Changed words become the team's own; untouched ones keep their mark;
    an existing item keeps its key, a new one gets a new key, an emptied one
    is removed; the version goes up."""
    copy = copy_of(client)
    fields = page_fields(client, copy)
    fields["title"] = "Our forum's checklist"
    fields[field_named(fields, ELEMENT_1)] = "We put people first."
    last = field_named(fields, items(copy.content)[-1]["text"]["quote"])
    fields[last] = ""
    fields["sections-0-items-8-text"] = "We publish what we spend."
    fields[field_named(fields, "We cannot evidence this")] = "No evidence yet"
    fields[field_named(fields, "2")] = "3"

    response = save(client, copy, fields)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/library/{copy.public_id}"
    before, after = get_builtin(CHECKLIST).as_content(), fresh(copy.public_id).content
    assert after["title"] == {"own": "Our forum's checklist"}
    assert after["summary"] == before["summary"]
    old, new = items(before), items(after)
    assert [item["key"] for item in new[:7]] == [item["key"] for item in old[:7]]
    assert new[0]["text"] == {"own": "We put people first."}
    assert new[1:7] == old[1:7]
    assert new[7]["text"] == {"own": "We publish what we spend."}
    assert SLUG.match(new[7]["key"]) and new[7]["key"].startswith("we-publish")
    assert new[7]["key"] not in {item["key"] for item in old}
    assert len(new) == 8
    assert after["content"]["scale"] == [
        {"value": 3, "label": {"quote": "We have good consistent evidence"}},
        {"value": 1, "label": {"quote": "Our evidence is mixed or patchy"}},
        {"value": 0, "label": {"own": "No evidence yet"}},
    ]
    assert (fresh(copy.public_id).version, after["version"]) == (2, 2)
    assert fresh(copy.public_id).title == "Our forum's checklist"


@pytest.mark.parametrize("method_id", sorted(builtin_methods()))
def test_saving_unchanged_keeps_every_word_and_key(client, facilitator, method_id):
    """Saving the form as it is shown changes only the version: every word
    keeps its mark and every row its key, whatever the kind."""
    copy = copy_of(client, method_id)

    response = save(client, copy, page_fields(client, copy))

    assert response.status_code == 302, response.get_data(as_text=True)
    assert fresh(copy.public_id).content == {
        **get_builtin(method_id).as_content(),
        "version": 2,
    }


def test_words_shown_translated_and_left_alone_stay_ours(client, facilitator):
    """A Welsh reader sees our interface words in Welsh; saving them untouched
    keeps them as interface words, translated for each reader."""
    copy = copy_of(client, "open-board")
    client.post("/language", data={"language": "cy", "next": "/"})
    fields = page_fields(client, copy)
    assert fields["columns-0-label"] == "Syniadau"

    save(client, copy, fields)

    column = fresh(copy.public_id).content["content"]["columns"][0]
    assert column == {"key": "ideas", "label": {"interface": "Ideas"}, "prompts": []}


def test_a_board_gets_new_columns_and_prompts(client, facilitator):
    """A blank column row filled in is a new column with a new key; its
    prompts, one a line, are the team's own words."""
    copy = copy_of(client, "open-board")
    fields = page_fields(client, copy)
    fields["columns-1-label"] = "Barriers"
    fields["columns-1-prompts"] = "What stops us?\r\n\r\nWho can help?\r\n"

    save(client, copy, fields)

    ideas, barriers = fresh(copy.public_id).content["content"]["columns"]
    assert ideas["key"] == "ideas"
    assert barriers["key"].startswith("barriers-")
    assert barriers["label"] == {"own": "Barriers"}
    assert barriers["prompts"] == [{"own": "What stops us?"}, {"own": "Who can help?"}]


def test_instructions_keep_untouched_paragraphs_marks(client, facilitator):
    """Instructions are paragraphs separated by blank lines: a paragraph left
    alone stays quoted, a changed or added one is the team's."""
    copy = copy_of(client)
    fields = page_fields(client, copy)
    first, second, third = fields["instructions"].split("\n\n")
    fields["instructions"] = f"{first}\r\n\r\nScore it together.\r\n\r\n{third}"

    save(client, copy, fields)

    before = get_builtin(CHECKLIST).as_content()["instructions"]
    after = fresh(copy.public_id).content["instructions"]
    assert after == [before[0], {"own": "Score it together."}, before[2]]


def test_a_row_key_posted_twice_is_kept_once(client, facilitator):
    """Keys stay unique whatever is posted: a second row claiming an existing
    key gets a new one."""
    copy = copy_of(client)
    fields = page_fields(client, copy)
    fields["sections-0-items-8-key"] = fields["sections-0-items-0-key"]
    fields["sections-0-items-8-text"] = "A new element"

    assert save(client, copy, fields).status_code == 302

    keys = [item["key"] for item in items(fresh(copy.public_id).content)]
    assert len(keys) == len(set(keys)) == 9


def emptied_items(fields):
    return {
        **fields,
        **{
            name: ""
            for name in fields
            if re.match(r"sections-\d+-items-\d+-text", name)
        },
    }


def duplicate_scores(fields):
    return {**fields, "scale-1-value": fields["scale-0-value"]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            lambda f: {**f, "title": "  "}, "This field is required.", id="title"
        ),
        pytest.param(
            duplicate_scores, "Give each score a different value.", id="scale"
        ),
        pytest.param(
            lambda f: {**f, "scale-0-value": "11"},
            "A whole number from 0 to 10.",
            id="score-range",
        ),
        pytest.param(
            lambda f: {**f, "scale-1-value": "", "scale-2-value": ""},
            "Fill this in as well, or empty the whole row to remove it.",
            id="half-row",
        ),
        pytest.param(emptied_items, "Keep at least one item.", id="no-items"),
        pytest.param(
            lambda f: {**f, "title": "x" * 201},
            "Must be between 1 and 200 characters.",
            id="long-title",
        ),
    ],
)
def test_invalid_edits_show_errors_and_change_nothing(
    client, facilitator, change, message
):
    """A bad edit is shown back with the problem, and the copy is unchanged."""
    copy = copy_of(client)
    before = dict(copy.content)

    response = save(client, copy, change(page_fields(client, copy)))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Please correct the highlighted fields" in page
    assert message in page
    assert (fresh(copy.public_id).content, fresh(copy.public_id).version) == (before, 1)


@pytest.mark.parametrize("method_id", sorted(builtin_methods()))
def test_a_partial_post_is_refused_with_errors(client, facilitator, method_id):
    """A post missing fields (a crafted one) is refused with messages, not a
    server error, and changes nothing."""
    copy = copy_of(client, method_id)
    fields = page_fields(client, copy)
    no_rows = {name: value for name, value in fields.items() if name.count("-") < 2}
    # A pathway's lanes are fixed: lanes not posted are kept, so no rows is
    # fine; a review of actions has no rows at all.
    with_rows = copy.kind not in ("pathway", "actions")
    posts = [{}, {"version": "1"}] + ([no_rows] if with_rows else [])

    for data in posts:
        response = save(client, copy, data)
        assert response.status_code == 200
        assert "Please correct the highlighted fields" in response.get_data(True)
    assert fresh(copy.public_id).version == 1


def test_a_save_over_someone_elses_is_refused(client, facilitator):
    """Two people editing at once: the second save, made from the older
    version, is refused rather than silently undoing the first."""
    copy = copy_of(client)
    stale = page_fields(client, copy)
    save(client, copy, {**page_fields(client, copy), "title": "First"})

    response = save(client, copy, {**stale, "title": "Second"})

    assert "Someone else saved this method" in response.get_data(as_text=True)
    assert fresh(copy.public_id).content["title"] == {"own": "First"}


def test_a_title_is_shown_as_text_never_as_markup(client, facilitator):
    """The team's words are escaped on every page that shows them."""
    copy = copy_of(client)
    save(client, copy, {**page_fields(client, copy), "title": XSS})

    for url in ("/library/", f"/library/{copy.public_id}"):
        page = client.get(url).get_data(as_text=True)
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert XSS not in page


# -- deleting ----------------------------------------------------------------


def test_deleting_removes_the_copy(client, facilitator):
    """A deleted copy is gone from the library."""
    copy = copy_of(client)

    response = client.post(f"/library/{copy.public_id}/delete")

    assert response.headers["Location"] == "/library/"
    assert db.session.scalars(sa.select(TeamMethod)).all() == []


# -- workshops keep their copy -----------------------------------------------


def test_editing_a_library_method_leaves_an_existing_activity_unchanged(
    client, facilitator, workshop
):
    """An activity froze the method when it was made: editing the library's
    copy afterwards, or deleting it, never rewrites a past workshop."""
    copy = copy_of(client)
    fac = facilitator_actor(workshop)
    payload = {"method": f"team:{copy.public_id}"}
    made = act(fac, "workshop.add_activity", payload)["result"]["activity"]
    frozen = activity_row(made).content["method"]
    fields = page_fields(client, copy)
    fields["title"] = "Renamed later"
    fields[field_named(fields, ELEMENT_1)] = "Reworded later"

    assert save(client, copy, fields).status_code == 302
    db.session.expire_all()
    assert activity_row(made).content["method"] == frozen
    assert frozen["version"] == 1
    assert items(frozen)[0]["text"] == {"quote": ELEMENT_1}

    client.post(f"/library/{copy.public_id}/delete")
    db.session.expire_all()
    assert activity_row(made).content["method"] == frozen


def test_an_edited_copy_makes_activities_with_its_new_words(
    client, facilitator, workshop
):
    """An activity made after the edit freezes the new version and wording."""
    copy = copy_of(client)
    fields = page_fields(client, copy)
    fields[field_named(fields, ELEMENT_1)] = "Reworded"
    save(client, copy, fields)

    payload = {"method": f"team:{copy.public_id}"}
    made = act(facilitator_actor(workshop), "workshop.add_activity", payload)
    frozen = activity_row(made["result"]["activity"]).content["method"]

    assert frozen["version"] == 2
    assert items(frozen)[0]["text"] == {"own": "Reworded"}
    assert frozen["copied_from"] == {"method": CHECKLIST, "version": 1}


# -- who may --------------------------------------------------------------------


def test_a_reviewer_reads_but_cannot_change(client, team, auth):
    """Reviewers see the library and the team's copies; copying, editing and
    deleting are refused."""
    copy = stored_copy(team)
    auth.login(builders.make_user(team, role="reviewer"))

    assert client.get("/library/").status_code == 200
    assert client.get(f"/library/{copy.public_id}").status_code == 200
    for method, url in [
        ("post", f"/library/builtin/{CHECKLIST}/copy"),
        ("get", f"/library/{copy.public_id}/edit"),
        ("post", f"/library/{copy.public_id}/edit"),
        ("post", f"/library/{copy.public_id}/delete"),
    ]:
        assert getattr(client, method)(url).status_code == 403, url
    assert fresh(copy.public_id).version == 1


def test_another_teams_copy_is_not_found(client, facilitator):
    """Another team's copy does not exist as far as this team can tell."""
    theirs = stored_copy(builders.make_team(name="Elsewhere"))

    for method, url in [
        ("get", f"/library/{theirs.public_id}"),
        ("get", f"/library/{theirs.public_id}/edit"),
        ("post", f"/library/{theirs.public_id}/edit"),
        ("post", f"/library/{theirs.public_id}/delete"),
    ]:
        assert getattr(client, method)(url).status_code == 404, url
    assert fresh(theirs.public_id) is not None
    assert "Theirs" not in client.get("/library/").get_data(as_text=True)


def stored_copy(team):
    """A copy of the CCPS checklist in `team`'s library, written directly."""
    copy = TeamMethod(
        team_id=team.id,
        kind="checklist",
        title="Theirs",
        content={
            **get_builtin(CHECKLIST).as_content(),
            "title": {"own": "Theirs"},
            "version": 1,
        },
        copied_from=CHECKLIST,
        copied_from_version=1,
    )
    db.session.add(copy)
    db.session.commit()
    return copy
