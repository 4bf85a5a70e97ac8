"""WeasyPrint imported without ctypes' library search, and with it where a library needs it."""

from __future__ import annotations

import subprocess
import sys

import pytest

# In a new process, so that WeasyPrint is imported anew: Pango opens only through the search
# (as on a system whose Pango has a soname WeasyPrint does not list).
ONLY_THROUGH_THE_SEARCH = """
import ctypes.util, sys
import cffi.api
search, load = ctypes.util.find_library, cffi.api._load_backend_lib

def pango_through_the_search(backend, name, flags):
    if "pango-1.0" in name and ctypes.util.find_library is not search:
        raise OSError(f"cannot load library {name!r}")
    return load(backend, name, flags)

cffi.api._load_backend_lib = pango_through_the_search
from advocacy.formats.engine import HTML
assert ctypes.util.find_library is search, "the search is not put back"
sys.stderr.write(HTML(string="<p>Free Ainur</p>").write_pdf()[:5].decode())
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the search is left out on Linux only")
def test_a_library_only_the_search_finds_is_found_and_nothing_is_printed() -> None:
    done = subprocess.run(
        [sys.executable, "-c", ONLY_THROUGH_THE_SEARCH], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "%PDF-"
    assert done.stdout == ""  # WeasyPrint's help text of the first try is not shown
