"""Small statistics over measured samples."""
from __future__ import annotations

import math


def percentile(samples: list[float], p: float) -> float:
    """The nearest-rank percentile (p in 0..100): the smallest sample with at least p% of the samples at
    or below it. Nearest rank, not interpolation, so p99 of 200 samples is a latency that really happened."""
    if not samples:
        raise ValueError("percentile of no samples")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile {p} is outside 0..100")
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def median(samples: list[float]) -> float:
    return percentile(samples, 50)
