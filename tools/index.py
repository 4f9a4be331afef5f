#!/usr/bin/env python3
"""Refresh the README index: each paper's notebook link and claims status.

    python tools/index.py        # or: make index

The status comes from the claims table stored in the committed notebook's outputs (the
notebook as executed at its defaults), e.g. "3 held" or "2 held, 1 not reproduced at this
scale". Rows are the lines between the index markers in README.md; titles and themes are kept.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- index:start -->", "<!-- index:end -->"
SUMMARY = re.compile(r"(\d+) held, (\d+) not reproduced at this scale, (\d+) failed")


def stored_status(path):
    """The claims summary printed in a committed notebook's outputs, as short text."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = ""
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            t = o.get("text", "") if o.get("output_type") == "stream" else o.get("data", {}).get("text/plain", "")
            text += "".join(t) if isinstance(t, list) else t
    m = SUMMARY.search(text)
    if not m:
        return "not executed"
    held, nr, failed = (int(g) for g in m.groups())
    parts = [f"{held} held"] + ([f"{nr} not reproduced at this scale"] if nr else []) + ([f"{failed} FAILED"] if failed else [])
    return ", ".join(parts)


def refresh(text, nbdir=ROOT / "notebooks"):
    """Return README text with the index rows' notebook and claims cells brought up to date."""
    head, rest = text.split(START, 1)
    body, tail = rest.split(END, 1)
    lines = []
    for line in body.split("\n"):
        m = re.match(r"^\|\s*(\d{2})\s*\|", line)
        if m:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            found = sorted(nbdir.glob(f"{m.group(1)}_*.ipynb"))
            if found:
                cells[3] = f"[{found[0].stem}](notebooks/{found[0].name})"
                cells[4] = stored_status(found[0])
            else:
                cells[3], cells[4] = "planned", "—"
            line = "| " + " | ".join(cells) + " |"
        lines.append(line)
    return head + START + "\n".join(lines) + END + tail


if __name__ == "__main__":
    new = refresh(README.read_text(encoding="utf-8"))
    README.write_text(new, encoding="utf-8")
    print(f"README index refreshed ({len(list((ROOT / 'notebooks').glob('[0-9][0-9]_*.ipynb')))} notebooks)")
    sys.exit(0)
