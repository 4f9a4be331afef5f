#!/usr/bin/env python3
"""Re-execute notebooks in place at their defaults (Restart & Run All), ready to commit.

    python tools/execute.py 21 59        # or: make execute ONLY="21 59"

Runs each notebook top to bottom in a fresh kernel (the repo's kernel when installed), stores the
outputs with execution counts 1..N, and leaves no per-run metadata (timestamps, papermill)
behind, so that a re-execution changes only what the notebook computes. Stops at the first
notebook that raises, leaving that file untouched.
"""
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import UsageError, available_notebooks, kernel_name, select, worker_env  # noqa: E402


def execute(path, kernel, timeout=1800):
    """Execute one notebook in place; return the wall time in seconds."""
    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name=kernel, record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    seconds = time.perf_counter() - t0
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": "Python 3 (approx-notebooks)", "language": "python"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
    nbformat.write(nb, path)
    return seconds


def main(argv):
    try:
        selected = select(" ".join(argv), available_notebooks())
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    import os

    os.environ.update({k: v for k, v in worker_env(1).items() if k not in ("PYTHONHASHSEED",)})  # as CI runs them
    kernel = kernel_name()
    for path in selected:
        print(f"executing {path.name} ...", end=" ", flush=True)
        seconds = execute(path, kernel)
        size = path.stat().st_size / 1e6
        print(f"{seconds:.1f} s, {size:.2f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
