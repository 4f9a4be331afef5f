import numpy as np
import pytest

from shared import timing


def test_best_of_returns_minimum_positive_time():
    t = timing.best_of(sum, range(1000), repeat=3, number=2)
    assert 0 < t < 1


def test_best_of_rejects_bad_counts():
    with pytest.raises(ValueError):
        timing.best_of(sum, [1], repeat=0)


def test_fit_exponent_recovers_power_law():
    n = np.array([10, 20, 40, 80, 160])
    assert timing.fit_exponent(n, 3.0 * n**2.0) == pytest.approx(2.0)
    p, c = timing.fit_exponent(n, 0.5 * n**1.5, return_coef=True)
    assert p == pytest.approx(1.5) and c == pytest.approx(0.5)


@pytest.mark.parametrize("n,t", [([1], [1]), ([2, 2], [1, 2]), ([1, 2], [0, 1]), ([1, 2, 3], [1, 2])])
def test_fit_exponent_rejects_bad_input(n, t):
    with pytest.raises(ValueError):
        timing.fit_exponent(n, t)


def test_peak_memory_sees_numpy_allocations():
    peak_small, _ = timing.peak_memory(np.ones, 1_000)
    peak_big, arr = timing.peak_memory(np.ones, 1_000_000)
    assert arr.shape == (1_000_000,)
    assert peak_big >= 8_000_000 > peak_small
