"""Reading an activity's frozen copy of its method content."""


def method_of(activity):
    """The method as it was when the activity was made (a plain dict)."""
    return activity.content.get("method") or {}


def method_content(activity):
    """The kind-specific part of the frozen method: items, scale, columns."""
    return method_of(activity).get("content") or {}


def checklist_items(activity):
    """Every item of a checklist, in order across its sections."""
    return [
        item
        for section in method_content(activity).get("sections", [])
        for item in section.get("items", [])
    ]
