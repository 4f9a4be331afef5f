#!/usr/bin/env python3
"""Start a new notebook from tools/template.ipynb.

    python tools/new_notebook.py 21 flashattention2     # or: make new ID=21 SLUG=flashattention2

Writes notebooks/NN_slug.ipynb with the id filled in; refuses an id outside 01-67, an id that
already has a notebook, or a slug that is not lowercase words joined by underscores.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "tools" / "template.ipynb"


def new_notebook(nid, slug, nbdir=ROOT / "notebooks"):
    """Create nbdir/NN_slug.ipynb from the template and return its path; ValueError on bad input."""
    if not str(nid).isdigit() or not 1 <= int(nid) <= 67:
        raise ValueError(f"ID must be a paper id from 1 to 67; got {nid!r}")
    if not re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)*", slug or ""):
        raise ValueError(f"SLUG must be lowercase letters/digits joined by underscores (e.g. flashattention2); got {slug!r}")
    nn = f"{int(nid):02d}"
    taken = sorted(nbdir.glob(f"{nn}_*.ipynb"))
    if taken:
        raise ValueError(f"id {nn} already has a notebook: {taken[0].name}")
    stem = f"{nn}_{slug}"
    text = TEMPLATE.read_text(encoding="utf-8").replace("NN_slug", stem).replace("# NN ·", f"# {nn} ·")
    json.loads(text)  # still valid JSON
    path = nbdir / f"{stem}.ipynb"
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    try:
        print(f"created {new_notebook(*(sys.argv[1:3] + [''] * (2 - len(sys.argv[1:3]))))} — "
              "follow ../shared/CONVENTIONS.md and add it to the README index")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
