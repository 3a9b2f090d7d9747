"""The rows of the table, in the order they run and print; `--rows` picks among these names."""
from __future__ import annotations

from typing import Callable

from . import bigtree, burst, idle, ingest, latency, memory, overflow, rename, startup
from .common import Context
from ..results import Line

ROWS: dict[str, Callable[[Context], list[Line]]] = {
    "latency": latency.run,
    "burst": burst.run,
    "bigtree": bigtree.run,
    "rename": rename.run,
    "startup": startup.run,
    "memory": memory.run,
    "idle": idle.run,
    "overflow": overflow.run,
    "ingest": ingest.run,
}
