"""pirsyncd, the built image, in the foreground (`bin/pirsyncd run`).

"Watching" is the watch module's log line `[watch] watching SRC: N directories in T ms`, written the moment
every directory has its watch — the same moment lsyncd's "recursive startup rsync" line marks. Its READY
line (`instance NAME running`, logged when it sends systemd READY=1) comes later, after the initial sync
and the control socket, so it is only the fallback should the first line ever change. No NOTIFY_SOCKET
is set: the daemon then sends no STATUS= datagrams every few seconds, which would count as idle work.
The initial sync being done and nothing pending comes from `bin/pirsyncd status --json`.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from ..clock import BenchTimeout, Deadline, poll_until
from ..processes import Child
from .base import DaemonFailed, Job, Mirror, Running, Unavailable
from ..trees import RSYNC
from .image import Image

WATCHING = r"\[watch\] watching .*: \d+ director"
READY = r"instance .* running: "

# One-line reasons for a daemon that ended before it was ready, by what it printed.
_NOT_IMPLEMENTED = ("not implemented", "Unknown option")


class Pirsyncd(Mirror):
    name = "pirsyncd"

    def __init__(self, image: Image, java_opts: str | None) -> None:
        self.image = image
        self.java_opts = java_opts  # PIRSYNCD_JAVA_OPTS for the launcher: JVM flags to try, measured
        self._instances = 0

    def version(self) -> str:
        out = subprocess.run([str(self.image.launcher), "--version"], capture_output=True, text=True,
                             timeout=30).stdout
        return out.strip().splitlines()[-1] if out.strip() else "unknown version"

    def start(self, job: Job, deadline: Deadline) -> Running:
        self._instances += 1
        instance = f"bench{self._instances}"
        runtime = job.scratch / "run"
        runtime.mkdir(mode=0o700)
        argv = [str(self.image.launcher), "run", "--source", str(job.source), "--destination",
                str(job.destination), "--delay", f"{job.delay:g}", "--instance", instance,
                "--runtime-dir", str(runtime), "--rsync-path", RSYNC]
        env = {name: value for name, value in os.environ.items() if name != "NOTIFY_SOCKET"}
        if self.java_opts is not None:
            env["PIRSYNCD_JAVA_OPTS"] = self.java_opts
        child = Child("pirsyncd", argv, env=env)
        try:
            watching_at = _await_watching(child, deadline)
        except (BenchTimeout, Unavailable):
            child.stop()
            raise
        return PirsyncdRunning(child, watching_at, self.image.launcher, instance, runtime)


def _await_watching(child: Child, deadline: Deadline) -> float:
    """The arrival time of the watching line (else of the READY line); Unavailable if the daemon ends first."""
    try:
        return child.log.wait_for(f"{WATCHING}|{READY}", deadline)[0]
    except BenchTimeout as timeout:
        code = child.exited()
        if code is None:
            try:
                code = child.popen.wait(5)
            except subprocess.TimeoutExpired:
                raise BenchTimeout(f"pirsyncd logged neither watching nor ready in time; last output: "
                                   + " / ".join(child.log.text(3))) from timeout
        child.log.join(2)
        raise Unavailable(_reason(code, child.log.text(5))) from timeout


def _reason(code: int, output: list[str]) -> str:
    text = " ".join(output)
    if code == 70 or any(marker in text for marker in _NOT_IMPLEMENTED):
        return "n/a (run not implemented)"
    last = output[-1] if output else ""
    return f"n/a (exited {code}: {last[:60]})"


class PirsyncdRunning(Running):
    def __init__(self, child: Child, watching_at: float, launcher: Path, instance: str, runtime: Path) -> None:
        super().__init__(child, watching_at)
        self._status_argv = [str(launcher), "status", "--json", "--instance", instance, "--runtime-dir", str(runtime)]

    def status(self) -> dict:
        """`bin/pirsyncd status --json` parsed; DaemonFailed if it fails or prints something else."""
        result = subprocess.run(self._status_argv, capture_output=True, text=True, timeout=30)
        if result.returncode != 0:
            raise DaemonFailed(f"status --json exited {result.returncode}: {result.stderr.strip()[:100]}")
        try:
            return json.loads(result.stdout)
        except json.JSONDecodeError as error:
            raise DaemonFailed(f"status --json printed no JSON ({error})") from error

    def wait_settled(self, deadline: Deadline) -> None:
        def settled() -> bool:
            if self.child.exited() is not None:
                raise DaemonFailed(f"exited {self.child.exited()}: " + " | ".join(self.child.log.text(2)))
            status = self.status()
            return status.get("pending") == 0 and all(
                target.get("state") == "idle" and target.get("lastSuccess") for target in status.get("targets", []))
        poll_until(settled, deadline, 0.2, "pirsyncd status: initial sync done, nothing pending")

    def overflow_pattern(self) -> str:
        # the exact warning of modules/watch (EventTranslator); a looser "overflow" would also match the
        # row's own folder names (…-overflow-pirsyncd) in the daemon's other log lines
        return r"inotify queue overflowed \(fs\.inotify\.max_queued_events\)"
