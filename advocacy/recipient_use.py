"""Whether a template uses its recipient only in ways a campaign can compose letter by letter.

A campaign renders a letter once with a probe recipient and puts each recipient's values where
the probe's landed (:mod:`advocacy.letters`). That gives each recipient the letter a whole render
gives only if the template does nothing with the recipient but print it:

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

from jinja2 import nodes

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
