"""Shared pieces of the benchmarks: a result row, medians, percentiles, timing helpers."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    name: str
    figure: float
    baseline_name: str
    baseline: float
    unit: str
    goal: str = ""

    @property
    def ratio(self) -> float:
        return self.figure / self.baseline if self.baseline else float("inf")


def median_of(repeat: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(repeat))


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def time_until_line(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning `command` until it prints its first line."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.communicate(timeout=60)
    return elapsed


def goal(met: bool, text: str) -> str:
    return f"{text}: {'met' if met else 'MISSED'}"
