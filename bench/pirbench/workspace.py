"""The scratch area the trees live in: a tmpfs we mount under a fresh temp dir (the default), or a plain
directory on disk (--disk). Removed, and unmounted, when the run ends."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class Workspace:
    """Owns one temp dir; `area(name)` hands out fresh sub-folders for trees, runtime dirs and configs."""

    def __init__(self, on_disk: bool, parent: str | None, tmpfs_size: str) -> None:
        self.on_disk = on_disk
        self.root = Path(tempfile.mkdtemp(prefix="pirsyncd-bench-", dir=parent))
        self._mounted = False
        if not on_disk:
            if os.geteuid() != 0:
                raise SystemExit("bench: mounting a tmpfs needs root; run as root or pass --disk")
            subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={tmpfs_size},mode=0755", "pirsyncd-bench",
                            str(self.root)], check=True)
            self._mounted = True
        self._counter = 0

    def describe(self) -> str:
        kind = "on disk" if self.on_disk else "tmpfs"
        return f"{kind} at {self.root}"

    def area(self, name: str) -> Path:
        """A new empty folder; names are numbered so repeated rows never reuse a dirty one."""
        self._counter += 1
        path = self.root / f"{self._counter:03d}-{name}"
        path.mkdir()
        return path

    def close(self) -> None:
        """Unmounts (lazily if something still holds it, so the run never hangs here) and removes the dir."""
        if self._mounted:
            result = subprocess.run(["umount", str(self.root)], capture_output=True)
            if result.returncode != 0:
                subprocess.run(["umount", "-l", str(self.root)], capture_output=True)
            self._mounted = False
            os.rmdir(self.root)
        else:
            shutil.rmtree(self.root, ignore_errors=True)
