#!/usr/bin/env python3
"""Batch runner: execute the collection's notebooks with papermill and write a scoreboard.

    python tools/run.py [--scale quick|full] [--seed N] [--only "21 59"] [--jobs J] [--force]
    python tools/run.py --report-only [--scale ..] [--seed ..]

Each notebook is executed into runs/<scale>-seed<seed>/NN_slug.ipynb with SEED and SCALE
injected, J at a time, each worker limited to --threads BLAS/XLA threads (default 1, never more
than cores // J) and pinned to its own cores. A notebook whose inputs (its file, shared/, pyproject.toml, seed and scale) have not
changed since a run that completed is not run again (--force re-runs it). A notebook that
fails keeps its partly executed copy, with the error, and never stops the others. The claims
of each notebook are written by shared.Claims to NN_slug.claims.json beside the executed copy.

At the end REPORT.md in the run folder lists, per notebook, its claims held / not reproduced /
failed and its wall time (flagged when over the quick budget). The exit status is 1 if any
notebook errored or any must-hold claim failed, 2 for bad arguments.
"""
import argparse
import datetime as dt
import hashlib
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
RUNS = ROOT / "runs"
KERNEL = "approx-notebooks"
SCALES = ("quick", "full")
QUICK_BUDGET_S = 60
FULL_BUDGET_S = 15 * 60
NAME = re.compile(r"^(\d{2})_[a-z0-9_]+\.ipynb$")
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS",
               "NUMEXPR_NUM_THREADS")


class UsageError(Exception):
    """A bad argument: reported in one clear line, exit status 2."""


def available_notebooks(nbdir=NOTEBOOKS):
    """Map notebook id (int) → path, for every NN_slug.ipynb in the notebooks folder."""
    found = {}
    for p in sorted(nbdir.glob("*.ipynb")):
        m = NAME.match(p.name)
        if m:
            found[int(m.group(1))] = p
    return found


def select(only, available):
    """The notebooks named by ``only`` ("21 59", "21,59" or "" for all); UsageError for unknown ids."""
    tokens = [t for t in re.split(r"[\s,]+", only or "") if t]
    if not tokens:
        return [available[k] for k in sorted(available)]
    listing = ", ".join(f"{k:02d} ({p.stem})" for k, p in sorted(available.items())) or "none"
    bad = [t for t in tokens if not t.isdigit() or int(t) not in available]
    if bad:
        raise UsageError(f"unknown notebook id(s) in ONLY: {' '.join(bad)}. Available notebooks: {listing}")
    ids = sorted({int(t) for t in tokens})
    return [available[i] for i in ids]


def check_params(scale, seed):
    """Validate SCALE and SEED the way shared.setup does, before anything runs."""
    if scale not in SCALES:
        raise UsageError(f"SCALE must be one of {', '.join(SCALES)}; got {scale!r}")
    if not re.fullmatch(r"\d+", str(seed)):
        raise UsageError(f"SEED must be a non-negative integer; got {seed!r}")
    return int(seed)


def input_key(nb, scale, seed):
    """A hash of everything a notebook's result depends on: itself, shared/, pyproject, parameters."""
    h = hashlib.sha256()
    for p in [nb, ROOT / "pyproject.toml", *sorted((ROOT / "shared").rglob("*.py"))]:
        if p.exists():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    h.update(f"scale={scale};seed={seed}".encode())
    return h.hexdigest()


def kernel_name():
    """The repo's kernel if it is installed (make does it), else the default python3 kernel."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        return KERNEL if KERNEL in KernelSpecManager().find_kernel_specs() else "python3"
    except Exception:  # noqa: BLE001 - fall back to the default kernel
        return "python3"


def worker_env(threads):
    """Environment for one worker: thread caps for BLAS and XLA, CPU-only jax, no GUI backend."""
    env = dict(os.environ)
    for var in THREAD_VARS:
        env[var] = str(threads)
    env["XLA_FLAGS"] = (env.get("XLA_FLAGS", "") + f" --xla_cpu_multi_thread_eigen={'true' if threads > 1 else 'false'}").strip()
    env["JAX_PLATFORMS"] = "cpu"
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env["PYTHONHASHSEED"] = "0"
    return env


def error_summary(stderr):
    """The most telling line of a papermill failure (the exception), or the last line."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    for ln in reversed(lines):
        if re.match(r"^[A-Za-z_.]*(Error|Exception|Interrupt)\b", ln) and "PapermillExecutionError" not in ln:
            return ln[:300]
    return lines[-1][:300] if lines else "no output"


