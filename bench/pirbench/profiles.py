"""Sizes of every row. `full` is what issue 9 specifies; `smoke` is tiny, so CI can run the whole harness
in seconds and it cannot rot."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str
    # latency: single-file changes spaced apart
    latency_changes: int
    latency_spacing: float
    # burst: dirs × files of file_size bytes
    burst_dirs: int
    burst_files_per_dir: int
    burst_file_size: int
    # big tree: files in the big and the small tree, changes timed in each (median)
    bigtree_big_files: int
    bigtree_small_files: int
    bigtree_changes: int
    # rename: files in the renamed directory
    rename_files: int
    # start-up: directories in the mirrored tree
    startup_dirs: int
    # memory: watched directories, small and large
    memory_dirs: tuple[int, int]
    # idle: seconds of idling measured
    idle_seconds: float
    # memory and idle: seconds at rest after the initial sync before measuring (start-up garbage, JIT)
    rest_seconds: float
    # overflow: changes made while the daemon is stopped (files, spread over dirs of 100)
    overflow_changes: int
    # ingest: steady rates tried (changes/s), seconds at each
    ingest_rates: tuple[int, ...]
    ingest_seconds: float
    # the longest any one wait may last, and the whole run
    wait_timeout: float
    run_timeout: float


FULL = Profile(
    name="full",
    latency_changes=200, latency_spacing=0.3,
    burst_dirs=200, burst_files_per_dir=100, burst_file_size=4096,
    bigtree_big_files=200_000, bigtree_small_files=1_000, bigtree_changes=9,
    rename_files=10_000,
    startup_dirs=100_000,
    memory_dirs=(20_000, 100_000),
    idle_seconds=60.0,
    rest_seconds=2.0,
    overflow_changes=50_000,
    ingest_rates=(1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000),
    ingest_seconds=5.0,
    wait_timeout=180.0,
    run_timeout=3600.0,
)

SMOKE = Profile(
    name="smoke",
    latency_changes=5, latency_spacing=0.05,
    burst_dirs=4, burst_files_per_dir=25, burst_file_size=4096,
    bigtree_big_files=2_000, bigtree_small_files=100, bigtree_changes=3,
    rename_files=100,
    startup_dirs=300,
    memory_dirs=(100, 500),
    idle_seconds=1.0,
    rest_seconds=0.2,
    overflow_changes=300,
    ingest_rates=(200, 1_000),
    ingest_seconds=0.5,
    wait_timeout=30.0,
    run_timeout=300.0,
)

PROFILES = {"full": FULL, "smoke": SMOKE, "quick": SMOKE}


def override(profile: Profile, assignments: list[str]) -> Profile:
    """`profile` with FIELD=VALUE assignments applied (a tuple field takes comma-separated numbers);
    raises ValueError naming the field and what is wrong."""
    fields = {field.name: field for field in dataclasses.fields(Profile) if field.name != "name"}
    changes: dict[str, object] = {}
    for assignment in assignments:
        key, sep, text = assignment.partition("=")
        if not sep or key not in fields:
            raise ValueError(f"{assignment!r}: expected FIELD=VALUE with FIELD one of {', '.join(fields)}")
        current = getattr(profile, key)
        try:
            if isinstance(current, tuple):
                changes[key] = tuple(type(current[0])(part) for part in text.split(","))
            else:
                changes[key] = type(current)(text)
        except ValueError:
            raise ValueError(f"{key}: {text!r} is not a valid {type(current).__name__}") from None
    if changes:
        profile = dataclasses.replace(profile, name=profile.name + " (modified: " + ", ".join(assignments) + ")",
                                      **changes)
    return profile
