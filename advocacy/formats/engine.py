"""WeasyPrint, imported without the library search that took a fifth of a cold render.

WeasyPrint opens GObject, Pango, HarfBuzz and fontconfig through cffi, trying names for every
platform in turn ('libgobject-2.0-0', 'gobject-2.0-0', 'gobject-2.0', 'libgobject-2.0.so.0',
...). cffi hands each name that dlopen does not find to ctypes' ``find_library``, which on Linux
runs ``ldconfig``, ``gcc`` and ``ld`` to look for it: about 11 ms a name, 17 names, on every
start. On Linux ``find_library`` answers with a soname that dlopen must then find by itself, and
WeasyPrint's list holds each library's soname, so the search finds nothing dlopen would not:
it is left out while WeasyPrint is imported. Import WeasyPrint's names from here.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def _no_library_search() -> Iterator[None]:
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


def _import() -> None:
    if sys.platform != "linux" or "weasyprint" in sys.modules:
        return
    try:
        # WeasyPrint prints a help text before it raises; a retry below may find it all.
        with _no_library_search(), contextlib.redirect_stdout(io.StringIO()):
            import weasyprint  # noqa: F401
    except OSError:
        pass  # a library under a name WeasyPrint does not list: imported with the search below


_import()

from weasyprint import CSS, HTML, Attachment  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher  # noqa: E402

__all__ = ["CSS", "HTML", "Attachment", "FontConfiguration", "URLFetcher"]
