import numpy as np
import pytest

from shared import SCALES, by_scale, setup


def test_setup_returns_seeded_generator():
    a = setup(seed=3, scale="quick").standard_normal(4)
    b = setup(seed=3, scale="quick").standard_normal(4)
    assert isinstance(setup(0, "full"), np.random.Generator)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, setup(seed=4, scale="quick").standard_normal(4))


def test_setup_seeds_global_numpy():
    setup(seed=5, scale="quick")
    x = np.random.rand()
    setup(seed=5, scale="quick")
    assert np.random.rand() == x


@pytest.mark.parametrize("scale", ["huge", "Quick", "", None, 1])
def test_setup_rejects_unknown_scale_naming_allowed(scale):
    with pytest.raises(ValueError) as exc:
        setup(seed=0, scale=scale)
    for allowed in SCALES:
        assert allowed in str(exc.value)


@pytest.mark.parametrize("seed", [-1, 1.5, "0", None, True])
def test_setup_rejects_bad_seed(seed):
    with pytest.raises(ValueError, match="non-negative integer"):
        setup(seed=seed, scale="quick")


def test_setup_accepts_numpy_integer_seed():
    setup(seed=np.int64(2), scale="quick")


def test_setup_applies_house_style():
    import matplotlib as mpl

    from shared import plotting

    setup(seed=0, scale="quick")
    assert mpl.rcParams["figure.dpi"] == plotting.DPI


def test_by_scale_picks_and_validates():
    assert by_scale("quick", quick=1, full=2) == 1
    assert by_scale("full", quick=1, full=2) == 2
    with pytest.raises(ValueError, match="'quick', 'full'"):
        by_scale("huge", quick=1, full=2)
