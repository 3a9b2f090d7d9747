"""The built pirsyncd image: the newest jlink tarball (or a given tarball or unpacked folder), unpacked into
the workspace, with what it was built from so the table can say which build its figures belong to."""
from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Image:
    launcher: Path  # bin/pirsyncd
    origin: str  # which file, built when, at which commit of the working tree


def locate(given: str | None) -> Path:
    """The image to measure: `given` (a tarball or an unpacked image folder), else the newest
    jlink/target/pirsyncd-*-linux-x86_64.tar.gz."""
    if given:
        path = Path(given).resolve()
        if not path.exists():
            raise SystemExit(f"bench: --image {given}: no such file or folder; build one with "
                             "./mvnw -B -ntp -q install -DskipTests")
        return path
    tarballs = sorted((REPO / "jlink" / "target").glob("pirsyncd-*-linux-x86_64.tar.gz"),
                      key=lambda p: p.stat().st_mtime)
    if not tarballs:
        raise SystemExit("bench: no jlink/target/pirsyncd-*-linux-x86_64.tar.gz; build it with "
                         "./mvnw -B -ntp -q install -DskipTests, or pass --image")
    return tarballs[-1]


def unpack(path: Path, into: Path) -> Image:
    built = datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.timezone.utc)
    origin = f"{path.name} built {built:%Y-%m-%d %H:%M} UTC; last commit before the build: {_commit_before(built)}"
    if path.is_dir():
        return Image(path / "bin" / "pirsyncd", origin)
    # tar(1), not tarfile: Python 3.11.2 has no extraction filters, and tar keeps the modes bin/ needs.
    subprocess.run(["tar", "-xzf", str(path), "-C", str(into)], check=True, timeout=300)
    launchers = sorted(into.glob("*/bin/pirsyncd"))
    if not launchers:
        raise SystemExit(f"bench: {path} holds no */bin/pirsyncd")
    return Image(launchers[0], origin)


def _commit_before(built: datetime.datetime) -> str:
    """The newest commit older than the build: what the figures belong to (give or take uncommitted edits
    in the shared working tree at the time)."""
    result = subprocess.run(["git", "-C", str(REPO), "log", "-1", f"--before={built.isoformat()}", "--format=%h %s"],
                            capture_output=True, text=True, timeout=10)
    return result.stdout.strip()[:72] or "unknown commit"
