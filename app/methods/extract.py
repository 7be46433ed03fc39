"""A Babel extractor for the interface strings of method content files.

babel.cfg maps `app/methods/content/*.yaml` here. Quotes stay in their
English source wording (DESIGN.md), so only `interface` strings reach the
catalogue; each carries a comment naming its method and field.
"""

from pathlib import Path

import yaml

from app.methods.library import parse_file
from app.methods.schema import iter_texts


def extract_interface_strings(fileobj, keywords, comment_tags, options):
    """Yield (lineno, funcname, message, comments) per interface string."""
    name = Path(getattr(fileobj, "name", "content.yaml")).name
    text = fileobj.read().decode(options.get("encoding", "utf-8"))
    method = parse_file(name, text)
    lines = dict(_node_lines(yaml.compose(text), ()))
    for path, mark, message in iter_texts(method):
        if mark == "interface":
            yield lines[path], None, message, [f"{method.id}: {path}"]


def _node_lines(node, path):
    """(field path, line number) for `node` and every node inside it."""
    yield ".".join(path), node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _node_lines(value, (*path, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _node_lines(item, (*path, str(index)))
