"""Waiting for a file to appear, woken by the kernel (inotify) rather than by a clock.

A test that must act while another process is part way through its work (kill a build once
its first letter is written) waits here: every folder under ``root`` is watched, and each file
or folder made there wakes the wait to look again. Where inotify is missing (not Linux), it
looks again every 50 ms instead.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import subprocess
import time
from pathlib import Path

IN_MOVED_TO = 0x080
IN_CREATE = 0x100


def until_file(
    root: Path, pattern: str, process: subprocess.Popen[bytes], seconds: float = 60
) -> None:
    """Return once ``root.glob(pattern)`` finds a file; fail if ``process`` ends first or
    ``seconds`` pass (the clock only ends a wait that failed)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    inotify = libc.inotify_init1(os.O_CLOEXEC) if hasattr(libc, "inotify_init1") else -1
    ends = [os.pidfd_open(process.pid)] if hasattr(os, "pidfd_open") and inotify >= 0 else []
    deadline = time.monotonic() + seconds
    watched: set[Path] = set()
    try:
        while True:
            try:
                if inotify >= 0:  # watch each folder, then look: nothing made falls between
                    _watch(libc, inotify, root, watched)
                if any(path.is_file() for path in root.glob(pattern)):
                    return
            except FileNotFoundError:  # a folder went while it was listed: list again
                continue
            left = deadline - time.monotonic()
            assert left > 0, f"no {root / pattern} after {seconds} s"
            assert process.poll() is None, f"ended ({process.returncode}) before {root / pattern}"
            if inotify < 0:
                time.sleep(min(0.05, left))
                continue
            ready, _, _ = select.select([inotify, *ends], [], [], left)
            if inotify in ready:
                os.read(inotify, 65536)  # what changed does not matter: look again
    finally:
        for fd in [inotify, *ends]:
            if fd >= 0:
                os.close(fd)


def _watch(libc: ctypes.CDLL, inotify: int, root: Path, watched: set[Path]) -> None:
    """Watch ``root`` and each folder under it not yet watched for what is made in it."""
    for folder in [root, *(path for path in root.rglob("*") if path.is_dir())]:
        # A folder gone since the listing (a staging folder moved away) is not watched.
        if (
            folder not in watched
            and libc.inotify_add_watch(inotify, bytes(folder), IN_CREATE | IN_MOVED_TO) >= 0
        ):
            watched.add(folder)
