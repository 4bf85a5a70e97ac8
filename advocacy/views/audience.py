"""Audiences: what a document may say. A public one never holds a confidential fact.

A case file marks items ``confidential: true`` (a person, an organisation, an event, a charge,
a source, a paragraph, a demand, a custody period) and a person's or a custody period's fields
``confidential: [born, contact]``, ``confidential: [health, lawyer_access]``. For
the public, :func:`public_case` returns the case without them: every confidential item is gone,
every reference to it too (a source number, a person among an event's people), and every
confidential field of a person is empty. Documents are made from that case alone, so nothing
confidential can reach their text, metadata or properties, whatever a template does.

A document that would lose what it cannot do without (its defender, every event) is an error,
not a hollow letter.
"""

from __future__ import annotations

from typing import Any, Literal, TypeGuard

from pydantic import BaseModel

from advocacy.errors import RenderError, UsageError
from advocacy.facts.models import Case, Custody, Person

Audience = Literal["public", "internal"]
"""Who may read a document: the public (no confidential fact) or the organisation itself."""

AUDIENCES: tuple[Audience, ...] = ("public", "internal")

_REFERENCES = {"sources": "sources", "people": "people", "organisations": "organisations"}
"""Fields that hold ids, and which of the case's lists their ids point into."""


def audience_of(name: str) -> Audience:
    """The audience called ``name``; wrong usage unless there is one."""
    if not _is_audience(name):
        raise UsageError(f"no audience {name!r}; choose one of: {', '.join(AUDIENCES)}")
    return name


def _is_audience(name: str) -> TypeGuard[Audience]:
    return name in AUDIENCES


def for_audience(case: Case, audience: Audience, where: str) -> Case:
    """The case as ``audience`` may read it; ``where`` names the file in errors."""
    if audience == "internal":
        return case
    return public_case(case, where)


def public_case(case: Case, where: str = "the case") -> Case:
    """The case without anything confidential, nor any reference to it."""
    gone = {
        "people": {p.id for p in case.people if p.confidential is True},
        "organisations": {o.id for o in case.organisations if o.confidential},
        "sources": {s.id for s in case.sources if s.confidential},
    }
    hidden = sorted(gone["people"] & set(case.defenders))
    if hidden:
        raise RenderError(
            f"{where}: the defender {hidden[0]!r} is confidential: a public document cannot "
            "be made without them; render it with --audience internal"
        )
    public = _scrub(case, gone)
    assert isinstance(public, Case)
    if case.events and not public.events:
        raise RenderError(
            f"{where}: every event is confidential: a public document would have none; render "
            "it with --audience internal"
        )
    return public


def _scrub(model: BaseModel, gone: dict[str, set[str]]) -> BaseModel:
    """``model`` without confidential items, fields and references, recursively."""
    changes: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        kept = _kept(name, value, gone)
        if kept is not value:
            changes[name] = kept
    if isinstance(model, Person | Custody) and isinstance(model.confidential, tuple):
        for name in model.confidential:
            changes[name] = type(model).model_fields[name].get_default(call_default_factory=True)
        changes["confidential"] = False
    for name in ("court", "authority"):
        if getattr(model, name, None) in gone["organisations"]:
            changes[name] = None
    return model.model_copy(update=changes) if changes else model


def _kept(name: str, value: Any, gone: dict[str, set[str]]) -> Any:
    if isinstance(value, BaseModel):
        return _scrub(value, gone)
    if not isinstance(value, tuple):
        return value
    items = []
    for item in value:
        if isinstance(item, BaseModel):
            if _confidential(item, gone):
                continue
            items.append(_scrub(item, gone))
        elif isinstance(item, str) and item in gone.get(_REFERENCES.get(name, ""), ()):
            continue
        else:
            items.append(item)
    return tuple(items) if items != list(value) else value


def _confidential(item: BaseModel, gone: dict[str, set[str]]) -> bool:
    if getattr(item, "confidential", False) is True:
        return True
    # A charge against a confidential person goes with them.
    person = getattr(item, "person", None)
    return isinstance(person, str) and person in gone["people"]
