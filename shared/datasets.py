"""Deterministic data for the notebooks: scikit-learn's bundled datasets and shared synthetic
generators. Nothing here downloads anything.

- ``load(name, seed, ...)``: a bundled real dataset, split and scaled the same way every time.
- ``GaussianMixture``: an isotropic Gaussian mixture with its exact diffused score / noise
  prediction and probability-flow ODE solution, so diffusion samplers can be measured against
  the exact ODE rather than another sampler.
- ``scaled_linear_schedule``: the Stable-Diffusion VP noise schedule (alpha_t, sigma_t).
- ``gaussian_random_field``: smooth random fields (FFT-filtered white noise) on a grid.
- ``laplacian``: the sparse Dirichlet finite-difference Laplacian stencil in 1-D or 2-D.
"""
from dataclasses import dataclass, field

import numpy as np

BUNDLED = ("digits", "iris", "wine", "breast_cancer", "diabetes")
SCALINGS = ("standard", "unit", "none")


@dataclass
class Split:
    """A train/test split of one dataset (features already scaled as asked)."""

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    task: str  # "classification" or "regression"
    feature_names: list = field(default_factory=list)
    target_names: list = field(default_factory=list)

    @property
    def n_classes(self):
        """Number of classes (0 for regression)."""
        return int(len(np.unique(self.y_train))) if self.task == "classification" else 0


def load(name, seed=0, test_size=0.25, scaling="standard"):
    """Load one of scikit-learn's bundled datasets with a fixed, stratified train/test split.

    ``name`` is one of BUNDLED; ``seed`` fixes the split; ``test_size`` is a fraction or a count;
    ``scaling`` is "standard" (zero mean, unit variance from the training rows; constant
    features are left at zero), "unit" (divide by the training maximum |x|; digits → [0, 1]),
    or "none". Features are float64, labels int64 (classification) or float64 (regression).
    """
    import sklearn.datasets as skd
    from sklearn.model_selection import train_test_split

    if name not in BUNDLED:
        raise ValueError(f"unknown dataset {name!r}; the bundled ones are: {', '.join(BUNDLED)}")
    if scaling not in SCALINGS:
        raise ValueError(f"scaling must be one of {', '.join(repr(s) for s in SCALINGS)}; got {scaling!r}")
    bunch = getattr(skd, f"load_{name}")()
    X = np.asarray(bunch.data, dtype=np.float64)
    task = "regression" if name == "diabetes" else "classification"
    y = np.asarray(bunch.target, dtype=np.float64 if task == "regression" else np.int64)
    X_tr, X_te, y_tr, y_te = train_test_split(
        X, y, test_size=test_size, random_state=int(seed), stratify=y if task == "classification" else None
    )
    if scaling == "standard":
        mu, sd = X_tr.mean(0), X_tr.std(0)
        sd = np.where(sd > 0, sd, 1.0)
        X_tr, X_te = (X_tr - mu) / sd, (X_te - mu) / sd
    elif scaling == "unit":
        m = np.abs(X_tr).max()
        X_tr, X_te = X_tr / m, X_te / m
    names = [str(n) for n in getattr(bunch, "feature_names", [])]
    targets = [str(t) for t in getattr(bunch, "target_names", [])] if task == "classification" else []
    return Split(X_tr, X_te, y_tr, y_te, task, names, targets)


