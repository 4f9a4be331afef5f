"""pytest set-up shared by the unit tests and the nbval notebook runs.

The notebook kernels that nbval starts inherit this process's environment, so the thread caps
are set here, before any kernel starts: xdist workers × BLAS/XLA threads ≤ cores.
"""
import os

_workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1)
_cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
_threads = str(max(1, _cores // _workers))
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, _threads)
if _threads == "1":
    os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.pop("APPROX_CLAIMS_JSON", None)  # tests never write claim files
