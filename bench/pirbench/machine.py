"""What the figures were measured on: the header of the table and of docs/benchmarks.md."""
from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

from .trees import RSYNC


def describe(image_launcher: Path | None) -> list[str]:
    memory_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal:"))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown cpu")
    lines = [
        f"machine: {os.cpu_count()} cpus ({cpu}), {memory_kib / 1024 / 1024:.1f} GiB, "
        f"kernel {platform.release()}, load {os.getloadavg()[0]:.2f}",
        f"rsync: {_first_line([RSYNC, '--version'])}",
        f"lsyncd: {_first_line(['lsyncd', '--version'])}",
        f"fs.inotify: max_user_watches={_sysctl('max_user_watches')}, "
        f"max_queued_events={_sysctl('max_queued_events')}",
    ]
    if image_launcher is not None:
        release = image_launcher.parent.parent / "release"
        java = next((line.split("=", 1)[1].strip('"') for line in release.read_text().splitlines()
                     if line.startswith("JAVA_VERSION=")), "unknown") if release.exists() else "unknown"
        lines.append(f"pirsyncd image runtime: Java {java}")
    return lines


def _first_line(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=10).stdout.strip()
    except FileNotFoundError:
        return "not installed"
    return out.splitlines()[0] if out else "unknown"


def _sysctl(name: str) -> str:
    return Path(f"/proc/sys/fs/inotify/{name}").read_text().strip()
