"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

from advocacy.errors import RenderError


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    An interrupted write leaves the old file (or none) under the final name, never a partial one.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except FileExistsError:
        raise RenderError(f"{path.parent}: is a file, not a folder") from None
    except NotADirectoryError:
        raise RenderError(f"{path.parent}: a part of this path is a file, not a folder") from None
    except PermissionError:
        raise RenderError(f"{path.parent}: cannot write here: permission denied") from None
    except OSError as err:
        raise RenderError(f"{path.parent}: cannot write here: {err.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(err, IsADirectoryError):
            raise RenderError(f"{path}: is a folder") from None
        if isinstance(err, OSError):
            raise RenderError(f"{path}: cannot write: {err.strerror}") from None
        raise


def reproducible_zip(data: bytes, when: dt.date) -> bytes:
    """``data`` (a zip: DOCX) rewritten with every entry dated ``when``, in the same order.

    Two renders of the same facts then give the same bytes; the date comes from the facts,
    never the clock. Zip dates hold the years 1980 to 2107 only; a date outside is clamped.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(entry.filename, source.read(entry)) for entry in source.infolist()]
    return zip_entries(entries, when)


def zip_entries(entries: list[tuple[str, bytes]], when: dt.date) -> bytes:
    """A zip of ``entries`` (name, bytes) in their order, every one dated ``when``."""
    stamp = (min(max(when.year, 1980), 2107), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, body in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, body)
    return out.getvalue()
