"""What a value of a given Python type lets a template do: its attributes, items and elements.

The template checker knows each variable by its annotation (``Case``, ``list[Person]``,
``Letter | None``). These functions follow Jinja's ``a.b``, ``a[0]``, ``for x in a`` and the
filters through such annotations: pydantic models (their fields), dataclasses, plain classes
(properties, methods), unions, tuples, sequences and mappings.

Whatever they cannot follow is ``Any``, and ``Any`` is never reported: a checker that guesses
would cry wolf over templates that work, and then nobody reads it.
"""

from __future__ import annotations

import collections.abc as abc
import dataclasses
import functools
import inspect
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

NoneType = type(None)
Type = Any
"""A Python annotation (a class, ``list[Person]``, ``X | None``), a :class:`Method`, or Any."""


@dataclass(frozen=True)
class Method:
    """A method read off a value (``case.person``): calling it gives ``returns``."""

    returns: Type


@dataclass(frozen=True)
class Missing:
    """The answer when a type has no such attribute: what to say about it."""

    owner: str
    """How the type reads in a message: 'Person', 'list[Person]', 'loop'."""
    noun: str
    """'field' for models and dataclasses, 'attribute' for the rest."""
    known: tuple[str, ...]
    """The names it does have, for "did you mean"."""


class Loop:
    """The ``loop`` variable inside ``{% for %}``, as Jinja documents it."""

    __slots__ = ()
    index: int
    index0: int
    revindex: int
    revindex0: int
    first: bool
    last: bool
    length: int
    depth: int
    depth0: int
    previtem: Any
    nextitem: Any

    def cycle(self, *items: Any) -> Any:
        """One of ``items`` in turn."""

    def changed(self, *values: Any) -> bool:
        """Whether ``values`` differ from the last call's."""
        return False


# Read off any mapping: Jinja tries the attribute first, so `.items()` is the method.
_MAPPING_METHODS = {"items", "keys", "values", "get"}


def normalise(t: Type) -> Type:
    """``t`` without what does not change its attributes: Annotated, NewType, Literal ..."""
    while True:
        if t is None:
            return NoneType
        if t is object:
            return Any  # "anything at all"
        if isinstance(t, str | typing.ForwardRef):
            return Any  # an annotation we cannot resolve here
        if isinstance(t, typing.TypeVar):
            if t.__bound__ is None:
                return Any
            t = t.__bound__
            continue
        if isinstance(t, typing.NewType):
            t = t.__supertype__
            continue
        origin: Any = get_origin(t)
        if origin is Annotated or origin in (typing.ClassVar, typing.Final):
            t = get_args(t)[0]
            continue
        if origin is Literal:
            kinds = {type(value) for value in get_args(t)}
            return kinds.pop() if len(kinds) == 1 else Any
        return t


def members(t: Type) -> list[Type] | None:
    """The members of a union (``None`` left out), or None when ``t`` is not a union."""
    origin: Any = get_origin(t)
    if origin not in (Union, types.UnionType):
        return None
    found = [normalise(arg) for arg in get_args(t)]
    return [m for m in found if m is not NoneType]


def join(found: Iterable[Type]) -> Type:
    """One type for several possibilities: their union, or Any if one of them is Any."""
    distinct: list[Type] = []
    for t in found:
        if t is Any:
            return Any
        if t not in distinct:
            distinct.append(t)
    if not distinct:
        return Any
    if len(distinct) == 1:
        return distinct[0]
    try:
        return Union[tuple(distinct)]  # noqa: UP007 (built from a runtime tuple)
    except TypeError:  # a Method is not a type: give up on precision, not on correctness
        return Any


