"""What every row shares: the run's context, starting a daemon for one measurement, and turning each
daemon's outcome into figures (or into the reason there is none)."""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..clock import BenchTimeout, Deadline, poll_until
from ..mirrors.base import DaemonFailed, Job, Mirror, Running, Unavailable
from ..profiles import Profile
from ..results import Figure
from ..stats import median
from ..workspace import Workspace
from .. import trees


@dataclass
class Context:
    profile: Profile
    workspace: Workspace
    mirrors: list[Mirror]
    delay: float
    deadline: Deadline
    unavailable: dict[str, str] = field(default_factory=dict)  # mirror name → why its column is n/a
    _dir_trees: dict[int, Path] = field(default_factory=dict)

    def wait(self) -> Deadline:
        """The deadline for one wait: the profile's per-wait bound, never past the end of the run."""
        return self.deadline.within(self.profile.wait_timeout)

    def progress(self, message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)

    def job(self, name: str, source: Path | None = None) -> Job:
        """A fresh destination (and a fresh source unless one is given) with its scratch folder."""
        area = self.workspace.area(name)
        if source is None:
            source = area / "source"
            source.mkdir()
        destination = area / "destination"
        destination.mkdir()
        scratch = area / "scratch"
        scratch.mkdir()
        return Job(source, destination, scratch, self.delay)

    def dir_tree(self, count: int) -> Path:
        """A source tree of exactly `count` directories, generated once per run and shared by the rows that
        only read it (start-up, memory, idle)."""
        if count not in self._dir_trees:
            source = self.workspace.area(f"dirs{count}") / "source"
            source.mkdir()
            self.progress(f"generating a tree of {count:,} directories")
            trees.make_dirs(source, count)
            self._dir_trees[count] = source
        return self._dir_trees[count]

    @contextmanager
    def running(self, mirror: Mirror, job: Job, settle: bool = True) -> Iterator[Running]:
        """The daemon started on `job` (watching and, if `settle`, done with its initial sync); stopped on
        the way out whatever happened."""
        daemon = mirror.start(job, self.wait())
        try:
            if settle:
                daemon.wait_settled(self.wait())
            yield daemon
        except (BenchTimeout, DaemonFailed):
            self.progress(f"  {mirror.name} (pid {daemon.pid}) said last: " + " | ".join(daemon.child.log.text(4)))
            raise
        finally:
            daemon.stop()

    def each(self, measure: Callable[[Mirror], dict[str, Figure]]) -> Outcomes:
        """Runs `measure` for every daemon in turn; a daemon that is unavailable, times out or fails gets
        the reason in its cells instead of figures."""
        # a daemon that could not even be set up (lsyncd not installed) has no Mirror, only its reason
        outcomes = Outcomes(failed=dict(self.unavailable))
        for mirror in self.mirrors:
            if mirror.name in self.unavailable:
                continue
            self.progress(f"  {mirror.name}")
            try:
                outcomes.figures[mirror.name] = measure(mirror)
            except Unavailable as reason:
                outcomes.failed[mirror.name] = str(reason)
            except BenchTimeout as timeout:
                self.progress(f"  {mirror.name}: {timeout}")
                outcomes.failed[mirror.name] = f"timeout (> {self.profile.wait_timeout:g} s)"
            except DaemonFailed as failure:
                self.progress(f"  {mirror.name}: {failure}")
                outcomes.failed[mirror.name] = f"failed: {str(failure)[:40]}"
        return outcomes


@dataclass
class Outcomes:
    figures: dict[str, dict[str, Figure]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    def get(self, mirror: str, metric: str) -> Figure:
        if mirror in self.failed:
            return Figure.none(self.failed[mirror])
        return self.figures.get(mirror, {}).get(metric, Figure.none("not run"))


def expect_replica(source: Path, destination: Path, compare_content: bool = True) -> None:
    """Raises DaemonFailed naming the first difference if `destination` is not an exact replica."""
    difference = trees.difference(source, destination, compare_content)
    if difference is not None:
        raise DaemonFailed(f"replica wrong: {difference}")


def while_alive(daemon: Running, condition: Callable[[], bool]) -> Callable[[], bool]:
    """`condition`, but a daemon that has exited fails the wait at once instead of at its timeout."""
    def checked() -> bool:
        if condition():
            return True
        code = daemon.child.exited()
        if code is not None:
            raise DaemonFailed(f"exited {code} mid-row: " + " | ".join(daemon.child.log.text(2)))
        return False
    return checked


def converged_at(daemon: Running, source: Path, destination: Path, arrivals: trees.Arrivals, interval: float,
                 deadline: Deadline) -> float:
    """When the replica became right: first the cheap poll of expected arrivals, then a full comparison
    (content included); if that still finds a difference, full comparisons are polled until none is
    left, and the time of the one that passed is returned."""
    arrived = poll_until(while_alive(daemon, arrivals.check), deadline, interval, f"the expected files at {destination}")
    if trees.difference(source, destination) is None:
        return arrived
    return poll_until(while_alive(daemon, lambda: trees.difference(source, destination) is None), deadline,
                      max(interval, 0.1), f"an exact replica at {destination}")


def read_or_none(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        return None


def one_change(daemon: Running, source: Path, destination: Path, relative: str, seed: int,
               deadline: Deadline) -> float:
    """Rewrites one file with new content of a new size (so no quick check can take it for unchanged)
    and returns the seconds until the destination holds exactly that content."""
    path = source / relative
    size = (os.stat(path).st_size if path.exists() else 0) + 17
    data = trees.content(seed, size)
    started = time.monotonic()
    trees.write(path, data)
    arrived = poll_until(while_alive(daemon, lambda: read_or_none(destination / relative) == data), deadline, 0.001,
                         f"{relative} at the destination")
    return arrived - started


def floor(ctx: Context, source: Path) -> float:
    """The floor: one plain `rsync -a` of `source` into an empty folder, in seconds (the median of three,
    so one unlucky moment on a shared machine does not set it)."""
    runs = []
    for attempt in range(3):
        empty = ctx.workspace.area(f"floor{attempt}")
        runs.append(trees.mirror(source, empty, ctx.wait().remaining()))
    return median(runs)


def per_floor(figure: Figure, floor_seconds: float) -> Figure:
    """A time as a multiple of the floor (or the figure's reason, when it has no value)."""
    if figure.value is None:
        return figure
    return Figure.of(figure.value / floor_seconds, "×")
