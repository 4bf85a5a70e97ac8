"""Whether a template uses its recipient only in ways a campaign can compose letter by letter.

A campaign renders a letter once with a probe recipient and puts each recipient's values where the
probe's landed (:mod:`advocacy.campaign.letters`). That gives each recipient the letter a whole
render gives only if the template does nothing with the recipient but print it:

* ``{% if recipient %}`` (addressed or not: the same for every recipient of a campaign);
* ``{{ recipient.salutation }}``, printed as it is;
* ``{% for line in recipient.lines() %} ... {{ line }} ... {% endfor %}``, each line printed as
  it is (the loop's body repeated per line, without ``loop``).

Anything else (``{% if recipient.example %}``, ``{{ line|truncate(30) }}``, ``{% set r =
recipient %}``, a macro given the recipient ...) may make letters differ in other ways, and
then every letter is rendered whole: slower, never wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jinja2 import nodes

if TYPE_CHECKING:
    from advocacy.documents.document import Document

NAME = "recipient"


def composable(trees: list[nodes.Template]) -> bool:
    """Whether every use of the recipient in ``trees`` (a template and what it includes) is
    one of those a campaign can compose."""
    return all(_allowed(path) for tree in trees for path in _uses(tree, NAME, []))


def _uses(node: nodes.Node, name: str, path: list[nodes.Node]) -> Iterator[list[nodes.Node]]:
    """The path from the root to each place ``name`` is read."""
    path = [*path, node]
    if isinstance(node, nodes.Name) and node.name == name:
        yield path
    for child in node.iter_child_nodes():
        yield from _uses(child, name, path)


def _allowed(path: list[nodes.Node]) -> bool:
    name, parent = path[-1], path[-2]
    if isinstance(parent, nodes.If) and parent.test is name:
        return True
    if not isinstance(parent, nodes.Getattr):
        return False
    holder = path[-3]
    if parent.attr == "salutation":
        return isinstance(holder, nodes.Output)
    if parent.attr != "lines" or not isinstance(holder, nodes.Call):
        return False
    if holder.args or holder.kwargs or holder.dyn_args or holder.dyn_kwargs:
        return False
    loop = path[-4]
    if not (isinstance(loop, nodes.For) and loop.iter is holder and not loop.else_):
        return False
    if loop.recursive or loop.test is not None or not isinstance(loop.target, nodes.Name):
        return False
    line = loop.target.name
    body = nodes.Template(loop.body)
    if any(True for _ in _uses(body, "loop", [])):
        return False
    return all(isinstance(used[-2], nodes.Output) for used in _uses(body, line, []))


def html_trees(doc: Document) -> list[nodes.Template]:
    """The Jinja trees of a document's HTML template and of every template it includes."""
    from jinja2 import TemplateNotFound, meta

    from advocacy.formats.environment import TemplateLoader, environment

    env = environment(TemplateLoader(doc.templates.folders(doc.kind.name)))
    trees, names, seen = [], [f"{doc.kind.name}.html"], set()
    while names:
        name = names.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source = env.loader.get_source(env, name)[0]
        except TemplateNotFound:
            continue  # rendering says so
        tree = env.parse(source)
        trees.append(tree)
        for included in meta.find_referenced_templates(tree):
            if included is None:  # a name made at render time: cannot be checked
                return [_UNCHECKABLE]
            names.append(included)
    return trees


def docx_trees(doc: Document) -> list[nodes.Template]:
    """The Jinja tree of a document's Word template body (as docxtpl reads it)."""
    from advocacy.formats.environment import environment
    from advocacy.formats.places import PlacedTemplate

    template = PlacedTemplate(str(doc.kind.template("docx")))
    template.render_init()
    return [environment().parse(template.patch_xml(template.get_xml()))]


_UNCHECKABLE = nodes.Template([nodes.Output([nodes.Name(NAME, "load")])])
"""A tree that is never composable: for templates whose includes are named at render time."""


def split_windows(html: str) -> list[str] | None:
    """``html`` cut around its window elements: text, window, text, window ..., text."""
    from advocacy.formats.compose import WINDOW

    parts, position = [], 0
    while True:
        at = _class_at(html, WINDOW, position)
        if at < 0:
            parts.append(html[position:])
            return parts
        start = html.rfind("<", 0, at)
        end = _element_end(html, start)
        if end is None:
            return None
        parts += [html[position:start], html[start:end]]
        position = end


def _class_at(html: str, name: str, position: int) -> int:
    """Where the next element whose class list holds ``name`` has its class attribute."""
    while (at := html.find('class="', position)) >= 0:
        end = html.find('"', at + 7)
        if name in html[at + 7 : end].split():
            return at
        position = end
    return -1


def _element_end(html: str, start: int) -> int | None:
    """Where the element that starts at ``start`` ends (after its closing tag)."""
    name = html[start + 1 :].split(None, 1)[0].split(">", 1)[0]
    depth, position = 0, start
    while True:
        opening = html.find(f"<{name}", position + 1)
        closing = html.find(f"</{name}>", position + 1)
        if closing < 0:
            return None
        after = html[opening + len(name) + 1 : opening + len(name) + 2]
        if 0 <= opening < closing and (after.isspace() or after in (">", "/")):
            depth += 1
            position = opening
        elif 0 <= opening < closing:
            position = opening
        elif depth == 0:
            return closing + len(f"</{name}>")
        else:
            depth -= 1
            position = closing
