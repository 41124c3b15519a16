"""The benchmark runner runs every scenario and reports ratios against floors of the same run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import IN_CI, POSTGRES_URL

ROOT = Path(__file__).resolve().parents[2]


def test_quick_benchmark_run_reports_every_scenario_with_its_floor(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    args = [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)]
    if POSTGRES_URL:
        args += ["--postgres", POSTGRES_URL]
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTUR_")}
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "agentur_sqlite_write" in result.stdout

    report = json.loads(out.read_text())
    rows = {row["name"]: row for row in report["scenarios"]}
    expected = {
        "sqlite3_raw",
        "agentur_sqlite_write",
        "piccolo_stock_sqlite_write",
        "asyncpg_raw",
        "agentur_postgres_write",
    }
    assert expected <= set(rows)
    for name in ("sqlite3_raw", "agentur_sqlite_write", "piccolo_stock_sqlite_write"):
        assert rows[name]["status"] == "ok", rows[name]
        assert rows[name]["ops_per_s"] > 0
    assert rows["agentur_sqlite_write"]["floor"] == "sqlite3_raw"
    assert rows["agentur_sqlite_write"]["ratio_to_floor"] > 0
    if POSTGRES_URL or IN_CI:
        assert rows["agentur_postgres_write"]["status"] == "ok", rows["agentur_postgres_write"]
        assert rows["agentur_postgres_write"]["floor"] == "asyncpg_raw"