def run_one(nb, outdir, scale, seed, env, cores, timeout, kernel):
    """Execute one notebook with papermill; return its state dict (status, seconds, claims...)."""
    out = outdir / nb.name
    claims_json = outdir / f"{nb.stem}.claims.json"
    claims_json.unlink(missing_ok=True)
    env = dict(env, APPROX_CLAIMS_JSON=str(claims_json))
    cmd = [sys.executable, "-m", "papermill", str(nb), str(out), "-p", "SEED", str(seed), "-p", "SCALE", scale,
           "-k", kernel, "--cwd", str(nb.parent), "--no-progress-bar", "--log-level", "ERROR"]
    pin = (lambda: os.sched_setaffinity(0, cores)) if cores and hasattr(os, "sched_setaffinity") else None
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, preexec_fn=pin)
        rc, stderr = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired:
        rc, stderr = -1, f"TimeoutError: killed after {timeout} s"
    seconds = time.perf_counter() - t0
    state = dict(notebook=nb.stem, seconds=round(seconds, 2), returncode=rc, claims=None, summary=None, error="")
    if claims_json.exists():
        data = json.loads(claims_json.read_text(encoding="utf-8"))
        state["claims"], state["summary"] = data["claims"], data["summary"]
    if rc == 0 and state["summary"] is not None:
        state["status"] = "ok"
    elif state["summary"] is not None and state["summary"]["failed"] > 0:
        state["status"] = "claims failed"
    else:
        state["status"] = "timeout" if rc == -1 else "error"
        state["error"] = error_summary(stderr) if rc != 0 else "finished without a claims report"
    return state


def fmt_time(seconds, budget):
    """Wall time with a warning mark when over the budget."""
    return f"{seconds:.1f} s" + (f" ⚠ over {budget} s" if seconds > budget else "")


