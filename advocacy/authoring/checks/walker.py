"""Check a Jinja template against the types of the variables it is given, without rendering it.

The walk follows Jinja's own scoping: ``{% for %}``, ``{% with %}``, macros and call blocks open a
scope, ``{% set %}`` binds in the current one, ``{% if %}`` does not open one. Each expression gets
a type (see :mod:`advocacy.authoring.checks.typeinfo`); a name nothing binds, or an attribute its
type does not have, is a finding at the line Jinja gives the node. Anything the walk cannot type is
``Any`` and is never reported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError, nodes

from advocacy.authoring.checks.filters import GUARDS, attribute_argument, filtered
from advocacy.authoring.checks.findings import Finding, did_you_mean, unique, written
from advocacy.authoring.checks.typeinfo import (
    Loop,
    Method,
    Missing,
    NoneType,
    Type,
    attribute,
    attribute_path,
    elements,
    item,
    join,
)

_UNKNOWN_NAME = re.compile(r"No (filter|test) named '([^']+)'")


def check_source(
    source: str, name: str, variables: Mapping[str, Any], env: Environment
) -> list[Finding]:
    """Every mistake the template ``source`` (called ``name``) makes with ``variables``.

    ``variables`` maps each variable the template receives to its type annotation
    (``{"case": Case, "defenders": list[Person], "appeal": Letter | None}``). Templates it
    includes are loaded through ``env``'s loader and checked with the same variables; their
    findings carry their own names.
    """
    return unique(_check(source, name, dict(variables), env, ()))


def compile_source(
    source: str, name: str, env: Environment
) -> tuple[nodes.Template | None, list[Finding]]:
    """The syntax tree of ``source``, or None, and what keeps Jinja from compiling it.

    Jinja stops at the first syntax error, so there is one finding at most.
    """
    try:
        ast = env.parse(source, name)
    except TemplateSyntaxError as err:
        return None, [_syntax_finding(err, name, env)]
    try:
        # Unknown filter and test names only fail when the template is compiled.
        env.compile(source, name)
    except TemplateSyntaxError as err:
        return ast, [_syntax_finding(err, name, env)]
    return ast, []


def walk(
    ast: nodes.Template,
    name: str,
    variables: Mapping[str, Any],
    env: Environment,
    including: tuple[str, ...] = (),
) -> list[Finding]:
    """The variables and attributes of a parsed template that its types do not have.

    The template's own findings come first, by line; those of templates it includes follow.
    """
    walker = _Walk(env, name, dict(variables), including)
    walker.run(ast)
    return sorted(walker.own, key=lambda f: f.line or 0) + walker.included


def _check(
    source: str,
    name: str,
    variables: dict[str, Type],
    env: Environment,
    including: tuple[str, ...],
) -> list[Finding]:
    ast, syntax = compile_source(source, name, env)
    if ast is None:
        return syntax
    found = walk(ast, name, variables, env, including)
    own = sorted([*syntax, *(f for f in found if f.file == name)], key=lambda f: f.line or 0)
    return own + [f for f in found if f.file != name]


def _syntax_finding(err: TemplateSyntaxError, name: str, env: Environment) -> Finding:
    message = err.message or str(err)
    unknown = _UNKNOWN_NAME.search(message)
    if unknown:
        known = env.filters if unknown.group(1) == "filter" else env.tests
        message = message.rstrip(".") + did_you_mean(unknown.group(2), known)
    return Finding(name, err.lineno, message)


class Scope:
    """The names bound at one level of a template, and the level around it."""

    def __init__(self, names: dict[str, Type], parent: Scope | None = None) -> None:
        self.names = names
        self.parent = parent

    def child(self) -> Scope:
        return Scope({}, self)

    def lookup(self, name: str) -> tuple[bool, Type]:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.names:
                return True, scope.names[name]
            scope = scope.parent
        return False, Any

    def bind(self, name: str, value: Type) -> None:
        self.names[name] = value

    def flatten(self) -> dict[str, Type]:
        """Every visible name, the innermost binding winning."""
        outer = self.parent.flatten() if self.parent else {}
        return {**outer, **self.names}


class _Walk:
    """One walk over one template's syntax tree, collecting findings."""

    def __init__(
        self, env: Environment, name: str, variables: dict[str, Type], including: tuple[str, ...]
    ) -> None:
        self.env = env
        self.name = name
        self.variables = variables
        self.including = including
        self.own: list[Finding] = []
        self.included: list[Finding] = []
        self.guards: set[str] = set()
        self.assigned: dict[str, Type] = {}
        """Every name a `{% set %}` binds anywhere: a macro may read it, set after its
        definition, when it is called."""

    def run(self, ast: nodes.Template) -> None:
        # A name tested with `is defined` or given a `|default` may be missing, anywhere.
        for node in ast.find_all((nodes.Test, nodes.Filter)):
            names = GUARDS if isinstance(node, nodes.Filter) else {"defined", "undefined"}
            if node.name in names and node.node is not None:
                self.guards.add(written(node.node))
        root = Scope({name: Any for name in self.env.globals})
        root.bind("self", Any)  # Jinja's reference to the template's own blocks
        root.names.update(self.variables)
        for macro in ast.find_all(nodes.Macro):
            # Known anywhere in the template: its position is Jinja's business at run time.
            root.bind(macro.name, Any)
        self.assigned = _assigned(ast)
        self.body(ast.body, root)

    def report(self, node: nodes.Node, message: str) -> None:
        self.own.append(Finding(self.name, node.lineno, message))

    def guarded(self, path: str) -> bool:
        return any(
            path == guard or (path.startswith(guard) and path[len(guard)] in ".[|(")
            for guard in self.guards
        )

    # Statements.

    def body(self, statements: Sequence[nodes.Node], scope: Scope) -> None:
        for node in statements:
            self.statement(node, scope)

    def statement(self, node: nodes.Node, scope: Scope) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                self.expr(child, scope)
        elif isinstance(node, nodes.If):
            # {% if %} opens no scope: a {% set %} inside it is seen after it.
            self.expr(node.test, scope)
            self.body(node.body, scope)
            self.body(node.elif_, scope)
            self.body(node.else_, scope)
        elif isinstance(node, nodes.For):
            self.for_loop(node, scope)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node, scope), scope)
        elif isinstance(node, nodes.AssignBlock):
            self.body(node.body, scope)
            if node.filter is not None:
                self.expr(node.filter, scope)
            self.bind(node.target, str, scope)
        elif isinstance(node, nodes.With):
            inner = scope.child()
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, self.expr(value, scope), inner)
            self.body(node.body, inner)
        elif isinstance(node, nodes.Macro):
            scope.bind(node.name, Any)
            inner = self.parameters(node.args, node.defaults, Scope(self.assigned, scope))
            for name in ("caller", "varargs", "kwargs"):
                inner.bind(name, Any)
            self.body(node.body, inner)
        elif isinstance(node, nodes.CallBlock):
            self.expr(node.call, scope)
            self.body(node.body, self.parameters(node.args, node.defaults, scope))
        elif isinstance(node, nodes.FilterBlock):
            self.expr(node.filter, scope)
            self.body(node.body, scope)
        elif isinstance(node, nodes.Include):
            self.include(node, scope)
        elif isinstance(node, nodes.Import):
            self.load(node, node.template, scope, "import")
            scope.bind(node.target, Any)
        elif isinstance(node, nodes.FromImport):
            self.load(node, node.template, scope, "import")
            for imported in node.names:
                scope.bind(imported[1] if isinstance(imported, tuple) else imported, Any)
        elif isinstance(node, nodes.Extends):
            self.load(node, node.template, scope, "extend")
        elif isinstance(node, nodes.Block):
            inner = scope.child()
            inner.bind("super", Any)
            self.body(node.body, inner)
        else:
            self.children(node, scope)

    def children(self, node: nodes.Node, scope: Scope) -> None:
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                self.expr(child, scope)
            else:
                self.statement(child, scope)

    def for_loop(self, node: nodes.For, scope: Scope) -> None:
        element = elements(self.expr(node.iter, scope))  # in the outer scope: `for n in n.x`
        inner = scope.child()
        self.bind(node.target, element, inner)
        inner.bind("loop", Loop)
        if node.test is not None:
            self.expr(node.test, inner)
        self.body(node.body, inner)
        self.body(node.else_, scope)

    def parameters(self, args: list[nodes.Name], defaults: list[nodes.Expr], scope: Scope) -> Scope:
        for default in defaults:
            self.expr(default, scope)
        inner = scope.child()
        for arg in args:
            inner.bind(arg.name, Any)
        return inner

    def bind(self, target: nodes.Node, value: Type, scope: Scope) -> None:
        if isinstance(target, nodes.Name):
            scope.bind(target.name, value)
        elif isinstance(target, nodes.Tuple):
            for index, part in enumerate(target.items):
                found = item(value, index, True)
                self.bind(part, Any if isinstance(found, Missing) else found, scope)
        elif isinstance(target, nodes.NSRef):
            self.variable(nodes.Name(target.name, "load", lineno=target.lineno), scope)

    def include(self, node: nodes.Include, scope: Scope) -> None:
        source = self.load(node, node.template, scope, "include", node.ignore_missing)
        target = _constant(node.template)
        if source is None or target is None or target in (*self.including, self.name):
            return  # a template that includes itself is stopped by its own conditions
        # An included template sees the variables, and the names bound where it is included.
        variables = {**self.variables, **scope.flatten()}
        self.included.extend(
            _check(source, target, variables, self.env, (*self.including, self.name))
        )

    def load(
        self,
        node: nodes.Node,
        template: nodes.Expr,
        scope: Scope,
        verb: str,
        ignore_missing: bool = False,
    ) -> str | None:
        """The source of the template a tag names; a finding when there is none."""
        self.expr(template, scope)
        target = _constant(template)
        if target is None:
            return None  # named by a variable, or one of a list: known only at run time
        try:
            if self.env.loader is None:
                raise TemplateNotFound(target)
            source: str = self.env.loader.get_source(self.env, target)[0]
        except TemplateNotFound as err:
            if not ignore_missing:
                self.report(node, f"cannot {verb} {target!r}: {_reason(err, target)}")
            return None
        except UnicodeDecodeError as err:
            self.report(node, f"cannot {verb} {target!r}: not UTF-8 text ({err.reason})")
            return None
        return source

    # Expressions.

    def expr(self, node: nodes.Node, scope: Scope) -> Type:
        if isinstance(node, nodes.Name):
            return self.variable(node, scope)
        if isinstance(node, nodes.Getattr):
            return self.found(node, node.attr, attribute(self.expr(node.node, scope), node.attr))
        if isinstance(node, nodes.Getitem):
            return self.getitem(node, scope)
        if isinstance(node, nodes.Const):
            return NoneType if node.value is None else type(node.value)
        if isinstance(node, nodes.TemplateData | nodes.Concat):
            self.children(node, scope)
            return str
        if isinstance(node, nodes.Filter):
            return self.filter(node, scope)
        if isinstance(node, nodes.Test | nodes.Compare | nodes.Not):
            self.children(node, scope)
            return bool
        if isinstance(node, nodes.Call):
            callee = self.expr(node.node, scope)
            self.arguments(node, scope)
            return callee.returns if isinstance(callee, Method) else Any
        if isinstance(node, nodes.CondExpr):
            self.expr(node.test, scope)
            second = self.expr(node.expr2, scope) if node.expr2 is not None else Any
            return join([self.expr(node.expr1, scope), second])
        if isinstance(node, nodes.And | nodes.Or):
            return join([self.expr(node.left, scope), self.expr(node.right, scope)])
        self.children(node, scope)
        return Any

    def variable(self, node: nodes.Name, scope: Scope) -> Type:
        if node.ctx != "load":
            return Any
        known, value = scope.lookup(node.name)
        if not known and not self.guarded(node.name):
            hint = did_you_mean(node.name, scope.flatten())
            self.report(node, f"{node.name!r} is not defined{hint}")
        return value

    def getitem(self, node: nodes.Getitem, scope: Scope) -> Type:
        value = self.expr(node.node, scope)
        key = node.arg
        self.expr(key, scope)
        if isinstance(key, nodes.Slice):
            return self.found(node, "", item(value, slice(None), False))
        if isinstance(key, nodes.Const):
            return self.found(node, str(key.value), item(value, key.value, True))
        return self.found(node, "", item(value, None, False))

    def found(self, node: nodes.Node, step: str, result: Type | Missing) -> Type:
        """``result``, or Any after reporting the attribute it is missing."""
        if not isinstance(result, Missing):
            return result
        self.missing(node, step, result, written(node))
        return Any

    def missing(self, node: nodes.Node, step: str, missing: Missing, path: str) -> None:
        if self.guarded(path):
            return
        noun = f"an {missing.noun}" if missing.noun[0] in "aeiou" else f"a {missing.noun}"
        hint = did_you_mean(step, missing.known)
        self.report(node, f"{step!r} is not {noun} of {missing.owner} (in {path}){hint}")

    def arguments(self, node: nodes.Call | nodes.Filter | nodes.Test, scope: Scope) -> None:
        for arg in node.args:
            self.expr(arg, scope)
        for keyword in node.kwargs:
            self.expr(keyword.value, scope)
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expr(extra, scope)

    def filter(self, node: nodes.Filter, scope: Scope) -> Type:
        value = self.expr(node.node, scope) if node.node is not None else Any
        self.arguments(node, scope)
        attr = attribute_argument(node)
        if attr is not None:
            # `xs|map(attribute='nmae')`: the attribute must be one each element has.
            found = attribute_path(elements(value), attr)
            if isinstance(found, tuple):
                step, missing = found
                self.missing(node, step, missing, written(node))
        if node.name == "attr" and node.args and isinstance(node.args[0], nodes.Const):
            step = str(node.args[0].value)
            return self.found(node, step, attribute(value, step))
        return filtered(node, value)


def _assigned(ast: nodes.Template) -> dict[str, Type]:
    """Every name a ``{% set %}`` binds anywhere in the template, typed Any."""
    targets: list[nodes.Node] = [a.target for a in ast.find_all(nodes.Assign)]
    targets += [a.target for a in ast.find_all(nodes.AssignBlock)]
    names = [t.name for t in targets if isinstance(t, nodes.Name)]
    names += [n.name for t in targets for n in t.find_all(nodes.Name)]
    return dict.fromkeys(names, Any)


def _constant(node: nodes.Node) -> str | None:
    return node.value if isinstance(node, nodes.Const) and isinstance(node.value, str) else None


def _reason(err: TemplateNotFound, target: str) -> str:
    """Why a loader found no template, without repeating its name."""
    reason = str(err.message or "")
    for prefix in (repr(target), target):
        if reason.startswith(prefix):
            reason = reason[len(prefix) :].strip(" ()")
            break
    return reason or "no such template"
