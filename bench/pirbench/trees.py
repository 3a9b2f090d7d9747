"""Generating trees and checking a replica against them.

Names are handled as bytes end to end (like pirsyncd itself): a replica is right only if every name,
kind, size and content matches.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import processes

RSYNC = "/usr/bin/rsync"


def content(seed: int, size: int) -> bytes:
    """Deterministic file content of exactly `size` bytes that differs with `seed`."""
    unit = f"{seed:010d}\n".encode()
    return (unit * (size // len(unit) + 1))[:size]


def write(path: Path, data: bytes) -> None:
    """One plain open/write/close: what an editor or a build tool does, and what inotify reports as
    IN_CREATE/IN_MODIFY/IN_CLOSE_WRITE."""
    with open(path, "wb") as out:
        out.write(data)


def make_files(root: Path, dirs: int, per_dir: int, size: int, prefix: str = "d") -> list[tuple[str, int]]:
    """`dirs` new directories under `root`, each with `per_dir` files of `size` bytes, written as fast as
    this process can; returns the relative file paths with their sizes, in writing order."""
    written: list[tuple[str, int]] = []
    for d in range(dirs):
        folder = f"{prefix}{d:05d}"
        (root / folder).mkdir()
        for f in range(per_dir):
            relative = f"{folder}/f{f:05d}"
            write(root / relative, content(d * per_dir + f, size))
            written.append((relative, size))
    return written


def make_dirs(root: Path, count: int, fanout: int = 1000) -> int:
    """Exactly `count` directories under `root`, two levels deep (tops of `fanout` children each), so
    one watch per directory means `count` watches plus the root's. Returns `count`."""
    made = 0
    top = 0
    while made < count:
        parent = root / f"t{top:04d}"
        parent.mkdir()
        made += 1
        for child in range(min(fanout, count - made)):
            (parent / f"c{child:04d}").mkdir()
            made += 1
        top += 1
    return made


def mirror(source: Path, destination: Path, timeout: float) -> float:
    """One plain `rsync -a --delete SRC/ DST/`: used to pre-seed replicas and, into an empty folder, as the
    floor every convergence time is compared with. Returns its wall time in seconds."""
    return processes.run_timed([RSYNC, "-a", "--delete", f"{source}/", f"{destination}/"], timeout)


@dataclass
class Arrivals:
    """Tracks which expected paths have reached the destination, cheaply enough to poll every few ms:
    each check resumes where the last stopped and stops at the first path still missing, so the cost of
    a poll is proportional to what arrived since the previous one."""

    destination: Path
    present: list[tuple[str, int | None]]  # relative path, size (None for a directory)
    absent: list[str]
    _next: int = 0

    def check(self) -> bool:
        while self._next < len(self.present):
            relative, size = self.present[self._next]
            try:
                stat = os.lstat(self.destination / relative)
            except FileNotFoundError:
                return False
            if size is not None and stat.st_size != size:
                return False
            self._next += 1
        return not any(os.path.lexists(self.destination / relative) for relative in self.absent)


def difference(source: Path, destination: Path, compare_content: bool = True) -> str | None:
    """The first way `destination` differs from `source` (a missing, extra or different entry), or None
    when it is an exact replica. Reads every file when `compare_content`."""
    left, right = _snapshot(bytes(source)), _snapshot(bytes(destination))
    for relative in sorted(left.keys() | right.keys()):
        name = relative.decode("utf-8", "backslashreplace")
        if relative not in right:
            return f"missing at the destination: {name}"
        if relative not in left:
            return f"extra at the destination: {name}"
        if left[relative] != right[relative]:
            return f"differs (kind/size): {name}"
        if compare_content and left[relative][0] == "f":
            try:
                if _read(bytes(source) + b"/" + relative) != _read(bytes(destination) + b"/" + relative):
                    return f"differs (content): {name}"
            except FileNotFoundError:
                return f"vanished while compared: {name}"
    return None


def _snapshot(root: bytes) -> dict[bytes, tuple[str, int]]:
    entries: dict[bytes, tuple[str, int]] = {}
    pending = [b""]
    while pending:
        relative_dir = pending.pop()
        try:
            with os.scandir(root + b"/" + relative_dir if relative_dir else root) as listing:
                for entry in listing:
                    relative = relative_dir + b"/" + entry.name if relative_dir else entry.name
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            entries[relative] = ("d", 0)
                            pending.append(relative)
                        elif entry.is_symlink():
                            entries[relative] = ("l", len(os.readlink(entry.path)))
                        else:
                            entries[relative] = ("f", entry.stat(follow_symlinks=False).st_size)
                    except FileNotFoundError:
                        # gone between the listing and the look (rsync renames its temporary files
                        # into place while the tree is polled): it is simply not in this snapshot
                        continue
        except FileNotFoundError:
            continue  # the folder itself went meanwhile
    return entries


def _read(path: bytes) -> bytes:
    with open(path, "rb") as source:
        return source.read()
