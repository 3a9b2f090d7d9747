"""The one table the run prints: row, what, pirsyncd, lsyncd, ratio, goal, met? — as aligned text for a
terminal or as Markdown for docs/benchmarks.md."""
from __future__ import annotations

from .results import Line

HEADER = ("row", "measure", "pirsyncd", "lsyncd", "ratio", "goal", "met?")


def cells(line: Line) -> tuple[str, ...]:
    ratio = line.ratio()
    return (line.row, line.metric, line.pirsyncd.show(), line.lsyncd.show(),
            "" if ratio is None else f"{ratio:.2f}×", line.goal.text(), line.met())


def text(lines: list[Line]) -> str:
    rows = [HEADER] + [cells(line) for line in lines]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    rendered = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    rendered.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(rendered)


def markdown(lines: list[Line]) -> str:
    rows = [HEADER] + [cells(line) for line in lines]
    rendered = ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    rendered.insert(1, "|" + "---|" * len(HEADER))
    return "\n".join(rendered)
