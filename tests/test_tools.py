"""Tests of the tooling: batch runner (selection, errors, scoreboard, end to end), new, index."""
import json
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import index  # noqa: E402
import new_notebook  # noqa: E402
import run  # noqa: E402


def make_nb(path, body):
    """A minimal collection-style notebook whose last cell is ``body``."""
    cells = [nbformat.v4.new_markdown_cell(f"# {path.name[:2]} · test"),
             nbformat.v4.new_code_cell('SEED = 0\nSCALE = "quick"'),
             nbformat.v4.new_code_cell("from shared import Claims, setup\nrng = setup(SEED, SCALE)"),
             nbformat.v4.new_code_cell(body)]
    cells[1].metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_select_all_and_some(tmp_path):
    a = make_nb(tmp_path / "21_a.ipynb", "")
    b = make_nb(tmp_path / "59_b.ipynb", "")
    avail = run.available_notebooks(tmp_path)
    assert run.select("", avail) == [a, b]
    assert run.select("59", avail) == [b]
    assert run.select("59, 21", avail) == [a, b]


def test_select_unknown_id_lists_available(tmp_path):
    make_nb(tmp_path / "21_a.ipynb", "")
    with pytest.raises(run.UsageError) as exc:
        run.select("21 99", run.available_notebooks(tmp_path))
    assert "99" in str(exc.value) and "21 (21_a)" in str(exc.value)


@pytest.mark.parametrize("scale,seed", [("huge", "0"), ("quick", "-1"), ("full", "x")])
def test_check_params_rejects_bad_values(scale, seed):
    with pytest.raises(run.UsageError):
        run.check_params(scale, seed)


def test_main_exits_2_on_unknown_id(tmp_path, capsys):
    make_nb(tmp_path / "21_a.ipynb", "")
    assert run.main(["--only", "99", "--notebooks-dir", str(tmp_path), "--runs-dir", str(tmp_path / "runs")]) == 2
    assert "Available notebooks: 21 (21_a)" in capsys.readouterr().err


def test_worker_env_caps_threads():
    env = run.worker_env(1)
    assert env["OMP_NUM_THREADS"] == "1" and env["OPENBLAS_NUM_THREADS"] == "1"
    assert "--xla_cpu_multi_thread_eigen=false" in env["XLA_FLAGS"]


def test_write_report_counts_and_flags(tmp_path):
    states = [
        dict(notebook="21_a", status="ok", seconds=12.0, summary=dict(held=3, not_reproduced=1, failed=0),
             claims=[dict(name="c", verdict="not reproduced at this scale", measured=0.3, test="≥ 0.5", paper="p")]),
        dict(notebook="59_b", status="error", seconds=75.0, summary=None, claims=None, error="ValueError: boom"),
    ]
    text = run.write_report(tmp_path, "quick", 0, states, 2, 1).read_text()
    assert "| 21 | [21_a](21_a.ipynb) | ok | 3 | 1 | 0 | 12.0 s |" in text
    assert "⚠ over 60 s" in text and "ValueError: boom" in text
    assert "| **total** | 2 notebooks | 1 ok, 1 not ok (1 errored) | 3 | 1 | 0 | 87 s |" in text


def test_error_summary_picks_the_exception():
    err = "Traceback...\nPapermillExecutionError: \n---\nValueError: SCALE must be one of 'quick', 'full'\n"
    assert run.error_summary(err).startswith("ValueError: SCALE must be")


def test_runner_end_to_end_keeps_other_results(tmp_path):
    """One good, one raising mid-way, one failing a claim: all three reported, the good one intact."""
    nbdir, runs = tmp_path / "nb", tmp_path / "runs"
    nbdir.mkdir()
    make_nb(nbdir / "01_good.ipynb", 'c = Claims("01_good")\nc.check("x", 1.0, paper="p", op="<", threshold=2)\nc.report()')
    make_nb(nbdir / "02_raises.ipynb", 'raise RuntimeError("broken mid-way")\nc = Claims("02_raises")')
    make_nb(nbdir / "03_claim.ipynb", 'c = Claims("03_claim")\nc.check("x", 3.0, paper="p", op="<", threshold=2)\nc.report()')
    args = ["--notebooks-dir", str(nbdir), "--runs-dir", str(runs), "--jobs", "2"]
    assert run.main(args) == 1
    out = runs / "quick-seed0"
    states = {p.stem.split(".")[0]: json.loads(p.read_text()) for p in out.glob("*.state.json")}
    assert states["01_good"]["status"] == "ok"
    assert states["02_raises"]["status"] == "error" and "broken mid-way" in states["02_raises"]["error"]
    assert states["03_claim"]["status"] == "claims failed"
    assert json.loads((out / "01_good.claims.json").read_text())["summary"]["held"] == 1
    partial = nbformat.read(out / "02_raises.ipynb", as_version=4)  # kept, with its error
    assert any(o.get("output_type") == "error" for c in partial.cells for o in c.get("outputs", []))
    report = (out / "REPORT.md").read_text()
    assert "01_good" in report and "broken mid-way" in report and "1 ok, 2 not ok" in report
    # incremental: nothing changed, so the good one is not re-run; the errored one is
    assert run.main(args + ["--only", "1"]) == 0
    assert "(cached)" in (out / "REPORT.md").read_text()


def test_new_notebook_validates_and_creates(tmp_path):
    path = new_notebook.new_notebook("7", "robust_offline", nbdir=tmp_path)
    assert path.name == "07_robust_offline.ipynb"
    nb = json.loads(path.read_text())
    assert nb["cells"][0]["source"][0].startswith("# 07 ·") or "".join(nb["cells"][0]["source"]).startswith("# 07 ·")
    assert 'Claims(\\"07_robust_offline\\")' in path.read_text()
    for nid, slug in [("68", "x"), ("abc", "x"), ("5", "Bad-Slug"), ("5", ""), ("7", "other")]:
        with pytest.raises(ValueError):
            new_notebook.new_notebook(nid, slug, nbdir=tmp_path)


def test_template_follows_the_anatomy():
    nb = json.loads((ROOT / "tools" / "template.ipynb").read_text())
    params = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(params) == 1 and "SEED = 0" in "".join(params[0]["source"])


def test_index_refresh_marks_planned_and_built(tmp_path):
    make_nb(tmp_path / "02_x.ipynb", "")
    nb = nbformat.read(tmp_path / "02_x.ipynb", as_version=4)
    nb.cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="2 held, 1 not reproduced at this scale, 0 failed\n")]
    nbformat.write(nb, tmp_path / "02_x.ipynb")
    text = f"intro\n{index.START}\n| 01 | A | t | x | y |\n| 02 | B | t | planned | — |\n{index.END}\nend"
    new = index.refresh(text, nbdir=tmp_path)
    assert "| 01 | A | t | planned | — |" in new
    assert "| 02 | B | t | [02_x](notebooks/02_x.ipynb) | 2 held, 1 not reproduced at this scale |" in new
    assert new.startswith("intro") and new.endswith("end")
