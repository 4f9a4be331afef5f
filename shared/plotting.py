"""The house plot style: one colour for the paper's method, others for baselines, everywhere.

    from shared import plotting
    fig, ax = plotting.subplots()
    ax.plot(x, y_method, color=plotting.METHOD, label="FlashAttention-2")
    ax.plot(x, y_base, color=plotting.BASELINE, label="dense attention")
    slope = plotting.loglog_slope(ax, n, peak_bytes, color=plotting.METHOD, label="FA-2")
"""
import numpy as np

# Okabe–Ito colours (colour-blind safe). The paper's method is always METHOD.
METHOD = "#D55E00"  # vermillion: the paper's method
BASELINE = "#0072B2"  # blue: the main baseline
OTHERS = ("#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")  # further baselines / ablations
REFERENCE = "#7F7F7F"  # grey: exact references, targets, theory lines

DPI = 90

_RC = {
    "figure.figsize": (6.0, 3.8),
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "figure.constrained_layout.use": True,
    "font.size": 10,
    "axes.titlesize": 10.5,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "lines.linewidth": 1.8,
    "lines.markersize": 5,
    "image.cmap": "viridis",
}


def apply_style():
    """Apply the house matplotlib style (colours, sizes, ~90 dpi PNG figures)."""
    import matplotlib as mpl
    import matplotlib.pyplot as plt  # noqa: F401 - importing pyplot first lets the inline backend settle

    mpl.rcParams.update(_RC)
    mpl.rcParams["axes.prop_cycle"] = mpl.cycler(color=[BASELINE, *OTHERS])


def baseline_color(i=0):
    """Colour of the i-th baseline: BASELINE for i = 0, then OTHERS in order (cycling)."""
    if i == 0:
        return BASELINE
    return OTHERS[(i - 1) % len(OTHERS)]


def subplots(nrows=1, ncols=1, panel=(4.2, 3.2), **kwargs):
    """``plt.subplots`` with a figure size of ``panel`` inches per panel; returns (fig, axes).

    Other keywords go to ``plt.subplots`` (e.g. ``squeeze=False`` for an always-2-D axes array).
    """
    import matplotlib.pyplot as plt

    kwargs.setdefault("squeeze", True)
    figsize = (panel[0] * ncols, panel[1] * nrows)
    return plt.subplots(nrows, ncols, figsize=figsize, **kwargs)


def loglog_slope(ax, x, y, label=None, color=None, marker="o", fit_range=None, annotate=True, **kwargs):
    """Plot y against x on log-log axes with a dashed least-squares line; return the fitted slope.

    The slope is fitted on the points with ``fit_range[0] <= x <= fit_range[1]`` (all points by
    default) and appended to the legend label as "(slope 1.98)".
    """
    from .timing import fit_exponent

    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    keep = np.ones_like(x, dtype=bool) if fit_range is None else (x >= fit_range[0]) & (x <= fit_range[1])
    slope, coef = fit_exponent(x[keep], y[keep], return_coef=True)
    text = f"slope {slope:.2f}"
    full_label = f"{label} ({text})" if (label and annotate) else label
    (line,) = ax.loglog(x, y, marker=marker, linestyle="none", color=color, label=full_label, **kwargs)
    xs = np.geomspace(x[keep].min(), x[keep].max(), 50)
    ax.loglog(xs, coef * xs**slope, linestyle="--", linewidth=1.0, color=line.get_color())
    return slope
