"""Notebook start-up: parameter validation, seeding and the house plot style."""
import numbers
import random

import numpy as np

SCALES = ("quick", "full")


def _check_scale(scale):
    if not isinstance(scale, str) or scale not in SCALES:
        raise ValueError(f"SCALE must be one of {', '.join(repr(s) for s in SCALES)}; got {scale!r}")


def _check_seed(seed):
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise ValueError(f"SEED must be a non-negative integer; got {seed!r} ({type(seed).__name__})")
    if seed < 0:
        raise ValueError(f"SEED must be a non-negative integer; got {seed}")


def setup(seed=0, scale="quick", style=True):
    """Validate SEED and SCALE, seed Python's and numpy's global generators, apply the house
    plot style, and return a fresh ``numpy.random.Generator`` seeded with ``seed``.

    Raises ValueError (naming what is allowed) for a scale other than "quick"/"full" or a
    seed that is not a non-negative integer.
    """
    _check_seed(seed)
    _check_scale(scale)
    random.seed(int(seed))
    np.random.seed(int(seed) % 2**32)
    if style:
        from . import plotting

        plotting.apply_style()
    return np.random.default_rng(int(seed))


def by_scale(scale, quick, full):
    """Return ``quick`` or ``full`` according to ``scale``, with a clear ValueError otherwise.

    Used right after the parameters cell: ``size = by_scale(SCALE, quick=dict(n=512), full=dict(n=4096))``.
    """
    _check_scale(scale)
    return quick if scale == "quick" else full
