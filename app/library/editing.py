"""A team's method content and its edit form's data, both ways.

`form_data(content)` is what the form shows; `edited_content(content, data)`
is the content a valid submission makes: rows keep their keys, new rows get
new ones, emptied rows go, and only the words the facilitator changed become
the team's own (app.library.wording). The result is checked whole against
the method schema before it is stored.
"""

from app.library.wording import (
    new_key,
    remark,
    remark_lines,
    remark_paragraphs,
    shown,
    shown_lines,
    shown_paragraphs,
)
from app.methods.schema import method_from_content


def form_data(content):
    """The edit form's initial data for a method's stored content."""
    common = {
        "title": shown(content["title"]),
        "summary": shown(content["summary"]),
        "instructions": shown_paragraphs(content["instructions"]),
        "engagement": content["engagement"],
        "minutes": content["minutes"],
    }
    return {**common, **EDITORS[content["kind"]][0](content["content"])}


def edited_content(content, data, version):
    """The content a valid form submission makes of `content`, checked against
    the schema as version `version`; raises pydantic's ValidationError."""
    kind_content = EDITORS[content["kind"]][1](content["content"], data, _keys(content))
    edited = {
        **content,
        "version": version,
        "title": remark(data["title"], content["title"]),
        "summary": remark(data["summary"], content["summary"]),
        "instructions": remark_paragraphs(
            data["instructions"], content["instructions"]
        ),
        "engagement": data["engagement"],
        "minutes": data["minutes"],
        "content": kind_content,
    }
    return method_from_content(edited).as_content()


