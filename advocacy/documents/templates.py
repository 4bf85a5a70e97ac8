"""Template sets: the shipped defaults, a user's folder laid over them, and the document kinds.

A template set is a list of folders searched in order: the folder given with ``--templates``
first, the defaults shipped inside the package last. Every file a document needs (its HTML, CSS,
Word template, a partial, a font) is looked up by its path relative to a folder, in that order,
so a user's folder holds only what it changes.

Each sub-folder that holds ``<name>.html`` or ``<name>.docx`` is a document kind; ``partials``
and ``fonts`` are shared. A kind's optional ``kind.toml`` says which facts it is made from
(``context = "appeal"``, ``"summary"`` or ``"chronology"``) and what heads it (``label``).
Adding a kind is adding a folder: no Python.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from advocacy.errors import TemplateError, UsageError

_PACKAGED = Path(__file__).resolve().parent.parent / "default_templates"
DEFAULTS = _PACKAGED if _PACKAGED.is_dir() else Path(__file__).resolve().parents[2] / "templates"
"""The shipped templates: inside the installed package, or the repository's ``templates/``."""

SHARED = ("partials", "fonts")
"""Folders every kind shares; they are not kinds."""

CONTEXTS = ("appeal", "summary", "chronology")
"""What a kind can be made from: one letter of a case, or the whole case in two shapes."""

CONFIG = "kind.toml"
FORMAT_SUFFIX = {"pdf": "html", "docx": "docx"}
"""Each output format and the template file that makes it."""

_KIND_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class Kind:
    """A document kind: its name, what it is made from and the templates that make it."""

    name: str
    context: str
    label: str
    files: dict[str, Path]
    """Each file of the kind's folder (``appeal.html``, ``appeal.css`` ...) and where it is."""

    @property
    def formats(self) -> tuple[str, ...]:
        """The formats this kind can be rendered in: those it has a template for."""
        return tuple(
            fmt for fmt, suffix in FORMAT_SUFFIX.items() if f"{self.name}.{suffix}" in self.files
        )

    def template(self, fmt: str) -> Path:
        """The template that makes ``fmt``; an error when the kind has none."""
        name = f"{self.name}.{FORMAT_SUFFIX[fmt]}"
        if name not in self.files:
            raise UsageError(
                f"the document kind {self.name!r} has no {fmt.upper()} template ({self.name}/"
                f"{name}); it renders as: {', '.join(self.formats)}"
            )
        return self.files[name]


@dataclass(frozen=True)
class TemplateSet:
    """Folders of templates searched in order: a user's first, the shipped defaults last."""

    roots: tuple[Path, ...]

    @property
    def override(self) -> Path | None:
        """The user's folder, if one was given."""
        return self.roots[0] if len(self.roots) > 1 else None

    def find(self, relative: str | PurePosixPath) -> Path | None:
        """The first file at ``relative`` under the roots; never a path that leads outside."""
        parts = PurePosixPath(relative)
        if parts.is_absolute() or ".." in parts.parts or not parts.parts:
            return None
        for root in self.roots:
            path = root.joinpath(*parts.parts)
            if path.is_file() and path.resolve().is_relative_to(root.resolve()):
                return None if _private(path) else path
        return None

    def locate(self, path: Path) -> Path | None:
        """``path`` under any root, looked up again through the set (a user's file first)."""
        for root in self.roots:
            resolved = root.resolve()
            if path.is_relative_to(resolved):
                return self.find(PurePosixPath(path.relative_to(resolved).as_posix()))
        return None

    def folders(self, kind: str) -> list[Path]:
        """Where a kind's Jinja templates are looked up: its own folders, then the roots (for
        ``partials/...``), a user's first."""
        return [*(root / kind for root in self.roots), *self.roots]

    def names(self) -> list[str]:
        """The names of the set's document kinds, sorted."""
        return sorted({folder.name for folder in self._folders() if _is_kind_name(folder.name)})

    def misnamed(self) -> list[Path]:
        """Folders holding a kind's templates under a name a kind cannot have (``Press/``)."""
        return [folder for folder in self._folders() if not _is_kind_name(folder.name)]

    def _folders(self) -> list[Path]:
        return [
            child
            for root in self.roots
            if root.is_dir()
            for child in sorted(root.iterdir())
            if child.is_dir() and child.name not in SHARED and _holds_templates(child)
        ]

    def kinds(self) -> list[Kind]:
        """Every document kind of the set, by name."""
        return [self.kind(name) for name in self.names()]

    def kind(self, name: str) -> Kind:
        """The kind called ``name``: wrong usage when there is none."""
        files = self._files(name) if _is_kind_name(name) else {}
        if f"{name}.html" not in files and f"{name}.docx" not in files:
            rule = (
                "" if _is_kind_name(name) else " (a kind's name is lowercase letters, digits, '-')"
            )
            raise UsageError(
                f"no document kind {name!r}{rule}; choose one of: {', '.join(self.names())}"
            )
        context, label = _config(name, files.get(CONFIG))
        return Kind(name=name, context=context, label=label, files=files)

    def files(self) -> list[Path]:
        """Every file under every root: what a preview watches."""
        return sorted(
            path
            for root in self.roots
            if root.is_dir()
            for path in root.rglob("*")
            if path.is_file()
        )

    def _files(self, name: str) -> dict[str, Path]:
        found: dict[str, Path] = {}
        for root in reversed(self.roots):  # a user's file replaces the default of the same name
            folder = root / name
            if folder.is_dir():
                for path in sorted(folder.iterdir()):
                    # One rule everywhere: a link that leads out of its folder is not a template.
                    inside = path.resolve().is_relative_to(root.resolve())
                    if path.is_file() and inside and not _private(path):
                        found[path.name] = path
        return dict(sorted(found.items()))


