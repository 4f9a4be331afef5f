import numpy as np
import pytest

from shared import datasets


@pytest.mark.parametrize("name", datasets.BUNDLED)
def test_load_is_deterministic_and_standardised(name):
    a = datasets.load(name, seed=1)
    b = datasets.load(name, seed=1)
    np.testing.assert_array_equal(a.X_train, b.X_train)
    np.testing.assert_array_equal(a.y_test, b.y_test)
    assert a.X_train.dtype == np.float64
    np.testing.assert_allclose(a.X_train.mean(0), 0, atol=1e-10)
    sd = a.X_train.std(0)
    assert np.all((np.abs(sd - 1) < 1e-10) | (sd == 0))
    assert a.task == ("regression" if name == "diabetes" else "classification")


def test_load_split_depends_on_seed_and_counts():
    a = datasets.load("digits", seed=0, test_size=397, scaling="unit")
    b = datasets.load("digits", seed=1, test_size=397, scaling="unit")
    assert a.X_train.shape == (1400, 64) and a.X_test.shape == (397, 64)
    assert a.X_train.max() == 1.0 and a.X_train.min() == 0.0
    assert not np.array_equal(a.y_train, b.y_train)
    assert a.n_classes == 10 and len(a.target_names) == 10


def test_load_rejects_unknown_names():
    with pytest.raises(ValueError, match="digits"):
        datasets.load("mnist")
    with pytest.raises(ValueError, match="standard"):
        datasets.load("iris", scaling="minmax")


def test_gaussian_mixture_score_matches_finite_differences():
    rng = np.random.default_rng(0)
    gm = datasets.GaussianMixture.random(d=5, k=4, std=0.3, mean_norm=2.0, rng=rng)
    x = rng.standard_normal((6, 5))
    alpha, sigma = np.linspace(0.3, 0.9, 6), np.linspace(0.9, 0.4, 6)
    h = 1e-5
    fd = np.stack([(gm.log_prob(x + h * e, alpha, sigma) - gm.log_prob(x - h * e, alpha, sigma)) / (2 * h)
                   for e in np.eye(5)], axis=1)
    np.testing.assert_allclose(gm.score(x, alpha, sigma), fd, atol=1e-7)


def test_gaussian_mixture_density_and_eps():
    from scipy.stats import multivariate_normal

    gm = datasets.GaussianMixture.ring(k=3, radius=1.0, std=0.5)
    x = np.array([[0.3, -0.2], [1.0, 1.0]])
    a, s = 0.8, 0.6
    ref = sum(w * multivariate_normal(a * m, (a**2 * 0.25 + s**2) * np.eye(2)).pdf(x)
              for w, m in zip(gm.weights, gm.means))
    np.testing.assert_allclose(np.exp(gm.log_prob(x, a, s)), ref, rtol=1e-12)
    np.testing.assert_allclose(gm.eps(x, a, s), -s * gm.score(x, a, s))
    np.testing.assert_allclose(a * gm.denoise(x, a, s) + s * gm.eps(x, a, s), x)


def test_gaussian_mixture_eps_is_mse_optimal():
    """E[eps | x_t] = eps*(x_t): regressing true noise on eps* gives slope ~1."""
    rng = np.random.default_rng(1)
    gm = datasets.GaussianMixture.ring()
    x0, labels = gm.sample(20000, rng)
    assert set(labels) == set(range(8))
    a, s = 0.6, 0.8
    noise = rng.standard_normal(x0.shape)
    pred = gm.eps(a * x0 + s * noise, a, s)
    assert np.mean((noise - pred) ** 2) < np.mean(noise**2) - 0.05
    slope = (pred * noise).sum() / (pred**2).sum()
    assert abs(slope - 1) < 0.03


