"""Collection-wide checks of the committed notebooks (CONVENTIONS.md), read as JSON: no kernel."""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Only the index table counts: prose elsewhere in the README may mention notebook paths too.
INDEX = README.split("<!-- index:start -->", 1)[-1].split("<!-- index:end -->", 1)[0]
NAME = re.compile(r"^(\d{2})_[a-z0-9]+(?:_[a-z0-9]+)*\.ipynb$")
SUMMARY = re.compile(r"(\d+) held, (\d+) not reproduced at this scale, (\d+) failed")
MAX_BYTES = 1_000_000


def source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def text_outputs(cell):
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append(source({"source": o.get("text", "")}))
        elif "text/plain" in o.get("data", {}):
            out.append(source({"source": o["data"]["text/plain"]}))
    return "".join(out)


ids = pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks in notebooks/"


def test_ids_are_unique_and_in_range():
    seen = {}
    for p in NOTEBOOKS:
        m = NAME.match(p.name)
        assert m, f"{p.name}: name is not NN_slug.ipynb"
        nid = int(m.group(1))
        assert 1 <= nid <= 67, f"{p.name}: id outside 01-67"
        assert nid not in seen, f"{p.name}: id {nid:02d} also used by {seen.get(nid)}"
        seen[nid] = p.name


@ids
def test_title_cell(path):
    cells = load(path)["cells"]
    assert cells and cells[0]["cell_type"] == "markdown"
    title = source(cells[0]).lstrip()
    assert re.match(rf"^#\s*{path.name[:2]}\s*·\s*\S", title), f"first cell must start '# {path.name[:2]} · Title'"
    assert "What this notebook shows" in title, "the title cell lists what the notebook shows"


@ids
def test_one_parameters_cell_with_seed_and_scale(path):
    cells = load(path)["cells"]
    params = [c for c in cells if c["cell_type"] == "code" and "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1, f"{len(params)} cells tagged 'parameters' (need exactly one)"
    src = source(params[0])
    assert re.search(r"^SEED\s*=\s*0\s*$", src, re.M), "parameters cell must set SEED = 0"
    assert re.search(r"^SCALE\s*=\s*[\"']quick[\"']\s*$", src, re.M), "parameters cell must set SCALE = \"quick\""


@ids
def test_claims_ledger_named_after_the_notebook(path):
    code = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "code")
    assert re.search(rf"Claims\(\s*[\"']{path.stem}[\"']\s*\)", code), f'needs claims = Claims("{path.stem}")'
    assert ".report()" in code, "needs claims.report()"


@ids
def test_committed_executed_in_order_without_errors(path):
    code = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
    counts = [c.get("execution_count") for c in code if source(c).strip()]
    assert None not in counts, "some code cells are not executed: commit after Restart & Run All"
    assert counts == list(range(1, len(counts) + 1)), "cells not executed 1..N in order: Restart & Run All"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"stored error output: {errors[0].get('ename')}: {errors[0].get('evalue')}"


@ids
def test_stored_claims_report_has_no_failure(path):
    outputs = "".join(text_outputs(c) for c in load(path)["cells"] if c["cell_type"] == "code")
    m = SUMMARY.search(outputs)
    assert m, "no claims table in the stored outputs"
    assert int(m.group(3)) == 0, "the stored claims table shows a failed claim"


@ids
def test_has_a_figure_and_fits_the_size_budget(path):
    size = path.stat().st_size
    assert size <= MAX_BYTES, f"{size / 1e6:.2f} MB, over the 1 MB budget"
    cells = load(path)["cells"]
    assert any("image/png" in o.get("data", {}) for c in cells if c["cell_type"] == "code" for o in c.get("outputs", [])), \
        "no figure in the stored outputs"


@ids
def test_no_forbidden_code(path):
    code = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "code")
    assert not re.search(r"^\s*[!%]\s*pip\b", code, re.M), "installs packages from the notebook"
    assert not re.search(r"\bimport torch\b|\bfrom torch\b", code), "imports torch"
    assert not re.search(r"(?<![\w.])/(?:work|tmp|root|home|Users)/", code), "hard-codes an absolute path"
    assert not re.search(r"\burl(?:lib|retrieve)|requests\.get|fetch_[a-z0-9]+\(", code), "may download at run time"


@ids
def test_listed_in_readme_index_with_its_status(path):
    row = next((ln for ln in INDEX.splitlines() if f"notebooks/{path.name}" in ln), None)
    assert row, f"README index does not link notebooks/{path.name}"
    outputs = "".join(text_outputs(c) for c in load(path)["cells"] if c["cell_type"] == "code")
    held, nr, failed = SUMMARY.search(outputs).groups()
    assert f"{held} held" in row and (nr == "0" or f"{nr} not reproduced" in row), \
        "README status differs from the notebook's claims table: run `make index`"


def test_readme_index_lists_all_67_papers():
    listed = {int(m) for m in re.findall(r"^\|\s*(\d{2})\s*\|", INDEX, re.M)}
    assert listed == set(range(1, 68)), f"README index misses ids {sorted(set(range(1, 68)) - listed)}"
