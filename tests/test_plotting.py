import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from shared import plotting  # noqa: E402


def test_house_colours_are_distinct():
    colours = [plotting.METHOD, plotting.BASELINE, *plotting.OTHERS, plotting.REFERENCE]
    assert len(set(colours)) == len(colours)
    assert plotting.baseline_color(0) == plotting.BASELINE
    assert plotting.baseline_color(1) == plotting.OTHERS[0]
    assert plotting.METHOD not in [plotting.baseline_color(i) for i in range(20)]


def test_apply_style_sets_rc_and_cycle_without_method_colour():
    plotting.apply_style()
    assert matplotlib.rcParams["savefig.dpi"] == plotting.DPI
    cycle = [c["color"] for c in matplotlib.rcParams["axes.prop_cycle"]]
    assert cycle[0] == plotting.BASELINE and plotting.METHOD not in cycle


def test_subplots_sizes_per_panel():
    fig, axes = plotting.subplots(1, 3, panel=(2.0, 1.5))
    assert len(axes) == 3
    assert tuple(fig.get_size_inches()) == pytest.approx((6.0, 1.5))
    plt.close(fig)


def test_subplots_passes_squeeze_through():
    fig, axes = plotting.subplots(1, 1, squeeze=False)
    assert axes.shape == (1, 1)
    plt.close(fig)


def test_loglog_slope_fits_and_labels():
    fig, ax = plotting.subplots()
    n = np.array([64, 128, 256, 512])
    slope = plotting.loglog_slope(ax, n, 2e-3 * n**2, label="dense", color=plotting.BASELINE)
    assert slope == pytest.approx(2.0)
    ax.legend()
    assert "slope 2.00" in ax.get_legend().get_texts()[0].get_text()
    assert ax.get_xscale() == "log"
    part = plotting.loglog_slope(ax, [1, 2, 4, 8, 16], [1, 2, 4, 64, 256], fit_range=(1, 4))
    assert part == pytest.approx(1.0)
    plt.close(fig)
