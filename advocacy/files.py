"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import BinaryIO

from advocacy.errors import DiskError, RenderError


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    An interrupted write leaves the old file (or none) under the final name, never a partial one.
    """
    write_all([(Path(path), data)])


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write each ``(path, data)`` of ``files``, or none of them.

    Every file is written to a temporary beside it first; only when all are on the disk are
    they renamed into place, so a full disk or a failing one leaves every old file (or none),
    never some new and some old. A DiskError says which file and why.
    """
    placed: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            placed.append((_temporary(path, data), path))
        for temporary, path in placed:
            try:
                temporary.replace(path)
            except IsADirectoryError:
                raise RenderError(f"{path}: is a folder") from None
            except OSError as err:
                raise DiskError(f"{path}: cannot write: {err.strerror}") from None
    finally:
        for temporary, _ in placed:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def _temporary(path: Path, data: bytes) -> Path:
    """``data`` written to a new temporary file beside ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except FileExistsError:
        raise RenderError(f"{path.parent}: is a file, not a folder") from None
    except NotADirectoryError:
        raise RenderError(f"{path.parent}: a part of this path is a file, not a folder") from None
    except PermissionError:
        raise RenderError(f"{path.parent}: cannot write here: permission denied") from None
    except OSError as err:
        raise DiskError(f"{path.parent}: cannot write here: {err.strerror}") from None
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            fill(handle, data)
        temporary.chmod(0o644)
    except BaseException as err:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(err, OSError):
            raise DiskError(f"{path}: cannot write: {err.strerror or err}") from None
        raise
    return temporary


def fill(handle: BinaryIO, data: bytes) -> None:
    """Write ``data`` to an open file (a full disk is said here or when it closes). No fsync:
    a thousand letters would wait for the disk a thousand times."""
    handle.write(data)
    handle.flush()


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
