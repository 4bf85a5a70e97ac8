"""Template errors as a template author reads them: the file, the line, what is wrong."""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from pathlib import Path

from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError

from advocacy.errors import TemplateError


def template_error(err: Exception, name: str, folders: Sequence[Path] = ()) -> TemplateError:
    """A TemplateError naming the template and, where Jinja knows it, the line.

    The template is the one where the mistake is: an included partial rather than the page that
    includes it. ``folders`` are the loader's, to name a template by its path in them.
    """
    if isinstance(err, TemplateSyntaxError):
        place = f"{err.name or name}:{err.lineno}"
    else:
        found = _frame(err, folders)
        place = f"{found[0]}:{found[1]}" if found else name
    message = err.message if isinstance(err, JinjaError) and err.message else str(err)
    return TemplateError(f"{place}: {message}")


def _frame(err: BaseException, folders: Sequence[Path]) -> tuple[str, int] | None:
    # Jinja rewrites tracebacks so that template frames carry the template's file and line;
    # the innermost one is where the mistake is.
    roots = [folder.resolve() for folder in folders]
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        path = Path(frame.filename).resolve()
        for root in roots:
            if path.is_relative_to(root) and frame.lineno:
                return path.relative_to(root).as_posix(), frame.lineno
    return None