def template_set(override: Path | None = None) -> TemplateSet:
    """The shipped templates, under ``override`` when it is given."""
    if override is None:
        return TemplateSet((DEFAULTS,))
    if not override.exists():
        raise TemplateError(f"{override}: no such templates folder")
    if not override.is_dir():
        raise TemplateError(f"{override}: not a folder; --templates takes a folder of templates")
    if override.resolve() == DEFAULTS.resolve():
        return TemplateSet((DEFAULTS,))
    return TemplateSet((override, DEFAULTS))


def _is_kind_name(name: str) -> bool:
    return name not in SHARED and _KIND_NAME.fullmatch(name) is not None


def _holds_templates(folder: Path) -> bool:
    return any((folder / f"{folder.name}.{suffix}").is_file() for suffix in ("html", "docx"))


def _private(path: Path) -> bool:
    """Files that are not templates: the scripts that build the Word templates, caches."""
    return path.suffix in (".py", ".pyc") or path.name.startswith(".")


def _config(name: str, path: Path | None) -> tuple[str, str]:
    """A kind's context and label from its ``kind.toml``, or the defaults for its name."""
    default_label = name.replace("-", " ").capitalize()
    if path is None:
        if name in CONTEXTS:
            return name, default_label
        raise TemplateError(
            f"{name}/: say which facts this kind is made from: add {name}/{CONFIG} with the line "
            f'context = "appeal" (one letter of the case), "summary" or "chronology" (the '
            "whole case); see TEMPLATES.md"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise TemplateError(f"{path}: {err}") from err
    unknown = sorted(set(data) - {"context", "label"})
    if unknown:
        raise TemplateError(f"{path}: unknown setting {unknown[0]!r}; a kind has: context, label")
    if "context" not in data and name not in CONTEXTS:
        raise TemplateError(
            f'{path}: context: missing; add a line context = "appeal", "summary" or "chronology"'
        )
    context = data.get("context", name)
    if context not in CONTEXTS:
        raise TemplateError(
            f"{path}: context: {context!r} is not a context; choose one of: {', '.join(CONTEXTS)}"
        )
    label = data.get("label", default_label)
    if not isinstance(label, str) or not label.strip():
        raise TemplateError(f"{path}: label: give the words that head the document, as text")
    return str(context), label


def export(folder: Path, kinds: list[str] | None = None, *, force: bool = False) -> list[Path]:
    """Copy the shipped templates (all, or only ``kinds``) into ``folder`` for editing.

    Nothing is copied when a file would be overwritten, unless ``force``.
    """
    defaults = template_set()
    if kinds:
        sources = [
            path for name in dict.fromkeys(kinds) for path in defaults.kind(name).files.values()
        ]
    else:
        sources = [
            path
            for path in defaults.files()
            if not _private(path) and "__pycache__" not in path.parts
        ]
    if folder.exists() and not folder.is_dir():
        raise TemplateError(f"{folder}: not a folder; give a folder to export the templates into")
    pairs = [(path, folder / path.relative_to(DEFAULTS)) for path in sources]
    # A link is never written through: it could lead anywhere (`lexists`: dangling ones too).
    existing = [target for _, target in pairs if target.exists() or target.is_symlink()]
    if existing and not force:
        raise TemplateError(
            f"{existing[0]}: already exists ({len(existing)} of the files do); "
            "export into a new folder, or add --force to overwrite them"
        )
    try:
        for source, target in pairs:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.parent.resolve().is_relative_to(folder.resolve()):
                raise TemplateError(f"{target.parent}: leads outside {folder}; refused to write")
            target.unlink(missing_ok=True)
            shutil.copyfile(source, target)
    except OSError as err:
        raise TemplateError(
            f"{err.filename or folder}: cannot write there: {err.strerror}"
        ) from err
    return [target for _, target in pairs]
