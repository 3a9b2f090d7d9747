"""What the rows need from a daemon under test."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from ..clock import Deadline
from ..processes import Child


class Unavailable(Exception):
    """The daemon cannot be measured at all (e.g. its `run` is not implemented yet); the message is the
    short reason shown in its column, like "run not implemented"."""


class DaemonFailed(Exception):
    """The daemon under test misbehaved (died, answered nonsense, left a wrong replica); its cell shows
    the message and the run goes on."""


@dataclass(frozen=True)
class Job:
    """One source → destination pair with the settings both daemons get alike."""

    source: Path
    destination: Path
    scratch: Path  # for configs, runtime dirs and sockets; outside both trees
    delay: float


class Running(ABC):
    """A started daemon: the moments it reached, its process, and the questions rows ask of it."""

    def __init__(self, child: Child, watching_at: float) -> None:
        self.child = child
        self.watching_at = watching_at  # monotonic time the daemon said it watches the whole tree

    @property
    def started_at(self) -> float:
        return self.child.started

    @property
    def pid(self) -> int:
        return self.child.pid

    @abstractmethod
    def wait_settled(self, deadline: Deadline) -> None:
        """Returns once the initial sync has finished and nothing is pending."""

    @abstractmethod
    def overflow_pattern(self) -> str:
        """A regex matching the log line the daemon writes when the inotify queue overflowed."""

    def overflowed_since(self, mark: int) -> bool:
        return self.child.log.find(self.overflow_pattern(), mark) is not None

    def stop(self) -> None:
        self.child.stop()


class Mirror(ABC):
    """A daemon under test. `start` returns once the daemon says it watches the whole tree."""

    name: str

    @abstractmethod
    def start(self, job: Job, deadline: Deadline) -> Running:
        ...

    @abstractmethod
    def version(self) -> str:
        ...
