"""Template errors as a template author reads them: the file, the line, what is wrong."""

from __future__ import annotations

import traceback

from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError

from advocacy.errors import TemplateError


def template_error(err: Exception, name: str) -> TemplateError:
    """A TemplateError naming the template and, where Jinja knows it, the line."""
    line = err.lineno if isinstance(err, TemplateSyntaxError) else _line_in(err, name)
    place = f"{name}:{line}" if line else name
    message = err.message if isinstance(err, JinjaError) and err.message else str(err)
    return TemplateError(f"{place}: {message}")


def _line_in(err: BaseException, name: str) -> int | None:
    # Jinja rewrites tracebacks so that template frames carry the template's file and line.
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith(name) or frame.filename == "<template>":
            return frame.lineno
    return None
