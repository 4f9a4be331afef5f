"""Timing and scaling helpers: best-of-N wall time, peak memory, fitted complexity exponents.

Wall time on a shared machine is noisy: compare a method and its baseline measured side by side
in the same run, prefer ratios and exponents to absolute seconds, and prefer counts (iterations,
FLOPs, bytes from ``peak_memory``) where the paper's claim is about them.
"""
import time
import tracemalloc

import numpy as np


def best_of(fn, *args, repeat=5, number=1, **kwargs):
    """Best (minimum) wall time in seconds of ``fn(*args, **kwargs)`` over ``repeat`` rounds of
    ``number`` calls each (time per call)."""
    if repeat < 1 or number < 1:
        raise ValueError(f"repeat and number must be >= 1; got repeat={repeat}, number={number}")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn(*args, **kwargs)
        best = min(best, (time.perf_counter() - t0) / number)
    return best


def peak_memory(fn, *args, **kwargs):
    """Run ``fn(*args, **kwargs)`` once under tracemalloc; return (peak bytes allocated during the
    call, result). numpy arrays are traced, so this is steady where wall time is not."""
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    try:
        result = fn(*args, **kwargs)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return peak, result


def fit_exponent(n, t, return_coef=False):
    """Least-squares slope of log t against log n: the exponent p in t ≈ c·n^p.

    With ``return_coef=True`` returns (p, c). Needs at least two distinct positive n and positive t.
    """
    n = np.asarray(n, dtype=float).ravel()
    t = np.asarray(t, dtype=float).ravel()
    if n.shape != t.shape:
        raise ValueError(f"n and t must have the same length; got {n.size} and {t.size}")
    if n.size < 2 or np.unique(n).size < 2:
        raise ValueError("need at least two distinct sizes to fit an exponent")
    if np.any(n <= 0) or np.any(t <= 0) or not np.all(np.isfinite(t)):
        raise ValueError("sizes and times must be positive and finite to fit a log-log slope")
    p, logc = np.polyfit(np.log(n), np.log(t), 1)
    return (float(p), float(np.exp(logc))) if return_coef else float(p)
