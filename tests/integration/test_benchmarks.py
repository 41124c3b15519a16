"""The benchmark runner runs every scenario and reports ratios against floors of the same run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import IN_CI, POSTGRES_URL

ROOT = Path(__file__).resolve().parents[2]
SQLITE = (
    "sqlite3_raw",
    "agentur_sqlite_write",
    "piccolo_stock_sqlite_write",
    "aesgcm_raw_20_fields",
    "aesgcm_bound_20_fields",
    "field_cipher_20_fields",
    "sqlite3_index_lookup",
    "search_sqlite_100k",
    "keys_rotate_sqlite_100k",
    "http_health_sqlite",
    "http_bare_insert_sqlite",
    "referral_create_sqlite",
    "webhook_events_sqlite",
    "reception_checkin_sqlite",
    "reception_checkin_p50_sqlite",
    "reception_checkin_p99_sqlite",
)
POSTGRES = (
    "asyncpg_raw",
    "agentur_postgres_write",
    "asyncpg_index_lookup",
    "search_postgres_100k",
    "keys_rotate_postgres_100k",
    "http_health_postgres",
    "http_bare_insert_postgres",
    "referral_create_postgres",
    "webhook_events_postgres",
    "reception_checkin_postgres",
    "reception_checkin_p50_postgres",
    "reception_checkin_p99_postgres",
    "load_requests_postgres",
    "load_health_p50_postgres",
    "load_health_p99_postgres",
    "load_mix_p50_postgres",
    "load_mix_p99_postgres",
)
FLOORS = {
    "agentur_sqlite_write": "sqlite3_raw",
    "agentur_postgres_write": "asyncpg_raw",
    "field_cipher_20_fields": "aesgcm_bound_20_fields",
    "search_sqlite_100k": "sqlite3_index_lookup",
    "search_postgres_100k": "asyncpg_index_lookup",
    "referral_create_sqlite": "http_bare_insert_sqlite",
    "referral_create_postgres": "http_bare_insert_postgres",
    "load_mix_p50_postgres": "load_health_p50_postgres",
    "load_mix_p99_postgres": "load_health_p99_postgres",
}
NEW_GOALS: tuple[tuple[str, str | None], ...] = (
    ("field_cipher_20_fields", "aesgcm_bound_20_fields"),
    ("search_sqlite_100k", None),
    ("search_postgres_100k", None),
    ("keys_rotate_sqlite_100k", None),
    ("keys_rotate_postgres_100k", None),
    ("referral_create_sqlite", "http_bare_insert_sqlite"),
    ("referral_create_postgres", "http_bare_insert_postgres"),
    ("reception_checkin_p99_sqlite", None),
)


def test_quick_benchmark_run_reports_every_scenario_with_its_floor(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    args = [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)]
    if POSTGRES_URL:
        args += ["--postgres", POSTGRES_URL]
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTUR_")}
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "agentur_sqlite_write" in result.stdout

    report = json.loads(out.read_text())
    rows = {row["name"]: row for row in report["scenarios"]}
    goals = goals_of(report)
    assert set(SQLITE) | set(POSTGRES) <= set(rows)
    for name in SQLITE:
        assert rows[name]["status"] == "ok", rows[name]
        assert rows[name]["ops_per_s"] > 0
    for name, floor in FLOORS.items():
        assert rows[name]["floor"] == floor
    for name in ("agentur_sqlite_write", "field_cipher_20_fields", "search_sqlite_100k", "referral_create_sqlite"):
        assert rows[name]["ratio_to_floor"] > 0
    engines = ["sqlite", "postgres"] if POSTGRES_URL or IN_CI else ["sqlite"]
    if POSTGRES_URL or IN_CI:
        for name in POSTGRES:
            assert rows[name]["status"] == "ok", rows[name]
        assert rows["search_postgres_100k"]["ratio_to_floor"] > 0
        # The sustained mixed load (3 serve processes and a worker, a few seconds with --quick): every
        # operation answered, nothing acknowledged lost, the mix's latency against the health route's.
        load = report["details"]["load_postgres"]
        assert load["servers"] == 3
        assert load["seconds"] < 10
        assert rows["load_requests_postgres"]["ops"] == load["requests"] > 0
        assert rows["load_requests_postgres"]["repeats"] == 1
        for name in ("load_mix_p50_postgres", "load_mix_p99_postgres"):
            assert rows[name]["ratio_to_floor"] > 0
        for name, op in load["operations"].items():
            assert op["requests"] > 0, name
            assert op["errors"] == 0, (name, op)
        assert load["acknowledged"]["persons"] > 0
        assert load["acknowledged"]["events"] > 0
        assert load["lost"] == 0
        assert "  lost: 0" in result.stdout
    for engine in engines:
        # A real server process: referral creation against the same server's health route and a bare insert,
        # and a worker process delivering every event of each round to the receiver.
        referral = rows[f"referral_create_{engine}"]
        assert referral["ratio_to_floor"] > 0
        assert referral["ratios"][f"http_health_{engine}"] > 0
        assert f"referral_create_{engine}: " in result.stdout
        assert rows[f"webhook_events_{engine}"]["ops"] == 200
        assert rows[f"webhook_events_{engine}"]["ops_per_s"] > 0
        goal = goals[(f"referral_create_{engine}", f"http_bare_insert_{engine}")]
        assert goal["status"] in {"PASS", "MISS"}, goal
        # A reception morning over HTTP (search, check-in with triage, free slots, booking): 30 check-ins per
        # round; the percentile rows read the same mornings, so p50 ≤ p99 and p99 ≥ the mean.
        morning = rows[f"reception_checkin_{engine}"]
        p50, p99 = rows[f"reception_checkin_p50_{engine}"], rows[f"reception_checkin_p99_{engine}"]
        assert morning["ops"] == p50["ops"] == p99["ops"] == 30
        assert 0 < p50["us_per_op"] <= p99["us_per_op"]
        assert p99["ratios"][f"reception_checkin_{engine}"] >= 1
        assert any(note.startswith(f"reception_checkin_{engine} round 3: 30 check-ins in ") for note in report["notes"])

    assert report["persons"] == 2000  # --quick seeds the scale scenarios' tenant with 2,000 persons
    assert any(note.startswith("setup: seeded 2,000 persons on sqlite") for note in report["notes"])
    assert set(NEW_GOALS) <= set(goals)
    for key in NEW_GOALS:
        assert goals[key]["goal"] in result.stdout
    # The rotation goal holds for 100,000 persons: a quick run only reports the time.
    rotate = goals[("keys_rotate_sqlite_100k", None)]
    assert rotate["status"] == "n/a"
    assert rotate["measured"] > 0
    for key in [
        ("field_cipher_20_fields", "aesgcm_bound_20_fields"),
        ("search_sqlite_100k", None),
        ("reception_checkin_p99_sqlite", None),
    ]:
        assert goals[key]["status"] in {"PASS", "MISS"}, goals[key]


def goals_of(report: dict[str, Any]) -> dict[tuple[str, str | None], dict[str, Any]]:
    return {(g["scenario"], g["against"]): g for g in report["goals"]}
