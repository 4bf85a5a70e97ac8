"""A build's output folder, replaced whole: never half old and half new, never half written.

A build writes into a hidden folder beside its destination (``.<name>.building-XXXX``) and, once
everything is written, swaps it in for the destination. So the destination holds either the
previous build, whole, or this one, whole: no file of a document that failed this time, of a
recipient no longer listed, or of an internal build stays under a final name, and an interrupted
build (even ``kill -9``) leaves the previous build as it was. What an interrupted build left
behind is removed by the next. A lock file beside the destination keeps two builds of the same
case from writing at once: an operating system's lock (``filelock``: ``flock`` on POSIX,
``LockFileEx`` on Windows), which it lets go of when the process dies, however it dies.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from filelock import FileLock, Timeout

from advocacy.errors import RenderError


class Staging:
    """Where a build writes before its files take the place of ``destination``'s."""

    def __init__(self, destination: Path) -> None:
        self.destination = destination
        parent = destination.parent
        lock = FileLock(parent / f".{destination.name}.lock", timeout=0)
        try:
            parent.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except (FileExistsError, NotADirectoryError):
            raise RenderError(f"{parent}: a part of this path is a file, not a folder") from None
        except Timeout:
            raise RenderError(
                f"{destination}: another build is writing there; wait for it to finish"
            ) from None
        except OSError as err:
            raise RenderError(f"{parent}: cannot write here: {err.strerror}") from None
        self._lock: FileLock | None = lock
        self._sweep()
        self.folder = Path(tempfile.mkdtemp(prefix=f".{destination.name}.building-", dir=parent))
        self.folder.chmod(0o755)

    def _sweep(self) -> None:
        """Remove what interrupted builds of the same destination left (we hold the lock).

        A build killed between moving the previous build aside and moving its own in left no
        destination at all: the previous build is put back first.
        """
        name = self.destination.name
        parent = self.destination.parent
        if not (self.destination.exists() or self.destination.is_symlink()):
            for previous in sorted(parent.glob(f".{name}.old-*/previous")):
                previous.replace(self.destination)
                break
        for pattern in (f".{name}.building-*", f".{name}.old-*"):
            for leftover in parent.glob(pattern):
                shutil.rmtree(leftover, ignore_errors=True)

    def commit(self) -> None:
        """Put the staged files in the destination's place, whole."""
        old = None
        if self.destination.exists() or self.destination.is_symlink():
            if not self.destination.is_dir():
                raise RenderError(
                    f"{self.destination}: is a file, not a folder; move it away or choose "
                    "another --out folder"
                )
            old = Path(
                tempfile.mkdtemp(prefix=f".{self.destination.name}.old-", dir=self.folder.parent)
            )
            self.destination.replace(old / "previous")
        self.folder.replace(self.destination)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        self.close()

    def close(self) -> None:
        """Give up: remove what was staged (if it is still there) and let others build."""
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._lock is not None:
            self._lock.release()
            self._lock = None
