"""lsyncd 2.2.3 (the Debian package) with `default.rsync`: the reference every figure is compared with."""
from __future__ import annotations

import shutil
import subprocess

from ..clock import BenchTimeout, Deadline
from ..processes import Child
from ..trees import RSYNC
from .base import Job, Mirror, Running, Unavailable

# lsyncd adds its watches while it initialises and only then spawns the startup rsync, so this line
# marks "watching the whole tree"; "Startup of ... finished" marks the initial sync done.
WATCHING = r"Normal: recursive startup rsync: "
SETTLED = r"Normal: Startup of .* finished"


def lua_string(text: str) -> str:
    """A Lua string literal for `text` (backslashes, quotes and control characters escaped)."""
    escaped = "".join(c if c.isprintable() and c not in '\\"' else f"\\{ord(c):03d}" for c in text)
    return f'"{escaped}"'


def config(job: Job) -> str:
    """default.rsync as users configure it; only the delay and the rsync binary are set, to match pirsyncd.
    statusInterval is raised so its status-file writes do not count as idle work."""
    return (
        "settings { nodaemon = true, statusInterval = 3600 }\n"
        "sync {\n"
        "    default.rsync,\n"
        f"    source = {lua_string(str(job.source))},\n"
        f"    target = {lua_string(str(job.destination))},\n"
        f"    delay = {job.delay:g},\n"
        f"    rsync = {{ binary = {lua_string(RSYNC)} }},\n"
        "}\n")


class Lsyncd(Mirror):
    name = "lsyncd"

    def __init__(self) -> None:
        binary = shutil.which("lsyncd")
        if binary is None:
            raise Unavailable("lsyncd not installed")
        self.binary = binary

    def version(self) -> str:
        out = subprocess.run([self.binary, "--version"], capture_output=True, text=True, timeout=10).stdout
        return out.strip().replace("Version: ", "lsyncd ")

    def start(self, job: Job, deadline: Deadline) -> Running:
        config_file = job.scratch / "lsyncd.lua"
        config_file.write_text(config(job))
        child = Child("lsyncd", [self.binary, str(config_file)])
        try:
            watching_at, _ = child.log.wait_for(WATCHING, deadline)
        except BenchTimeout as timeout:
            child.stop()
            raise BenchTimeout(f"lsyncd did not start watching: {timeout}; last output: "
                               + " / ".join(child.log.text(3))) from timeout
        return LsyncdRunning(child, watching_at)


class LsyncdRunning(Running):
    def wait_settled(self, deadline: Deadline) -> None:
        self.child.log.wait_for(SETTLED, deadline)

    def overflow_pattern(self) -> str:
        return r"OVERFLOW in event queue"
