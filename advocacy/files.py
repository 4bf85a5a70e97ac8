"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
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
