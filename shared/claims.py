"""The claim ledger: each notebook checks its paper's headline claims against measured numbers.

    claims = Claims("21_flashattention2")
    claims.check("exact forward", err, paper="no approximation", op="<=", threshold=1e-12)
    claims.check("faster than baseline", t_base / t_method, paper="2x", holds=t_base > 1.2 * t_method)
    claims.report()   # prints the table; raises AssertionError if a must-hold claim failed

A claim checked with ``must_hold=False`` is one that is known not to reproduce reliably at
laptop scale: it is reported ("not reproduced at this scale" when it does not hold) and never
fails the notebook.

When the environment variable ``APPROX_CLAIMS_JSON`` names a file (the batch runner sets it),
``report()`` also writes the claims, their numbers and verdicts there as JSON.
"""
import json
import math
import numbers
import operator
import os
from pathlib import Path

import numpy as np

ENV_JSON = "APPROX_CLAIMS_JSON"

HOLDS = "holds"
FAILED = "FAILED"
NOT_REPRODUCED = "not reproduced at this scale"

_OPS = {
    "<": (operator.lt, "<"),
    "<=": (operator.le, "≤"),
    ">": (operator.gt, ">"),
    ">=": (operator.ge, "≥"),
}


def _scalar(x):
    """Unwrap numpy scalars and 0-d arrays to Python scalars; leave anything else alone."""
    if isinstance(x, np.generic) or (isinstance(x, np.ndarray) and x.shape == ()):
        return x.item()
    return x


def _is_bool(x):
    return isinstance(_scalar(x), bool)


def _is_number(x):
    x = _scalar(x)
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _fmt(x, fmt):
    x = _scalar(x)
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, numbers.Integral):
        return str(x)
    if isinstance(x, numbers.Real):
        return fmt.format(float(x))
    if isinstance(x, (tuple, list)):
        return ", ".join(_fmt(v, fmt) for v in x)
    return str(x)


def _jsonable(x):
    x = _scalar(x)
    if isinstance(x, bool) or isinstance(x, numbers.Integral):
        return x
    if isinstance(x, numbers.Real):
        return float(x) if math.isfinite(x) else str(float(x))
    if isinstance(x, (tuple, list)):
        return [_jsonable(v) for v in x]
    return str(x)


class Claims:
    """A ledger of one notebook's claims: ``check`` each, then ``report`` once at the end."""

    def __init__(self, notebook):
        """Start an empty ledger for the notebook called ``notebook`` (its file stem, e.g. "21_flashattention2")."""
        if not isinstance(notebook, str) or not notebook:
            raise ValueError("Claims needs the notebook's name, e.g. Claims('21_flashattention2')")
        self.notebook = notebook
        self.rows = []

    def check(self, name, measured, *, paper, holds=None, op=None, threshold=None, must_hold=True, note="", fmt="{:.3g}"):
        """Record one claim and return whether it holds.

        ``measured`` is the number (or short tuple / text) measured in this run; ``paper`` what the
        paper says. Give either ``holds`` (a bool computed from measured quantities) or ``op``
        (one of "<", "<=", ">", ">=") with ``threshold``. ``must_hold=False`` marks a claim that
        is reported but allowed not to reproduce at this scale.
        """
        if not isinstance(name, str) or not name:
            raise ValueError("a claim needs a non-empty name")
        if any(r["name"] == name for r in self.rows):
            raise ValueError(f"claim {name!r} was already checked in this ledger")
        if (holds is None) == (op is None):
            raise ValueError("give exactly one of holds=<bool> or op=<'<'|'<='|'>'|'>='> with threshold=<number>")
        if op is not None:
            if op not in _OPS:
                raise ValueError(f"op must be one of {', '.join(repr(o) for o in _OPS)}; got {op!r}")
            if threshold is None or not _is_number(threshold):
                raise ValueError(f"op={op!r} needs a numeric threshold; got {threshold!r}")
            if not _is_number(measured):
                raise ValueError(f"op={op!r} needs a numeric measured value; got {measured!r}")
            func, symbol = _OPS[op]
            ok = bool(func(float(measured), float(threshold)))  # nan compares False: a nan never holds
            test = f"{symbol} {_fmt(threshold, fmt)}"
        else:
            if not _is_bool(holds):
                raise ValueError(f"holds must be a bool (e.g. holds=a < b); got {holds!r}")
            ok = bool(holds)
            test = ""
        verdict = HOLDS if ok else (FAILED if must_hold else NOT_REPRODUCED)
        self.rows.append(dict(name=name, paper=str(paper), measured=measured, test=test,
                              holds=ok, must_hold=bool(must_hold), verdict=verdict, note=str(note), fmt=fmt))
        return ok

    def summary(self):
        """Counts of claims that held, did not reproduce (allowed), and failed (must-hold)."""
        return dict(held=sum(r["verdict"] == HOLDS for r in self.rows),
                    not_reproduced=sum(r["verdict"] == NOT_REPRODUCED for r in self.rows),
                    failed=sum(r["verdict"] == FAILED for r in self.rows))

    def table(self):
        """The claims as a fixed-width text table: claim | paper | measured | verdict."""
        head = ("claim", "paper", "measured", "verdict")
        body = []
        for r in self.rows:
            measured = _fmt(r["measured"], r["fmt"]) + (f"  ({r['test']})" if r["test"] else "")
            body.append((r["name"], r["paper"], measured, r["verdict"]))
        widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(head)]
        line = lambda cells: " | ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
        rule = "-+-".join("-" * w for w in widths)
        s = self.summary()
        total = f"{s['held']} held, {s['not_reproduced']} not reproduced at this scale, {s['failed']} failed"
        return "\n".join([line(head), rule, *(line(b) for b in body), rule, total])

    def to_dict(self):
        """The ledger as plain JSON-ready data (numbers as floats, verdicts as text)."""
        claims = [dict(name=r["name"], paper=r["paper"], measured=_jsonable(r["measured"]), test=r["test"],
                       holds=r["holds"], must_hold=r["must_hold"], verdict=r["verdict"], note=r["note"])
                  for r in self.rows]
        return dict(notebook=self.notebook, claims=claims, summary=self.summary())

    def report(self):
        """Print the table, write JSON if the runner asked for it, and raise AssertionError
        listing every must-hold claim that failed. Returns None (so a notebook cell ending in
        ``claims.report()`` echoes nothing after the table); ``summary()`` gives the counts."""
        if not self.rows:
            raise ValueError("no claims were checked before report()")
        print(self.table())
        for r in self.rows:
            if r["note"]:
                print(f"  note on {r['name']!r}: {r['note']}")
        target = os.environ.get(ENV_JSON)
        if target:
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(self.to_dict(), indent=1, ensure_ascii=False), encoding="utf-8")
        failed = [r for r in self.rows if r["verdict"] == FAILED]
        if failed:
            lines = [f"  - {r['name']}: measured {_fmt(r['measured'], r['fmt'])} {r['test']}".rstrip() for r in failed]
            raise AssertionError(f"{len(failed)} claim(s) of {self.notebook} that must hold did not:\n" + "\n".join(lines))
