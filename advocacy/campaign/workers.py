"""The tasks of a build shared out between processes that start with nothing of the build's.

Each worker is given the build's :class:`~advocacy.campaign.case.Settings` and a
:class:`~advocacy.campaign.case.Source` per case when it starts, and each task as a plain value,
so a build runs the same under every start method: ``spawn`` (Windows, macOS), ``forkserver``
and ``fork``, and gives the same bytes under each as in one process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed

from advocacy.campaign.case import Case, Settings, Source
from advocacy.campaign.manifest import Entry, Failure, unexpected
from advocacy.campaign.tasks import Task, run, where

Results = list[Entry | Failure]

_CASES: list[Case] = []
"""The cases of a worker process: set once, by :func:`_start`, in the worker itself (never in the
process that runs the build, whose own cases are passed around)."""


def run_all(
    tasks: Sequence[Task],
    cases: Sequence[Case],
    settings: Settings,
    jobs: int | None,
    start_method: str | None,
    each: Callable[[Task, Results], None],
) -> None:
    """Give ``each`` every task with its results as it finishes, the tasks shared out between
    ``jobs`` processes (default: one per core) started by ``start_method`` (default: the
    platform's); with one job or one task, done here with ``cases``."""
    jobs = min(max(1, jobs or os.cpu_count() or 1), len(tasks))
    if jobs <= 1:
        for task in tasks:
            each(task, run(cases, task))
        return
    context = multiprocessing.get_context(start_method)
    sources = tuple(case.source for case in cases)
    pool = ProcessPoolExecutor(jobs, context, initializer=_start, initargs=(settings, sources))
    try:
        futures = {pool.submit(_run, task): task for task in tasks}
        for future in as_completed(futures):
            task = futures[future]
            try:
                results = future.result()
            except Exception as err:  # a worker lost (killed, say): the others go on
                results = [Failure(where(cases[task.case], task), unexpected(err))]
            each(task, results)
    finally:
        # Interrupted, wait only for the tasks under way: none writes once the build gives up.
        pool.shutdown(wait=True, cancel_futures=True)


def _start(settings: Settings, sources: tuple[Source, ...]) -> None:
    """Set up a worker process: its cases, each view and group of letters made when first needed."""
    _CASES[:] = [Case(source, settings) for source in sources]


def _run(task: Task) -> Results:
    return run(_CASES, task)
