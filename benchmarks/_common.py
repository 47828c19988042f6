"""Helpers shared by the benchmarks: run a command many times, report medians and their ratio."""

from __future__ import annotations

import statistics
import subprocess
import time


def time_runs(argv: list[str], runs: int, ok: tuple[int, ...] = (0,), **kwargs) -> list[float]:
    """Wall-clock seconds of `runs` runs of a whole process (output discarded); other exit codes fail."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
        times.append(time.perf_counter() - start)
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return times


def interleaved(a: list[str], b: list[str], runs: int, **kwargs) -> tuple[list[float], list[float]]:
    """Time two commands pair by pair, so machine noise falls on both alike."""
    ta, tb = [], []
    for _ in range(runs):
        ta += time_runs(a, 1, **kwargs)
        tb += time_runs(b, 1, **kwargs)
    return ta, tb


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000
