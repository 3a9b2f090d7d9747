"""Figures, goals and verdicts: what one line of the table says."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Union, assert_never


@dataclass(frozen=True)
class Figure:
    """One measured value with its unit, or why there is none (`missing`, e.g. "n/a (run not
    implemented)" or "timeout"). `at_least` marks a lower bound, e.g. an ingest rate the writer could
    not push past."""

    value: float | None
    unit: str = ""
    missing: str = ""
    at_least: bool = False
    label: str = ""  # shown instead of the number, e.g. "yes" for a flag

    @staticmethod
    def flag(state: bool) -> Figure:
        return Figure(1.0 if state else 0.0, "", "", False, "yes" if state else "no")

    @staticmethod
    def of(value: float, unit: str, at_least: bool = False) -> Figure:
        return Figure(value, unit, "", at_least)

    @staticmethod
    def none(reason: str) -> Figure:
        return Figure(None, "", reason)

    def show(self) -> str:
        if self.value is None:
            return self.missing
        if self.label:
            return self.label
        return ("≥ " if self.at_least else "") + _number(self.value) + (f" {self.unit}" if self.unit else "")


def _number(value: float) -> str:
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


@dataclass(frozen=True)
class AtMost:
    """pirsyncd's figure must not exceed a fixed limit (in the figure's unit)."""

    limit: float
    unit: str

    def text(self) -> str:
        return f"≤ {_number(self.limit)} {self.unit}".rstrip()


@dataclass(frozen=True)
class NoWorseThanLsyncd:
    """pirsyncd's figure (lower is better) must not exceed lsyncd's."""

    def text(self) -> str:
        return "≤ lsyncd"


@dataclass(frozen=True)
class HigherThanLsyncd:
    """pirsyncd's figure (higher is better) must exceed lsyncd's."""

    def text(self) -> str:
        return "> lsyncd"


@dataclass(frozen=True)
class ReportOnly:
    """A figure shown for context; there is no goal on it."""

    def text(self) -> str:
        return "report"


Goal = Union[AtMost, NoWorseThanLsyncd, HigherThanLsyncd, ReportOnly]


@dataclass(frozen=True)
class Line:
    """One line of the table: a row name, what it measures, both figures and pirsyncd's goal."""

    row: str
    metric: str
    pirsyncd: Figure
    lsyncd: Figure
    goal: Goal
    comparable: bool = True  # False for flags and counts where a ratio means nothing

    def ratio(self) -> float | None:
        """pirsyncd ÷ lsyncd, when both are numbers and lsyncd's is not zero."""
        mine, theirs = self.pirsyncd.value, self.lsyncd.value
        if not self.comparable or mine is None or theirs is None or theirs == 0:
            return None
        return mine / theirs

    def met(self) -> str:
        """'yes', 'no', or '—' when there is no goal or a figure it needs is missing."""
        mine, theirs = self.pirsyncd.value, self.lsyncd.value
        match self.goal:
            case ReportOnly():
                return "—"
            case AtMost(limit=limit):
                return "—" if mine is None else _yes(mine <= limit)
            case NoWorseThanLsyncd():
                return "—" if mine is None or theirs is None else _yes(mine <= theirs)
            case HigherThanLsyncd():
                if mine is None or theirs is None:
                    return "—"
                # "≥ x" for both (the writer was the limit for both) proves nothing either way.
                if self.pirsyncd.at_least and self.lsyncd.at_least and math.isclose(mine, theirs, rel_tol=0.1):
                    return "—"
                return _yes(mine > theirs)
            case _:
                assert_never(self.goal)  # a new kind of goal must be judged here


def _yes(condition: bool) -> str:
    return "yes" if condition else "no"