def write_report(outdir, scale, seed, states, jobs, threads):
    """Write REPORT.md (the scoreboard) for the given notebook states; return its path."""
    budget = QUICK_BUDGET_S if scale == "quick" else FULL_BUDGET_S
    rows, details = [], []
    tot = dict(held=0, not_reproduced=0, failed=0, seconds=0.0, errors=0, ok=0)
    for st in states:
        s = st.get("summary") or dict(held=0, not_reproduced=0, failed=0)
        nid = st["notebook"][:2]
        link = f"[{st['notebook']}]({st['notebook']}.ipynb)"
        rows.append(f"| {nid} | {link} | {st['status']}{' (cached)' if st.get('cached') else ''} | {s['held']} | "
                    f"{s['not_reproduced']} | {s['failed']} | {fmt_time(st['seconds'], budget)} |")
        for k in ("held", "not_reproduced", "failed"):
            tot[k] += s[k]
        tot["seconds"] += st["seconds"]
        tot["errors"] += st["status"] in ("error", "timeout")
        tot["ok"] += st["status"] == "ok"
        if st.get("error"):
            details.append(f"- **{st['notebook']}** {st['status']}: `{st['error']}` — the partly executed copy is "
                           f"[{st['notebook']}.ipynb]({st['notebook']}.ipynb)")
        for c in st.get("claims") or []:
            if c["verdict"] != "holds":
                details.append(f"- **{st['notebook']}** · {c['name']}: {c['verdict']} (measured {c['measured']} "
                               f"{c['test']}; paper: {c['paper']})")
    n = len(states)
    lines = [
        f"# Scoreboard · scale {scale} · seed {seed}",
        "",
        f"Written {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} by tools/run.py: {jobs} worker(s) × {threads} "
        f"BLAS/XLA thread(s). Budget per notebook at this scale: {budget} s.",
        "",
        "| id | notebook | status | held | not reproduced | failed | wall time |",
        "|---|---|---|---|---|---|---|",
        *rows,
        f"| **total** | {n} notebooks | {tot['ok']} ok, {n - tot['ok']} not ok ({tot['errors']} errored) | "
        f"{tot['held']} | {tot['not_reproduced']} | {tot['failed']} | {tot['seconds']:.0f} s |",
        "",
    ]
    if details:
        lines += ["## Errors, failed claims and claims not reproduced at this scale", "", *details, ""]
    path = outdir / "REPORT.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", default="quick")
    ap.add_argument("--seed", default="0")
    ap.add_argument("--only", default="")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--threads", type=int, default=1,
                    help="BLAS/XLA threads per worker (default 1: notebooks do many small array operations, "
                         "which a second thread slows down; capped so that workers × threads ≤ cores)")
    ap.add_argument("--timeout", type=int, default=None, help="seconds per notebook (default 10× its budget)")
    ap.add_argument("--force", action="store_true", help="re-run notebooks whose inputs have not changed")
    ap.add_argument("--report-only", action="store_true", help="rewrite REPORT.md from stored states, run nothing")
    ap.add_argument("--notebooks-dir", type=Path, default=NOTEBOOKS, help=argparse.SUPPRESS)
    ap.add_argument("--runs-dir", type=Path, default=RUNS, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    try:
        seed = check_params(args.scale, args.seed)
        selected = select(args.only, available_notebooks(args.notebooks_dir))
        if args.jobs < 1:
            raise UsageError(f"JOBS must be >= 1; got {args.jobs}")
        if args.threads < 1:
            raise UsageError(f"THREADS must be >= 1; got {args.threads}")
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not selected:
        print("error: no notebooks in notebooks/", file=sys.stderr)
        return 2
    scale = args.scale
    outdir = args.runs_dir / f"{scale}-seed{seed}"
    outdir.mkdir(parents=True, exist_ok=True)
    ncores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    jobs = min(args.jobs, len(selected), ncores) if not args.report_only else 1
    threads = max(1, min(args.threads, ncores // jobs))
    budget = QUICK_BUDGET_S if scale == "quick" else FULL_BUDGET_S
    timeout = args.timeout or 10 * budget

    states, todo = {}, []
    for nb in selected:
        state_file = outdir / f"{nb.stem}.state.json"
        key = input_key(nb, scale, seed)
        old = json.loads(state_file.read_text(encoding="utf-8")) if state_file.exists() else None
        if args.report_only:
            states[nb.stem] = old or dict(notebook=nb.stem, status="not run", seconds=0.0, error="")
        elif old and old.get("key") == key and old.get("status") in ("ok", "claims failed") and not args.force:
            states[nb.stem] = dict(old, cached=True)
        else:
            todo.append((nb, state_file, key))
    if args.report_only:
        print(write_report(outdir, scale, seed, [states[nb.stem] for nb in selected], jobs, threads))
        return 0

    print(f"running {len(todo)} notebook(s) at scale={scale} seed={seed} into {outdir} "
          f"({jobs} worker(s) × {threads} thread(s)); {len(selected) - len(todo)} unchanged, not re-run", flush=True)
    kernel = kernel_name()
    env = worker_env(threads)
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    slots = queue.Queue()
    for j in range(jobs):
        slots.put(set(cpus[j * threads:(j + 1) * threads]) if jobs > 1 and cpus else None)
    lock = threading.Lock()
    progress = dict(done=0, failures=0)
    t_start = time.perf_counter()

    def work(item):
        nb, state_file, key = item
        cores = slots.get()
        try:
            st = run_one(nb, outdir, scale, seed, env, cores, timeout, kernel)
        finally:
            slots.put(cores)
        st["key"] = key
        state_file.write_text(json.dumps(st, indent=1), encoding="utf-8")
        with lock:
            progress["done"] += 1
            progress["failures"] += st["status"] != "ok"
            extra = f" — {st['error']}" if st.get("error") else ""
            print(f"[{progress['done']}/{len(todo)}] {nb.stem}: {st['status']} in {st['seconds']:.1f} s{extra} | "
                  f"elapsed {time.perf_counter() - t_start:.0f} s | failures so far {progress['failures']}", flush=True)
        return st

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for st in pool.map(work, todo):
            states[st["notebook"]] = st
    ordered = [states[nb.stem] for nb in selected]
    report = write_report(outdir, scale, seed, ordered, jobs, threads)
    bad = [st for st in ordered if st["status"] != "ok"]
    s = dict(held=0, not_reproduced=0, failed=0)
    for st in ordered:
        for k in s:
            s[k] += (st.get("summary") or {}).get(k, 0)
    print(f"done: {len(ordered) - len(bad)}/{len(ordered)} notebooks ok; claims {s['held']} held, "
          f"{s['not_reproduced']} not reproduced at this scale, {s['failed']} failed; scoreboard: "
          f"{report}", flush=True)
    for st in bad:
        print(f"  {st['notebook']}: {st['status']} {st.get('error', '')}".rstrip(), flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
