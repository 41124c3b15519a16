"""Runs the registered scenarios side by side with their floors, prints a table and writes JSON."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import gc
import importlib
import inspect
import io
import json
import os
import pkgutil
import platform
import sqlite3
import statistics
import sys
import time
from collections.abc import Sequence
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import benchmarks
from benchmarks.registry import (
    FULL_PERSONS,
    GOALS,
    QUICK_PERSONS,
    SCENARIOS,
    BenchContext,
    Run,
    Scenario,
    Skip,
    Timed,
    redact,
)

DEFAULT_JSON = Path(__file__).parent / "results" / "latest.json"
REPEATS = 3
NOT_SCENARIO_MODULES = {"registry", "runner", "bare_app"}


def load_scenario_modules() -> None:
    """Import every module of the package (except the machinery): importing one registers its scenarios."""
    for module in pkgutil.iter_modules(benchmarks.__path__):
        if not module.name.startswith("_") and module.name not in NOT_SCENARIO_MODULES:
            importlib.import_module(f"benchmarks.{module.name}")


def select(only: list[str] | None) -> list[Scenario]:
    """Scenarios whose name contains one of ``only`` (all without it), plus the floors they are compared to."""
    wanted = {name for name in SCENARIOS if not only or any(part in name for part in only)}
    pending = list(wanted)
    while pending:
        sc = SCENARIOS[pending.pop()]
        for other in (sc.floor, *sc.compare):
            if other is not None and other not in wanted:
                if other not in SCENARIOS:
                    raise SystemExit(f"benchmarks: floor {other!r} is not a registered scenario")
                wanted.add(other)
                pending.append(other)
    return [sc for name, sc in SCENARIOS.items() if name in wanted]


async def _call(run: Run, n: int) -> tuple[float | None, int]:
    """Do ``n`` operations; the seconds they took if the run times itself (else ``None``), and how many it did."""
    result = run(n)
    if inspect.isawaitable(result):
        result = await result
    if isinstance(result, Timed):
        return float(result.seconds), result.ops
    return (float(result) if isinstance(result, int | float) else None), n


async def measure(
    scenarios: list[Scenario],
    *,
    quick: bool,
    postgres_url: str | None,
    persons: int | None = None,
    seconds: float | None = None,
) -> tuple[list[dict[str, Any]], BenchContext]:
    """Set every scenario up, warm each up, then time ``REPEATS`` rounds, interleaving the scenarios.

    Returns the results and the context (its ``persons`` and ``notes`` go into the report).
    """
    results: dict[str, dict[str, Any]] = {}
    runs: dict[str, Run] = {}
    timings: dict[str, list[float]] = {sc.name: [] for sc in scenarios}
    async with AsyncExitStack() as stack:
        ctx = BenchContext(quick=quick, postgres_url=postgres_url, stack=stack, persons=persons, seconds=seconds)
        for sc in scenarios:
            ops = sc.quick_ops if quick else sc.ops
            results[sc.name] = {
                "name": sc.name,
                "group": sc.group,
                "description": sc.description,
                "ops": ops,
                "repeats": sc.repeats or REPEATS,
                "ops_per_s": None,
                "us_per_op": None,
                "runs_us_per_op": [],
                "floor": sc.floor,
                "ratio_to_floor": None,
                "ratios": {},
                "status": "ok",
                "reason": None,
            }
            chatter = io.StringIO()  # Piccolo's migration messages
            try:
                with contextlib.redirect_stderr(chatter), contextlib.redirect_stdout(chatter):
                    runs[sc.name] = await stack.enter_async_context(sc.setup(ctx))
                    if sc.warmup:
                        await _call(runs[sc.name], max(10, ops // 10))
            except Skip as exc:
                results[sc.name].update(status="skipped", reason=str(exc))
                runs.pop(sc.name, None)
            except Exception as exc:
                results[sc.name].update(status="error", reason=f"{type(exc).__name__}: {exc}")
                runs.pop(sc.name, None)

        for round_no in range(REPEATS):
            for name, run in list(runs.items()):
                if round_no >= results[name]["repeats"]:
                    continue
                ops = results[name]["ops"]
                gc.collect()
                start = time.perf_counter()
                try:
                    took, done = await _call(run, ops)
                except Exception as exc:
                    results[name].update(status="error", reason=f"{type(exc).__name__}: {exc}")
                    del runs[name]
                    continue
                if took is None:
                    took = time.perf_counter() - start
                if done != ops:  # a time-bounded run: it says how many it did
                    results[name]["ops"] = done
                timings[name].append(took / max(done, 1) * 1e6)

    for name, result in results.items():
        if result["status"] == "ok":
            us = statistics.median(timings[name])
            result.update(us_per_op=us, ops_per_s=1e6 / us, runs_us_per_op=timings[name])
    for result in results.values():
        floor = results.get(result["floor"] or "")
        if result["status"] == "ok" and floor is not None and floor["status"] == "ok":
            result["ratio_to_floor"] = result["us_per_op"] / floor["us_per_op"]
    for sc in scenarios:
        result = results[sc.name]
        for other_name in sc.compare:
            other = results.get(other_name)
            if result["status"] == "ok" and other is not None and other["status"] == "ok":
                ratio = result["us_per_op"] / other["us_per_op"]
                result["ratios"][other_name] = ratio
                mine, theirs = result["us_per_op"], other["us_per_op"]
                ctx.note(f"{sc.name}: {ratio:.2f}× {other_name} ({mine:,.1f} vs {theirs:,.1f} µs/op)")
    return list(results.values()), ctx


def check_goals(results: list[dict[str, Any]], *, persons: int) -> list[dict[str, Any]]:
    by_name = {r["name"]: r for r in results}
    checked = []
    for goal in GOALS:
        mine = by_name.get(goal.scenario)
        other = by_name.get(goal.against) if goal.against is not None else None
        if mine is None or (goal.against is not None and other is None):
            continue  # not selected by --only
        entry: dict[str, Any] = {"goal": goal.text, "scenario": goal.scenario, "against": goal.against}
        entry.update(measured=None, shown=None, status="n/a", reason=None)
        if mine["status"] != "ok" or (other is not None and other["status"] != "ok"):
            entry["reason"] = "not measured"
        elif goal.at_persons is not None and goal.at_persons != persons:
            measured, _ = goal.check(mine["us_per_op"], other["us_per_op"] if other else None)
            entry.update(measured=measured, shown=goal.show(measured), reason=f"this run seeded {persons:,} persons")
        else:
            measured, met = goal.check(mine["us_per_op"], other["us_per_op"] if other else None)
            entry.update(measured=measured, shown=goal.show(measured), status="PASS" if met else "MISS")
        checked.append(entry)
    return checked


def _num(value: float | None, fmt: str) -> str:
    return "—" if value is None else format(value, fmt)


def render(
    results: list[dict[str, Any]],
    goals: list[dict[str, Any]],
    notes: Sequence[str] = (),
    sections: Sequence[tuple[str, list[str]]] = (),
) -> str:
    header = ("scenario", "group", "ops", "ops/s", "µs/op", "floor", "× floor", "status")
    rows = [
        (
            r["name"],
            r["group"],
            str(r["ops"]),
            _num(r["ops_per_s"], ",.0f" if (r["ops_per_s"] or 0) >= 10 else ".2f"),
            _num(r["us_per_op"], ",.1f"),
            r["floor"] or "—",
            _num(r["ratio_to_floor"], ".2f"),
            r["status"] if r["status"] == "ok" else f"{r['status']}: {r['reason']}",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    right = {2, 3, 4, 6}

    def line(row: tuple[str, ...]) -> str:
        pairs = enumerate(zip(row[:-1], widths, strict=True))
        cells = [cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in pairs]
        return "  ".join([*cells, row[-1]])

    out = [line(header), line((*("-" * w for w in widths), "------")), *(line(row) for row in rows)]
    for title, lines in sections:
        out += ["", f"{title}:", *(f"  {text}" for text in lines)]
    if goals:
        out += ["", "goals:"]
        for g in goals:
            details = [f"measured {g['shown']}"] if g["shown"] is not None else []
            details += [g["reason"]] if g["reason"] else []
            suffix = f"  ({'; '.join(details)})" if details else ""
            out.append(f"  {g['status']:<4}  {g['goal']}{suffix}")
    if notes:
        out += ["", "notes:", *(f"  {note}" for note in notes)]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short run (few ops per scenario), for tests")
    parser.add_argument("--only", action="append", metavar="NAME", help="run scenarios whose name contains NAME")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, metavar="PATH", help="where to write results")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        default=os.environ.get("AGENTUR_BENCH_POSTGRES_URL") or os.environ.get("AGENTUR_TEST_POSTGRES_URL") or None,
        help="PostgreSQL server (a scratch database is created and dropped on it); "
        "default AGENTUR_BENCH_POSTGRES_URL, then AGENTUR_TEST_POSTGRES_URL",
    )
    parser.add_argument(
        "--persons",
        type=int,
        metavar="N",
        help=f"persons per tenant the scale scenarios seed (default {FULL_PERSONS:,}; {QUICK_PERSONS:,} with --quick)",
    )
    parser.add_argument(
        "--seconds",
        type=float,
        metavar="S",
        help="how long the time-bounded scenarios (load) run (default theirs: 20 s; 3 s with --quick)",
    )
    parser.add_argument("--fail-on-miss", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)

    load_scenario_modules()
    scenarios = select(args.only)
    if not scenarios:
        parser.error(f"no scenario matches {args.only}")
    started = dt.datetime.now(dt.UTC)
    if args.persons is not None and args.persons < 1:
        parser.error("--persons must be at least 1")
    if args.seconds is not None and not args.seconds > 0:
        parser.error("--seconds must be more than 0")
    results, ctx = asyncio.run(
        measure(scenarios, quick=args.quick, postgres_url=args.postgres, persons=args.persons, seconds=args.seconds)
    )
    goals = check_goals(results, persons=ctx.persons)
    print(render(results, goals, ctx.notes, ctx.sections))

    report = {
        "started_at": started.isoformat(),
        "quick": args.quick,
        "repeats": REPEATS,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "sqlite_version": sqlite3.sqlite_version,
        "postgres_url": redact(args.postgres),
        "persons": ctx.persons,
        "scenarios": results,
        "goals": goals,
        "notes": ctx.notes,
        "details": ctx.details,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten: {args.json}")

    if any(r["status"] == "error" for r in results):
        return 1
    if args.fail_on_miss and any(g["status"] == "MISS" for g in goals):
        return 1
    return 0