class GaussianMixture:
    """Isotropic Gaussian mixture p(x) = Σ_k w_k N(x; μ_k, s_k² I), with exact diffused quantities.

    Under the forward process x_t = α x_0 + σ ε, the marginal is again a mixture with means
    α μ_k and variances v_k = α² s_k² + σ², so its score, the optimal noise prediction
    ε*(x) = −σ ∇log p_t(x) and the posterior mean E[x_0 | x_t] are all closed form.
    ``alpha`` and ``sigma`` may be scalars or arrays broadcastable against the batch (shape (n,)).
    """

    def __init__(self, weights, means, stds):
        """``weights`` (K,), ``means`` (K, d), ``stds`` scalar or (K,)."""
        self.means = np.atleast_2d(np.asarray(means, dtype=np.float64))
        K, d = self.means.shape
        w = np.asarray(weights, dtype=np.float64)
        if w.shape != (K,) or np.any(w < 0) or not np.isclose(w.sum(), 1.0):
            raise ValueError(f"weights must be {K} non-negative numbers summing to 1")
        s = np.broadcast_to(np.asarray(stds, dtype=np.float64), (K,)).copy()
        if np.any(s <= 0):
            raise ValueError("component standard deviations must be positive")
        self.weights, self.stds, self.K, self.d = w, s, K, d

    @classmethod
    def ring(cls, k=8, radius=2.0, std=0.15):
        """The 2-D benchmark: ``k`` equal-weight components on a circle of ``radius``."""
        angles = 2 * np.pi * np.arange(k) / k
        means = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)
        return cls(np.full(k, 1.0 / k), means, std)

    @classmethod
    def random(cls, d, k, std, mean_norm, rng):
        """``k`` equal-weight components in R^d with random directions, means of norm ``mean_norm``."""
        means = rng.standard_normal((k, d))
        means *= mean_norm / np.linalg.norm(means, axis=1, keepdims=True)
        return cls(np.full(k, 1.0 / k), means, std)

    def sample(self, n, rng):
        """``n`` samples of x_0 (shape (n, d)) and their component labels."""
        labels = rng.choice(self.K, size=n, p=self.weights)
        x = self.means[labels] + self.stds[labels, None] * rng.standard_normal((n, self.d))
        return x, labels

    def _posterior(self, x, alpha, sigma):
        """Per-sample (alpha, sigma), component variances, responsibilities and log p_t(x)."""
        x = np.asarray(x, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != self.d:
            raise ValueError(f"x must have shape (n, {self.d}); got {x.shape}")
        n = x.shape[0]
        a = np.broadcast_to(np.asarray(alpha, dtype=np.float64), (n,))
        s = np.broadcast_to(np.asarray(sigma, dtype=np.float64), (n,))
        var = a[:, None] ** 2 * self.stds**2 + s[:, None] ** 2  # (n, K)
        diff2 = ((x**2).sum(1)[:, None] - 2 * a[:, None] * (x @ self.means.T)
                 + a[:, None] ** 2 * (self.means**2).sum(1))  # |x - a mu_k|^2, (n, K)
        logp = np.log(self.weights) - 0.5 * np.maximum(diff2, 0.0) / var - 0.5 * self.d * np.log(2 * np.pi * var)
        m = logp.max(axis=1, keepdims=True)
        lse = m[:, 0] + np.log(np.exp(logp - m).sum(axis=1))
        resp = np.exp(logp - lse[:, None])
        return x, a, s, var, resp, lse

    def log_prob(self, x, alpha=1.0, sigma=0.0):
        """log p_t(x) of the diffused mixture (alpha = 1, sigma = 0 gives the data density)."""
        return self._posterior(x, alpha, sigma)[5]

    def score(self, x, alpha=1.0, sigma=0.0):
        """The exact score of the diffused mixture, grad_x log p_t(x), shape (n, d)."""
        x, a, _, var, resp, _ = self._posterior(x, alpha, sigma)
        c = resp / var  # (n, K)
        return (c * a[:, None]) @ self.means - c.sum(1, keepdims=True) * x

    def eps(self, x, alpha, sigma):
        """The exact (MSE-optimal) noise prediction eps*(x_t) = -sigma * grad log p_t(x_t)."""
        n = np.shape(x)[0]
        s = np.broadcast_to(np.asarray(sigma, dtype=np.float64), (n,))
        return -s[:, None] * self.score(x, alpha, sigma)

    def denoise(self, x, alpha, sigma):
        """The exact posterior mean E[x_0 | x_t = x] (Tweedie): (x - sigma eps*) / alpha."""
        n = np.shape(x)[0]
        a = np.broadcast_to(np.asarray(alpha, dtype=np.float64), (n,))
        s = np.broadcast_to(np.asarray(sigma, dtype=np.float64), (n,))
        return (np.asarray(x, dtype=np.float64) - s[:, None] * self.eps(x, alpha, sigma)) / a[:, None]

    def pf_ode(self, x, rho_from, rho_to=0.0, rtol=1e-10, atol=1e-12):
        """Solve the exact probability-flow ODE of the VP-diffused mixture (alpha² + sigma² = 1).

        In y = x/alpha and rho = sigma/alpha the ODE is dy/drho = eps*(x) (DDIM is its Euler
        step). Integrates every row of ``x`` (shape (n, d), given at rho = ``rho_from``) to
        ``rho_to`` with scipy's DOP853 and returns x there: the reference every sampler is
        measured against. ``rho_to = 0`` is the data end (alpha = 1).
        """
        from scipy.integrate import solve_ivp

        x = np.asarray(x, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != self.d:
            raise ValueError(f"x must have shape (n, {self.d}); got {x.shape}")
        if rho_from < 0 or rho_to < 0:
            raise ValueError(f"rho = sigma/alpha must be >= 0; got {rho_from}, {rho_to}")
        if rho_from == rho_to:
            return x.copy()
        alpha_of = lambda rho: 1.0 / np.sqrt(1.0 + rho * rho)  # noqa: E731

        def rhs(rho, y):
            a = alpha_of(rho)
            return self.eps(y.reshape(x.shape) * a, a, rho * a).ravel()

        sol = solve_ivp(rhs, (rho_from, rho_to), (x / alpha_of(rho_from)).ravel(), method="DOP853",
                        rtol=rtol, atol=atol, t_eval=[rho_to])
        if not sol.success:
            raise RuntimeError(f"probability-flow ODE solve failed: {sol.message}")
        return sol.y[:, -1].reshape(x.shape) * alpha_of(rho_to)


def scaled_linear_schedule(T=1000, beta_start=0.00085, beta_end=0.012):
    """Stable Diffusion's VP schedule: betas linear in sqrt between the ends, T steps.

    Returns (alpha, sigma), arrays of length T with alpha_t = sqrt(ᾱ_t), sigma_t = sqrt(1 − ᾱ_t).
    """
    betas = np.linspace(beta_start**0.5, beta_end**0.5, T, dtype=np.float64) ** 2
    alphas_cumprod = np.cumprod(1.0 - betas)
    return np.sqrt(alphas_cumprod), np.sqrt(1.0 - alphas_cumprod)


def gaussian_random_field(shape, corr_len, rng, n=1, channels=None):
    """``n`` smooth periodic random fields on a grid of ``shape``: white noise filtered in Fourier
    space by a Gaussian kernel of correlation length ``corr_len`` (in grid cells), each field
    normalised to zero mean and unit variance. Returns (n, *shape) or (n, *shape, channels).
    """
    shape = tuple(int(s) for s in np.atleast_1d(shape))
    if corr_len <= 0:
        raise ValueError(f"corr_len must be positive; got {corr_len}")
    extra = () if channels is None else (int(channels),)
    noise = rng.standard_normal((n, *shape, *extra))
    freqs = np.meshgrid(*[np.fft.fftfreq(s) for s in shape], indexing="ij")
    k2 = sum(f**2 for f in freqs)
    filt = np.exp(-2 * (np.pi * corr_len) ** 2 * k2)
    if extra:
        filt = filt[..., None]
    axes = tuple(range(1, 1 + len(shape)))
    field = np.fft.ifftn(np.fft.fftn(noise, axes=axes) * filt, axes=axes).real
    field -= field.mean(axis=axes, keepdims=True)
    field /= field.std(axis=axes, keepdims=True)
    return field


def laplacian(n, dim=2):
    """The Dirichlet finite-difference Laplacian stencil on n (or n×n) interior points, as a
    sparse CSR matrix with 2·dim on the diagonal and −1 for each neighbour (multiply by 1/h²
    for the PDE operator −Δ). Symmetric positive definite."""
    import scipy.sparse as sp

    if dim not in (1, 2):
        raise ValueError(f"dim must be 1 or 2; got {dim}")
    if n < 1:
        raise ValueError(f"n must be >= 1; got {n}")
    T = sp.diags([-np.ones(n - 1), 2 * np.ones(n), -np.ones(n - 1)], [-1, 0, 1], format="csr")
    if dim == 1:
        return T
    eye = sp.identity(n, format="csr")
    return (sp.kron(T, eye) + sp.kron(eye, T)).tocsr()
