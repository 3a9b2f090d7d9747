"""Processes the harness starts: each in its own session (so its rsync children share its process
group), remembered until stopped, stopped by pid and process group — never by name."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass

from .logtail import LogTail

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024

# Every child still possibly alive, so an interrupted run can stop them all on the way out.
_live: dict[int, subprocess.Popen[bytes]] = {}


class Child:
    """A started process with its output tail; its pid is also its process-group id."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str] | None = None, cwd: str | None = None):
        self.name = name
        self.argv = argv
        self.started = time.monotonic()
        self.popen = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env=env, cwd=cwd, start_new_session=True)
        _live[self.popen.pid] = self.popen
        assert self.popen.stdout is not None
        self.log = LogTail(self.popen.stdout, name)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def exited(self) -> int | None:
        """The exit code if the process has ended, else None."""
        return self.popen.poll()

    def signal(self, signum: int) -> None:
        if self.popen.poll() is None:
            os.kill(self.pid, signum)

    def stop(self, grace: float = 10.0) -> int | None:
        """SIGTERM (the daemons flush and exit), then after `grace` seconds SIGKILL; finally the whole
        group is killed so no rsync child outlives its daemon. Returns the exit code, None if killed."""
        code = None
        if self.popen.poll() is None:
            self.signal(signal.SIGCONT)  # a SIGSTOPped process cannot act on SIGTERM
            self.signal(signal.SIGTERM)
            try:
                code = self.popen.wait(grace)
            except subprocess.TimeoutExpired:
                code = None
        else:
            code = self.popen.returncode
        _kill_group(self.pid)
        if self.popen.poll() is None:
            self.popen.wait(5)
        _live.pop(self.pid, None)
        self.log.join(2)
        return code


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # the group is already empty


def stop_all() -> None:
    """Last resort on the way out (an exception or Ctrl-C): kill every group we started."""
    for pid, popen in list(_live.items()):
        _kill_group(pid)
        try:
            popen.wait(5)
        except subprocess.TimeoutExpired:
            pass
        _live.pop(pid, None)


def run_timed(argv: list[str], timeout: float) -> float:
    """Runs a helper (e.g. the plain rsync of the floor) to completion; returns its wall time in seconds.
    Fails if it exits non-zero; killed (by group) if it outlives `timeout`."""
    started = time.monotonic()
    popen = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             start_new_session=True)
    _live[popen.pid] = popen
    try:
        output, _ = popen.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(popen.pid)
        popen.wait(5)
        raise
    finally:
        _live.pop(popen.pid, None)
    elapsed = time.monotonic() - started
    if popen.returncode != 0:
        tail = output.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise RuntimeError(f"{argv[0]} exited {popen.returncode}: {tail[0]}")
    return elapsed


@dataclass(frozen=True)
class Usage:
    """What /proc says about one process: resident memory and CPU time (its own, and its reaped children's)."""

    rss_kib: int
    cpu_seconds: float
    children_cpu_seconds: float


def usage(pid: int) -> Usage:
    """Reads /proc/PID/stat (proc(5): fields 14-17 utime, stime, cutime, cstime in clock ticks; field 24
    rss in pages). Only this pid's memory: rsync children are separate processes and stay apart."""
    with open(f"/proc/{pid}/stat", "rb") as stat:
        raw = stat.read()
    # comm (field 2) may contain spaces and parentheses; everything after the last ')' is fixed.
    fields = raw[raw.rindex(b")") + 2:].split()
    utime, stime, cutime, cstime = (int(fields[i]) for i in range(11, 15))
    rss_pages = int(fields[21])
    return Usage(rss_kib=rss_pages * _PAGE_KIB,
                 cpu_seconds=(utime + stime) / _CLOCK_TICKS,
                 children_cpu_seconds=(cutime + cstime) / _CLOCK_TICKS)