def _keys(node):
    """Every key in `node`, at any depth: new keys are made unlike them all."""
    if isinstance(node, dict):
        own = {node["key"]} if isinstance(node.get("key"), str) else set()
        return own.union(*(_keys(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_keys(item) for item in node))
    return set()


def _by_key(rows):
    return {row["key"]: row for row in rows}


def _keyed(rows, stored, build, words, taken):
    """Submitted rows in order, built by `build(row, was)` (None drops the
    row). A row keeps the key it came with if that names a stored row not
    taken yet (`stored` is emptied as they are); any other gets a new key."""
    made = []
    for row in rows:
        was = stored.pop(row.get("key") or "", None)
        built = build(row, was or {})
        if built is not None:
            key = was["key"] if was else new_key(row[words], taken)
            made.append({"key": key, **built})
    return made


# -- board -------------------------------------------------------------------


def _board_data(content):
    columns = [
        {
            "key": column["key"],
            "label": shown(column["label"]),
            "prompts": shown_lines(column.get("prompts", [])),
        }
        for column in content["columns"]
    ]
    return {"columns": columns}


def _board_content(content, data, taken):
    def column(row, was):
        if not row["label"]:
            return None
        prompts = remark_lines(row["prompts"], was.get("prompts", []))
        return {"label": remark(row["label"], was.get("label")), "prompts": prompts}

    stored = _by_key(content["columns"])
    return {"columns": _keyed(data["columns"], stored, column, "label", taken)}


# -- checklist ---------------------------------------------------------------


def _checklist_data(content):
    scale = [
        {"value": point["value"], "label": shown(point["label"])}
        for point in content["scale"]
    ]
    sections = [
        {
            "key": section["key"],
            "title": shown(section["title"]),
            "items": [
                {"key": item["key"], "text": shown(item["text"])}
                for item in section["items"]
            ],
        }
        for section in content["sections"]
    ]
    flags = {name: content[name] for name in ("comments", "priorities", "agree")}
    return {"scale": scale, "sections": sections, **flags}


def _checklist_content(content, data, taken):
    labels = [point["label"] for point in content["scale"]]
    scale = [
        {"value": row["value"], "label": remark(row["label"], *labels)}
        for row in data["scale"]
        if row["label"] or row["value"] is not None
    ]
    # An item keeps its key whichever section it is posted in.
    sections = content["sections"]
    items = _by_key(item for section in sections for item in section["items"])
    sections = []
    for row, was in _stored_rows(data["sections"], content["sections"]):
        kept = _keyed(row["items"], items, _item, "text", taken)
        if kept:  # a section emptied of items is removed
            title = remark(row["title"], was["title"]) if row["title"] else None
            sections.append({"key": was["key"], "title": title, "items": kept})
    flags = {name: bool(data[name]) for name in ("comments", "priorities", "agree")}
    return {"scale": scale, "sections": sections, **flags}


def _item(row, was):
    return {"text": remark(row["text"], was.get("text"))} if row["text"] else None


def _stored_rows(rows, stored):
    """(row, stored row) for each submitted row naming a stored one, once:
    sections and stages are kept or removed here, never added."""
    stored = _by_key(stored)
    for row in rows:
        was = stored.pop(row.get("key") or "", None)
        if was is not None:
            yield row, was


# -- spectrum ----------------------------------------------------------------


POLES = ("label", "left", "right")
ENDS = ("left_label", "right_label")


def _spectrum_data(content):
    dimensions = [
        {"key": row["key"], **{name: shown(row[name]) for name in POLES}}
        for row in content["dimensions"]
    ]
    ends = {name: shown(content[name]) for name in ENDS}
    return {"points": content["points"], "dimensions": dimensions, **ends}


def _spectrum_content(content, data, taken):
    def dimension(row, was):
        if not any(row[name] for name in POLES):
            return None
        return {name: remark(row[name], was.get(name)) for name in POLES}

    stored = _by_key(content["dimensions"])
    ends = {name: remark(data[name], content[name]) for name in ENDS}
    return {
        "points": data["points"],
        "dimensions": _keyed(data["dimensions"], stored, dimension, "label", taken),
        **ends,
    }


# -- scenario ----------------------------------------------------------------


def _scenario_data(content):
    stages = [
        {
            "key": stage["key"],
            "title": shown(stage["title"]),
            "topics": [
                {
                    "key": topic["key"],
                    "heading": shown(topic["heading"]),
                    "scenario": shown(topic["scenario"]),
                }
                for topic in stage["topics"]
            ],
        }
        for stage in content["stages"]
    ]
    columns = [
        {"key": row["key"], "label": shown(row["label"]), "optional": row["optional"]}
        for row in content["columns"]
    ]
    introduction = shown_paragraphs(content["introduction"])
    return {"introduction": introduction, "stages": stages, "columns": columns}


def _scenario_content(content, data, taken):
    topics = _by_key(topic for stage in content["stages"] for topic in stage["topics"])
    stages = []
    for row, was in _stored_rows(data["stages"], content["stages"]):
        kept = _keyed(row["topics"], topics, _topic, "heading", taken)
        if kept:  # a stage emptied of topics is removed
            title = remark(row["title"], was["title"])
            stages.append({"key": was["key"], "title": title, "topics": kept})
    stored = _by_key(content["columns"])
    introduction = remark_paragraphs(data["introduction"], content["introduction"])
    return {
        "introduction": introduction,
        "stages": stages,
        "columns": _keyed(data["columns"], stored, _column, "label", taken),
    }


def _topic(row, was):
    if not (row["heading"] or row["scenario"]):
        return None
    return {name: remark(row[name], was.get(name)) for name in ("heading", "scenario")}


def _column(row, was):
    if not row["label"]:
        return None
    label = remark(row["label"], was.get("label"))
    return {"label": label, "optional": row["optional"]}


# -- pathway -----------------------------------------------------------------


LANE = ("label", "help")


def _pathway_data(content):
    lanes = [
        {"key": lane["key"], "label": shown(lane["label"]), "help": shown(lane["help"])}
        for lane in content["lanes"]
    ]
    return {"service_prompt": shown(content["service_prompt"]), "lanes": lanes}


def _pathway_content(content, data, taken):
    # The kind fixes the lanes: each keeps its key and place, only words change.
    posted = {row.get("key"): row for row in data["lanes"]}
    lanes = []
    for lane in content["lanes"]:
        row = posted.get(lane["key"])
        if row is not None:
            lane = {**lane, **{name: remark(row[name], lane[name]) for name in LANE}}
        lanes.append(lane)
    prompt = remark(data["service_prompt"], content["service_prompt"])
    return {"service_prompt": prompt, "lanes": lanes}


# kind -> (form data from content, content from form data)
EDITORS = {
    "board": (_board_data, _board_content),
    "checklist": (_checklist_data, _checklist_content),
    "spectrum": (_spectrum_data, _spectrum_content),
    "scenario": (_scenario_data, _scenario_content),
    "pathway": (_pathway_data, _pathway_content),
    # Reviewing actions holds no content of its own: the actions are the series'.
    "actions": (lambda content: {}, lambda content, data, keys: {}),
}
