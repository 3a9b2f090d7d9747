"""bench/run: options, the order of the run, the table, the exit code.

Exit codes: 0 when the harness ran every selected row (goals missed or a daemon unavailable are results,
not failures); 1 when the harness itself broke (an unexpected error in a row; the whole run outliving its
bound; in the smoke profile also lsyncd, the reference, missing or failing to produce a figure, which
means the harness is what is broken); 2 for bad options; 130 when interrupted (Ctrl-C, SIGTERM).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

from . import machine, processes, profiles, table
from .clock import BenchTimeout, Deadline
from .guard import HarnessBroken, guarded
from .mirrors.base import DaemonFailed, Job, Mirror, Unavailable
from .mirrors.image import locate, unpack
from .mirrors.lsyncd import Lsyncd
from .mirrors.pirsyncd import Pirsyncd
from .profiles import PROFILES, Profile
from .results import Figure, Line, ReportOnly
from .rows import ROWS
from .rows.common import Context, one_change
from .workspace import Workspace
from . import trees

# The watchdog fires this long after the profile's run_timeout: every wait ends by run_timeout already,
# so only something unbounded gets here, and the rows after the deadline need a moment to fail fast.
WATCHDOG_GRACE = 30.0


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run", description="pirsyncd and lsyncd side by side on the same trees (issue 9). "
        "Needs root for the tmpfs (or --disk). Method and figures: docs/benchmarks.md.")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--smoke", "--quick", dest="profile", action="store_const", const="smoke",
                      help="tiny sizes, seconds in all: what CI runs so the harness cannot rot")
    size.add_argument("--full", dest="profile", action="store_const", const="full",
                      help="the sizes of issue 9 (the default; tens of minutes)")
    parser.add_argument("--rows", default=",".join(ROWS),
                        help=f"comma-separated rows to run, in table order (default all: {','.join(ROWS)})")
    parser.add_argument("--daemons", default="pirsyncd,lsyncd",
                        help="which daemons to measure (default pirsyncd,lsyncd)")
    parser.add_argument("--disk", action="store_true", help="trees on disk instead of a tmpfs")
    parser.add_argument("--dir", help="parent folder of the scratch area (default the system temp dir)")
    parser.add_argument("--tmpfs-size", default="8g", help="size of the tmpfs (default 8g)")
    parser.add_argument("--delay", type=float, default=0.0,
                        help="the delay both daemons get, seconds (default 0, as in issue 9)")
    parser.add_argument("--image", help="pirsyncd image to run: a tarball or an unpacked folder "
                        "(default the newest jlink/target/pirsyncd-*-linux-x86_64.tar.gz)")
    parser.add_argument("--java-opts", help="extra JVM options for pirsyncd (PIRSYNCD_JAVA_OPTS of its "
                        "launcher), to measure a tuning before changing the launcher")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="FIELD=VALUE",
                        help="override one size of the profile, e.g. --set overflow_changes=20000 "
                        "(fields: see bench/pirbench/profiles.py); repeatable")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument("--json", dest="json_path", help="also write every figure to this JSON file")
    parser.set_defaults(profile="full")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    options = parse(argv)
    try:
        profile = profiles.override(PROFILES[options.profile], options.overrides)
    except ValueError as problem:
        print(f"bench: --set: {problem}", file=sys.stderr)
        return 2
    rows = [name.strip() for name in options.rows.split(",") if name.strip()]
    unknown = [name for name in rows if name not in ROWS]
    if unknown or not rows:
        print(f"bench: --rows: unknown row {', '.join(unknown) or '(none given)'}; choose from {', '.join(ROWS)}",
              file=sys.stderr)
        return 2
    daemons = [name.strip() for name in options.daemons.split(",") if name.strip()]
    if not daemons or any(name not in ("pirsyncd", "lsyncd") for name in daemons):
        print("bench: --daemons: choose pirsyncd, lsyncd or both, comma-separated", file=sys.stderr)
        return 2
    problem = _watch_limit_problem(profile, rows)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    started = time.monotonic()
    workspace = Workspace(options.disk, options.dir, options.tmpfs_size)

    def cleanup() -> None:
        processes.stop_all()
        workspace.close()
    return guarded(lambda: _run(options, profile, rows, daemons, workspace, started),
                   profile.run_timeout + WATCHDOG_GRACE, cleanup)


def _run(options: argparse.Namespace, profile: Profile, rows: list[str], daemons: list[str],
         workspace: Workspace, started: float) -> int:
    mirrors: list[Mirror] = []
    unavailable: dict[str, str] = {}
    header = [f"profile: {profile.name}; trees {workspace.describe()}; delay {options.delay:g} s for both"]
    # the reference first: in the smoke profile its absence ends the run before anything is unpacked
    reference = lsyncd_mirrors(profile, unavailable) if "lsyncd" in daemons else []
    image = None
    if "pirsyncd" in daemons:
        image = unpack(locate(options.image), workspace.area("image"))
        pirsyncd = Pirsyncd(image, options.java_opts)
        mirrors.append(pirsyncd)
        header.append(f"pirsyncd: {pirsyncd.version()} — {image.origin}")
        if options.java_opts:
            header.append(f"pirsyncd PIRSYNCD_JAVA_OPTS: {options.java_opts}")
    mirrors += reference
    header += machine.describe(image.launcher if image else None)
    print("\n".join(header), file=sys.stderr, flush=True)

    ctx = Context(profile, workspace, mirrors, options.delay, Deadline.after(profile.run_timeout), unavailable)
    for mirror in mirrors:
        reason = _preflight(ctx, mirror)
        if reason:
            ctx.unavailable[mirror.name] = reason
            ctx.progress(f"{mirror.name}: {reason}")

    lines: list[Line] = []
    broken = False
    for name in rows:
        ctx.progress(f"row {name} (load average {os.getloadavg()[0]:.1f})")
        row_started = time.monotonic()
        try:
            lines += ROWS[name](ctx)
        except Exception as error:  # noqa: BLE001 — any other error is the harness's own: reported, run goes on
            traceback.print_exc()
            broken = True
            why = Figure.none(f"harness error: {type(error).__name__}")
            lines.append(Line(name, str(error)[:60], why, why, ReportOnly()))
        ctx.progress(f"row {name}: {time.monotonic() - row_started:.1f} s")
    if is_smoke(profile) and "lsyncd" in daemons:
        missing = [line for line in lines if line.lsyncd.value is None]
        if missing:
            broken = True
            print(f"bench: lsyncd (the reference) gave no figure for: {', '.join(line.row for line in missing)}",
                  file=sys.stderr)

    header.append(f"load average at the end: {os.getloadavg()[0]:.1f} (the figures are only as steady as the machine)")
    print("\n".join(header))
    print(table.text(lines))
    if options.markdown:
        print()
        print(table.markdown(lines))
    print(f"bench: {time.monotonic() - started:.0f} s in all", file=sys.stderr)
    if options.json_path:
        _write_json(Path(options.json_path), header, lines)
    return 1 if broken else 0


def is_smoke(profile: Profile) -> bool:
    return profile.name.startswith("smoke")


def lsyncd_mirrors(profile: Profile, unavailable: dict[str, str]) -> list[Mirror]:
    """lsyncd, the reference, ready to measure; or none, with the reason its cells show in `unavailable`.
    In the smoke profile, whose point is proving the harness works end to end, a missing reference is the
    harness broken (HarnessBroken, one line with the fix)."""
    try:
        return [Lsyncd()]
    except Unavailable as reason:
        if is_smoke(profile):
            raise HarnessBroken(f"the smoke profile compares with lsyncd, the reference: {reason}; install it "
                                "(apt-get install lsyncd) or pass --daemons pirsyncd") from None
        unavailable[Lsyncd.name] = f"n/a ({reason})"
        return []


def _preflight(ctx: Context, mirror: Mirror) -> str | None:
    """One start and one change on a tiny tree: a daemon that cannot do that gets "n/a (why)" in every
    cell at once, instead of a timeout per row."""
    job: Job = ctx.job(f"preflight-{mirror.name}")
    trees.write(job.source / "hello", b"hello\n")
    try:
        with ctx.running(mirror, job, settle=False) as daemon:
            one_change(daemon, job.source, job.destination, "hello", 1, ctx.deadline.within(60))
    except Unavailable as reason:
        return str(reason)
    except (BenchTimeout, DaemonFailed) as failure:
        return f"n/a (preflight: {str(failure)[:50]})"
    return None


def _watch_limit_problem(profile: Profile, rows: list[str]) -> str | None:
    """Rows run one at a time, so the biggest tree any selected row watches sets the need (plus room for
    the small trees and whatever else this user watches)."""
    trees_watched = [1000]
    if "startup" in rows:
        trees_watched.append(profile.startup_dirs)
    if "memory" in rows:
        trees_watched.append(profile.memory_dirs[1])
    if "idle" in rows:
        trees_watched.append(profile.memory_dirs[0])
    needed = max(trees_watched) + 1000
    limit = int(Path("/proc/sys/fs/inotify/max_user_watches").read_text())
    if limit < needed:
        return (f"bench: fs.inotify.max_user_watches is {limit} but these rows need about {needed}; "
                f"raise it: sysctl -w fs.inotify.max_user_watches={max(needed * 2, 524288)}")
    return None


def _write_json(path: Path, header: list[str], lines: list[Line]) -> None:
    def figure(f: Figure) -> dict:
        return {"value": f.value, "unit": f.unit, "missing": f.missing, "atLeast": f.at_least}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "header": header,
        "lines": [{"row": l.row, "measure": l.metric, "pirsyncd": figure(l.pirsyncd), "lsyncd": figure(l.lsyncd),
                   "ratio": l.ratio(), "goal": l.goal.text(), "met": l.met()} for l in lines],
    }, indent=2) + "\n")