def test_pf_ode_matches_single_gaussian_closed_form():
    """For one Gaussian N(mu, s² I) the flow in y = x/alpha is y(rho) = mu + sqrt((s²+rho²)/(s²+rho0²)) (y0 - mu)."""
    rng = np.random.default_rng(2)
    mu, s = np.array([1.0, -2.0, 0.5]), 0.3
    gm = datasets.GaussianMixture([1.0], [mu], s)
    rho0, rho1 = 8.0, 0.05
    x0 = rng.standard_normal((4, 3))
    y0 = x0 * np.sqrt(1 + rho0**2)
    expect = (mu + np.sqrt((s**2 + rho1**2) / (s**2 + rho0**2)) * (y0 - mu)) / np.sqrt(1 + rho1**2)
    np.testing.assert_allclose(gm.pf_ode(x0, rho0, rho1), expect, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(gm.pf_ode(x0, rho0, rho0), x0)


def test_pf_ode_is_the_limit_of_ddim():
    """DDIM is Euler in (rho, y): with many steps it approaches the exact ODE endpoint."""
    rng = np.random.default_rng(3)
    gm = datasets.GaussianMixture.ring()
    x = rng.standard_normal((16, 2)) / np.sqrt(1 + 20.0**2)
    exact = gm.pf_ode(x, 20.0, 0.0)
    errs = []
    for n in (50, 400):
        rho = np.geomspace(20.0, 1e-4, n)
        y = x * np.sqrt(1 + 20.0**2)
        for r0, r1 in zip(rho[:-1], rho[1:]):
            a = 1 / np.sqrt(1 + r0**2)
            y = y + (r1 - r0) * gm.eps(y * a, a, r0 * a)
        errs.append(np.median(np.linalg.norm(y / np.sqrt(1 + rho[-1] ** 2) - exact, axis=1)))
    assert errs[1] < errs[0] / 4


def test_gaussian_mixture_rejects_bad_parameters():
    with pytest.raises(ValueError):
        datasets.GaussianMixture([0.5, 0.6], [[0, 0], [1, 1]], 0.1)
    with pytest.raises(ValueError):
        datasets.GaussianMixture([0.5, 0.5], [[0, 0], [1, 1]], 0.0)
    with pytest.raises(ValueError, match="shape"):
        datasets.GaussianMixture.ring().score(np.zeros((3, 5)))
    with pytest.raises(ValueError, match="rho"):
        datasets.GaussianMixture.ring().pf_ode(np.zeros((3, 2)), -1.0)


def test_scaled_linear_schedule():
    alpha, sigma = datasets.scaled_linear_schedule()
    assert alpha.shape == (1000,)
    np.testing.assert_allclose(alpha**2 + sigma**2, 1)
    assert np.all(np.diff(alpha) < 0)
    assert alpha[0] == pytest.approx(np.sqrt(1 - 0.00085))
    assert 0.06 < alpha[-1] < 0.07  # SD's final alpha_bar ≈ 0.0047


def test_gaussian_random_field_shape_and_smoothness():
    rng = np.random.default_rng(0)
    f = datasets.gaussian_random_field((32, 32), corr_len=3, rng=rng, n=4, channels=2)
    assert f.shape == (4, 32, 32, 2)
    np.testing.assert_allclose(f.mean(axis=(1, 2)), 0, atol=1e-12)
    np.testing.assert_allclose(f.std(axis=(1, 2)), 1)
    neighbour = np.mean(f[:, 1:] * f[:, :-1])
    white = datasets.gaussian_random_field((32, 32), corr_len=0.01, rng=rng, n=4)
    assert neighbour > 0.8 and abs(np.mean(white[:, 1:] * white[:, :-1])) < 0.1
    with pytest.raises(ValueError):
        datasets.gaussian_random_field((8,), corr_len=0, rng=rng)


def test_laplacian_matches_dense_stencil():
    L1 = datasets.laplacian(4, dim=1).toarray()
    np.testing.assert_array_equal(L1, 2 * np.eye(4) - np.eye(4, k=1) - np.eye(4, k=-1))
    L2 = datasets.laplacian(3, dim=2)
    assert L2.shape == (9, 9) and L2[4, 4] == 4 and L2[4].sum() == 0 and L2[0].sum() == 2
    assert np.all(np.linalg.eigvalsh(L2.toarray()) > 0)
    with pytest.raises(ValueError):
        datasets.laplacian(3, dim=3)
