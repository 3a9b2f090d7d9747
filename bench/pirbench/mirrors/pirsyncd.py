"""pirsyncd, the built image, in the foreground (`bin/pirsyncd run`).

"Watching" is the systemd READY=1 datagram it sends once every directory is watched (we listen on our own
NOTIFY_SOCKET, so no polling and no log text to guess); the initial sync being done and nothing pending
comes from `bin/pirsyncd status --json`.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from pathlib import Path

from ..clock import BenchTimeout, Deadline, poll_until
from ..processes import Child
from .base import DaemonFailed, Job, Mirror, Running, Unavailable
from .image import Image

# One-line reasons for a daemon that ended before it was ready, by what it printed.
_NOT_IMPLEMENTED = ("not implemented", "Unknown option")


class Pirsyncd(Mirror):
    name = "pirsyncd"

    def __init__(self, image: Image) -> None:
        self.image = image
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
        notify_path = job.scratch / "notify.sock"
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        notify.bind(str(notify_path))
        env = dict(os.environ, NOTIFY_SOCKET=str(notify_path))
        argv = [str(self.image.launcher), "run", "--source", str(job.source), "--destination",
                str(job.destination), "--delay", f"{job.delay:g}", "--instance", instance,
                "--runtime-dir", str(runtime)]
        child = Child("pirsyncd", argv, env=env)
        try:
            watching_at = _await_ready(child, notify, deadline)
        except (BenchTimeout, Unavailable):
            child.stop()
            raise
        finally:
            notify.close()
        return PirsyncdRunning(child, watching_at, self.image.launcher, instance, runtime)


def _await_ready(child: Child, notify: socket.socket, deadline: Deadline) -> float:
    notify.settimeout(0.02)
    while True:
        try:
            message = notify.recv(4096)
            if b"READY=1" in message.split(b"\n"):
                return time.monotonic()
        except TimeoutError:
            pass
        code = child.exited()
        if code is not None:
            child.log.join(2)
            raise Unavailable(_reason(code, child.log.text(5)))
        if deadline.expired():
            raise BenchTimeout("pirsyncd sent no READY=1 in time; last output: " + " / ".join(child.log.text(3)))


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
        return r"(?i)overflow"