def describe(t: Type) -> str:
    """How a type reads in a message: 'Person', 'list[Person]', 'Letter | None'."""
    t = normalise(t)
    if t is Any:
        return "Any"
    if t is Loop:
        return "loop"
    if t is NoneType:
        return "None"
    if isinstance(t, Method):
        return "a method"
    origin: Any = get_origin(t)
    if origin in (Union, types.UnionType):
        return " | ".join(describe(arg) for arg in get_args(t))
    if origin is not None:
        args = ", ".join("..." if arg is Ellipsis else describe(arg) for arg in get_args(t))
        return f"{getattr(origin, '__name__', str(origin))}[{args}]"
    return str(getattr(t, "__name__", t))


def attribute(t: Type, name: str) -> Type | Missing:
    """The type of ``value.name`` for a value of type ``t``, as Jinja looks it up."""
    t = normalise(t)
    union = members(t)
    if union is not None:
        return _on_members(union, lambda m: attribute(m, name))
    if t is Any or t is NoneType or isinstance(t, Method):
        return Any
    origin = get_origin(t) or t
    if not isinstance(origin, type):
        return Any
    if issubclass(origin, BaseModel):
        return _model_attribute(origin, name)
    if dataclasses.is_dataclass(origin):
        return _dataclass_attribute(origin, name)
    if issubclass(origin, abc.Mapping):
        # Jinja's `a.b` falls back to `a['b']`: any key may be there.
        args = get_args(t)
        if name in _MAPPING_METHODS:
            return Method(_mapping_method(name, args))
        found = _member(origin, name)
        return found if found is not None else (args[1] if len(args) == 2 else Any)
    found = _member(origin, name)
    if found is not None:
        return found
    hints = _hints(origin)
    if name in hints:
        return hints[name]
    if _open(origin):
        return Any  # instances may carry attributes their class does not declare
    return Missing(describe(t), "attribute", _public(origin, hints))


def item(t: Type, key: object, constant: bool) -> Type | Missing:
    """The type of ``value[key]``; ``constant`` says whether the key is known (a literal)."""
    t = normalise(t)
    union = members(t)
    if union is not None:
        return _on_members(union, lambda m: item(m, key, constant))
    origin = get_origin(t) or t
    if t is Any or not isinstance(origin, type):
        return Any
    args = get_args(t)
    if isinstance(key, slice):
        return t if issubclass(origin, abc.Sequence) else Any
    if issubclass(origin, str):
        return str
    if issubclass(origin, tuple) and args:
        if len(args) == 2 and args[1] is Ellipsis:
            return args[0]
        if constant and isinstance(key, int) and -len(args) <= key < len(args):
            return args[key]
        return join(args)
    if issubclass(origin, abc.Mapping):
        return args[1] if len(args) == 2 else Any
    if issubclass(origin, abc.Sequence):
        return args[0] if args else Any
    if constant and isinstance(key, str) and not hasattr(origin, "__getitem__"):
        # Jinja's `a['b']` falls back to `a.b` on what cannot be subscripted.
        return attribute(t, key)
    return Any


def elements(t: Type) -> Type:
    """The type of ``x`` in ``{% for x in value %}``."""
    t = normalise(t)
    union = members(t)
    if union is not None:
        return join(elements(m) for m in union) if union else Any
    origin = get_origin(t) or t
    if t is Any or not isinstance(origin, type):
        return Any
    args = get_args(t)
    if issubclass(origin, str):
        return str
    if issubclass(origin, tuple):
        if len(args) == 2 and args[1] is Ellipsis:
            return args[0]
        return join(args)
    if issubclass(origin, BaseModel):
        return Any  # a model iterates as (name, value) pairs
    if issubclass(origin, abc.Iterable):
        return args[0] if args else Any
    return Any


def attribute_path(t: Type, path: str) -> Type | tuple[str, Missing]:
    """The type at a dotted ``attribute=`` path of a filter (``'person.name'``, ``'0'``).

    Jinja splits it on dots and reads digits as indexes; a missing step comes back with its
    name.
    """
    for step in path.split("."):
        found = item(t, int(step), True) if step.isdigit() else attribute(t, step)
        if isinstance(found, Missing):
            return step, found
        t = found
    return t


