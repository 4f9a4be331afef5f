import json

import numpy as np
import pytest

from shared import Claims
from shared.claims import ENV_JSON, FAILED, HOLDS, NOT_REPRODUCED


def test_check_with_op_and_threshold():
    c = Claims("00_test")
    assert c.check("small error", 1e-14, paper="exact", op="<=", threshold=1e-12)
    assert not c.check("big ratio", 0.5, paper="2x", op=">=", threshold=1.5, must_hold=False)
    assert [r["verdict"] for r in c.rows] == [HOLDS, NOT_REPRODUCED]
    assert c.summary() == dict(held=1, not_reproduced=1, failed=0)


def test_check_with_bool_and_numpy_values():
    c = Claims("00_test")
    a, b = np.float64(1.0), np.float32(2.0)
    assert c.check("a below b", (a, b), paper="a < b", holds=a < b)  # numpy bool accepted
    assert c.check("count", np.int64(3), paper="3", op=">=", threshold=3)


def test_nan_never_holds():
    c = Claims("00_test")
    assert not c.check("nan", float("nan"), paper="x", op="<=", threshold=1.0, must_hold=False)


@pytest.mark.parametrize("kwargs", [
    dict(),                                   # neither holds nor op
    dict(holds=True, op="<", threshold=1),    # both
    dict(op="~", threshold=1),                # unknown op
    dict(op="<"),                             # op without threshold
    dict(holds=1),                            # holds not a bool
])
def test_check_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        Claims("00_test").check("x", 0.5, paper="p", **kwargs)


def test_check_rejects_duplicate_names_and_non_numeric_with_op():
    c = Claims("00_test")
    c.check("x", 1.0, paper="p", op="<", threshold=2)
    with pytest.raises(ValueError, match="already"):
        c.check("x", 1.0, paper="p", op="<", threshold=2)
    with pytest.raises(ValueError, match="numeric"):
        c.check("y", "text", paper="p", op="<", threshold=2)


def test_report_prints_table_and_passes(capsys):
    c = Claims("00_test")
    c.check("ok claim", 0.1, paper="small", op="<", threshold=1)
    c.check("allowed miss", 5.0, paper="small", op="<", threshold=1, must_hold=False, note="too small a model")
    assert c.report() is None
    assert c.summary() == dict(held=1, not_reproduced=1, failed=0)
    out = capsys.readouterr().out
    for word in ("claim", "paper", "measured", "verdict", "ok claim", "holds", NOT_REPRODUCED, "too small a model"):
        assert word in out


def test_report_raises_listing_every_failed_must_hold_claim(capsys):
    c = Claims("00_test")
    c.check("first", 2.0, paper="p", op="<", threshold=1)
    c.check("second", False, paper="p", holds=False)
    c.check("fine", 0.0, paper="p", op="<", threshold=1)
    with pytest.raises(AssertionError) as exc:
        c.report()
    assert "first" in str(exc.value) and "second" in str(exc.value) and "fine" not in str(exc.value)
    assert FAILED in capsys.readouterr().out


def test_report_requires_claims():
    with pytest.raises(ValueError):
        Claims("00_test").report()


def test_claims_needs_a_name():
    with pytest.raises(ValueError):
        Claims("")


def test_report_writes_json_when_asked(tmp_path, monkeypatch):
    target = tmp_path / "sub" / "00_test.claims.json"
    monkeypatch.setenv(ENV_JSON, str(target))
    c = Claims("00_test")
    c.check("a", np.float64(0.5), paper="p", op="<", threshold=1)
    c.check("b", float("inf"), paper="p", op="<", threshold=1, must_hold=False)
    c.check("c", 3.0, paper="p", op="<", threshold=1)
    with pytest.raises(AssertionError):
        c.report()
    data = json.loads(target.read_text())  # written before raising
    assert data["notebook"] == "00_test"
    assert data["summary"] == dict(held=1, not_reproduced=1, failed=1)
    assert data["claims"][0]["measured"] == 0.5 and data["claims"][1]["measured"] == "inf"
    assert [c["verdict"] for c in data["claims"]] == [HOLDS, NOT_REPRODUCED, FAILED]


def test_no_json_without_env(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_JSON, raising=False)
    monkeypatch.chdir(tmp_path)
    c = Claims("00_test")
    c.check("a", 0.5, paper="p", op="<", threshold=1)
    c.report()
    assert list(tmp_path.iterdir()) == []
