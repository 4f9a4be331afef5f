"""Small helpers shared by the notebooks of approx-notebooks.

Only what two or more notebooks use lives here; a paper's own method lives in its notebook.

    from shared import setup, by_scale, plotting, datasets, timing, Claims
"""
import os as _os

# Notebooks run on the CPU. Set before any notebook imports jax, so jax does not probe for
# accelerators (and print a warning about them) on machines that have a GPU driver.
_os.environ.setdefault("JAX_PLATFORMS", "cpu")

from . import datasets, plotting, timing  # noqa: E402
from .claims import Claims  # noqa: E402
from .session import SCALES, by_scale, setup  # noqa: E402

__all__ = ["setup", "by_scale", "SCALES", "plotting", "datasets", "timing", "Claims"]