def returns(function: Any) -> Type:
    """What calling ``function`` gives, from its annotations; Any when they cannot be read."""
    try:
        hints = typing.get_type_hints(function)
    except Exception:  # names only imported for type checking, builtins without hints ...
        return Any
    return hints.get("return", Any)


def _on_members(union: list[Type], look: typing.Callable[[Type], Type | Missing]) -> Type | Missing:
    if not union:
        return Any
    results = [look(m) for m in union]
    found = [r for r in results if not isinstance(r, Missing)]
    if found:
        # Present on some members only: the template may test which one it has.
        return join(found)
    missing = [r for r in results if isinstance(r, Missing)]
    return Missing(
        " or ".join(m.owner for m in missing),
        missing[0].noun,
        tuple(sorted({name for m in missing for name in m.known})),
    )


def _model_attribute(model: type[BaseModel], name: str) -> Type | Missing:
    fields = model.model_fields
    if name in fields:
        return fields[name].annotation
    computed = model.model_computed_fields
    if name in computed:
        return computed[name].return_type
    found = _member(model, name)
    if found is not None:
        return found
    if model.model_config.get("extra") == "allow":
        return Any
    own = {n for n in dir(model) if not n.startswith("_")} - set(dir(BaseModel))
    return Missing(model.__name__, "field", tuple(sorted({*fields, *computed, *own})))


def _dataclass_attribute(cls: type, name: str) -> Type | Missing:
    names = [f.name for f in dataclasses.fields(cls)]
    if name in names:
        return _hints(cls).get(name, Any)
    found = _member(cls, name)
    if found is not None:
        return found
    return Missing(cls.__name__, "field", _public(cls, dict.fromkeys(names)))


def _member(cls: type, name: str) -> Type | None:
    """The type of a class attribute, property or method; None when the class has none."""
    if name.startswith("_"):
        return None  # the sandbox refuses private names
    try:
        raw = inspect.getattr_static(cls, name)
    except AttributeError:
        return None
    if isinstance(raw, property):
        return returns(raw.fget)
    if isinstance(raw, functools.cached_property):
        return returns(raw.func)
    if isinstance(raw, classmethod | staticmethod):
        return Method(returns(raw.__func__))
    if inspect.isdatadescriptor(raw):
        return Any  # a slot or a C-level field (date.year): its type is not written down
    if callable(raw) and not isinstance(raw, type):
        return Method(returns(raw))
    return Any if isinstance(raw, type) else type(raw)


@functools.cache
def _hints_cached(cls: type) -> dict[str, Type]:
    try:
        return typing.get_type_hints(cls)
    except Exception:
        # One unresolvable annotation spoils get_type_hints: keep the names, type them Any.
        return {
            name: Any for klass in cls.__mro__ for name in vars(klass).get("__annotations__", {})
        }


def _hints(cls: type) -> dict[str, Type]:
    try:
        return _hints_cached(cls)
    except TypeError:  # unhashable class objects do not occur, but a cache must not crash
        return {}


def _open(cls: type) -> bool:
    """Whether instances can hold attributes their class does not list."""
    if cls.__dictoffset__ != 0 or inspect.isabstract(cls) or getattr(cls, "_is_protocol", False):
        return True  # an instance dict, or a class that only promises what its values have
    return any("__getattr__" in vars(klass) for klass in cls.__mro__ if klass is not object)


def _public(cls: type, hints: dict[str, Type]) -> tuple[str, ...]:
    names = {name for name in dir(cls) if not name.startswith("_")} | set(hints)
    return tuple(sorted(name for name in names if not name.startswith("_")))


def _mapping_method(name: str, args: tuple[Type, ...]) -> Type:
    key, value = args if len(args) == 2 else (Any, Any)
    return {
        "items": list[tuple[key, value]],  # type: ignore[valid-type]
        "keys": list[key],  # type: ignore[valid-type]
        "values": list[value],  # type: ignore[valid-type]
        "get": value,
    }[name]
