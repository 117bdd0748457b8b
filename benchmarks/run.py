"""Measure korea-diplomacy against its peers, side by side in one run, and print a table.

usage: python benchmarks/run.py [--quick]

Install the peers first: pip install '.[bench]' (pycountry, holidays). Whole-process figures are
medians of repeated runs of a fresh interpreter; per-call figures are the best of several timeit
rounds in one process. --quick runs everything a few times only, to check the harness works.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_records import make

PY = sys.executable
rows: list[tuple[str, str, str, str]] = []  # (measure, value, ratio, verdict)


def whole_process(code: str, runs: int) -> float | None:
    """Median wall time in ms of `python -c code`, or None when it fails (peer not installed)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([PY, "-c", code], capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
        if done.returncode != 0:
            return None
    return statistics.median(times)


def per_call(stmt: str, setup: str, number: int) -> float | None:
    """Best-of-5 time per call in ns, measured in this process."""
    try:
        namespace: dict[str, object] = {}
        exec(setup, namespace)
        best = min(timeit.repeat(stmt, globals=namespace, number=number, repeat=5))
    except ImportError:
        return None
    return best / number * 1e9


def add(
    measure: str,
    value: float | None,
    unit: str,
    base: float | None = None,
    target: float | None = None,
    base_name: str = "",
) -> None:
    if value is None:
        rows.append((measure, "n/a", "", "peer not installed: pip install '.[bench]'"))
        return
    shown = f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"
    if base is None:
        rows.append((measure, shown, "", ""))
        return
    ratio = value / base
    verdict = ""
    if target is not None:
        verdict = f"{'pass' if ratio <= target else 'MISS'} (target <= {target:g}x {base_name})"
    rows.append((measure, shown, f"{ratio:.2f}x {base_name}", verdict))


def bench_import(runs: int) -> None:
    bare = whole_process("pass", runs)
    kd = whole_process("import korea_diplomacy", runs)
    pyc = whole_process("import pycountry", runs)
    hol = whole_process("import holidays", runs)
    add("bare python -c pass", bare, "ms")
    add("import pycountry", pyc, "ms", bare, None, "bare")
    add("import holidays", hol, "ms", bare, None, "bare")
    add("import korea_diplomacy", kd, "ms", bare, 2.0, "bare")
    if pyc is not None:
        add("import korea_diplomacy", kd, "ms", pyc, 0.5, "pycountry")
    first_pyc = whole_process("import pycountry; pycountry.countries.get(alpha_3='KOR')", runs)
    first_arf = whole_process("import korea_diplomacy as kd; kd.mechanisms.lookup('ARF')", runs)
    first_status = whole_process(
        "import korea_diplomacy as kd; kd.partnerships.lookup('ASEAN').status_on('2005-06-01')",
        runs,
    )
    add("pycountry import + first get", first_pyc, "ms", bare, None, "bare")
    add("kd import + lookup('ARF')", first_arf, "ms", first_pyc, 1.0, "pycountry first get")
    add("kd import + status_on", first_status, "ms", first_pyc, 1.0, "pycountry first get")


def bench_calls(number: int) -> None:
    kd_setup = (
        "import korea_diplomacy as kd\n"
        "c = kd.mechanisms; m = kd.meetings; c.lookup('ARF')\n"
        "eas = c['east-asia-summit']; p = kd.partnerships.lookup('ASEAN')\n"
        "m.filter(mechanism='asean-rok-summit', year=2010)\n"
    )
    pyc_setup = "import pycountry\npycountry.countries.get(alpha_3='KOR')\n"
    pyc_get = per_call("pycountry.countries.get(alpha_3='KOR')", pyc_setup, number)
    pyc_lookup = per_call("pycountry.countries.lookup('Korea, Republic of')", pyc_setup, number)
    dict_get = per_call("d.get('kor')", "d = {'kor': 1}", number)
    add("dict.get (reference)", dict_get, "ns")
    add("pycountry get(alpha_3)", pyc_get, "ns")
    add("pycountry lookup(name)", pyc_lookup, "ns")
    cases = [
        ("kd c[id]", "c['east-asia-summit']", 0.5),
        ("kd lookup(name)", "c.lookup('East Asia Summit')", 0.5),
        ("kd lookup(alias)", "c.lookup('ASEAN+3')", 0.5),
        ("kd lookup(abbreviation)", "c.lookup('ARF')", 0.5),
        ("kd status_on(date)", "p.status_on('2005-06-01')", 1.0),
        ("kd members_on(date)", "eas.members_on('2010-06-01')", 1.0),
        ("kd filter(mechanism, year)", "m.filter(mechanism='asean-rok-summit', year=2010)", None),
    ]
    for label, stmt, target in cases:
        value = per_call(stmt, kd_setup, number if target else max(number // 20, 1))
        add(label, value, "ns", pyc_get, target, "pycountry get")


_LOAD = """
import json, sys, time, tracemalloc, gc, timeit, datetime as dt
path, size = sys.argv[1], int(sys.argv[2])
import korea_diplomacy as kd
kd.load()                                  # bundled data, so only the user records are timed
text = open(path + '/meetings.json', encoding='utf-8').read()
def best(fn, rounds):
    times = []
    for _ in range(rounds):
        gc.collect(); t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return min(times)
rounds = int(sys.argv[3])
t_json = best(lambda: json.loads(text), rounds)
t_load = best(lambda: kd.load(path), rounds)
gc.collect(); tracemalloc.start(); data = json.loads(text)
peak_json = tracemalloc.get_traced_memory()[1]; tracemalloc.stop(); del data
gc.collect(); tracemalloc.start(); ds = kd.load(path)
peak_load = tracemalloc.get_traced_memory()[1]; tracemalloc.stop()
# A window of 100 days in the middle of the synthetic meetings (one a day from 1700-01-01).
first = dt.date(1700, 1, 1) + dt.timedelta(days=size // 2)
since, until = first.isoformat(), (first + dt.timedelta(days=99)).isoformat()
year = first.year
hits = len(ds.meetings.filter(since=since, until=until))   # builds the date index once
by_mech_hits = len(ds.meetings.filter(mechanism='asean-rok-summit', year=year))
since_until = min(timeit.repeat(lambda: ds.meetings.filter(since=since, until=until),
                                number=50, repeat=5)) / 50
by_mech = min(timeit.repeat(lambda: ds.meetings.filter(mechanism='asean-rok-summit', year=year),
                            number=50, repeat=5)) / 50
print(json.dumps(dict(n=len(ds.meetings), t_json=t_json, peak_json=peak_json, t_load=t_load,
                      peak_load=peak_load, since_until=since_until, by_mech=by_mech, hits=hits,
                      by_mech_hits=by_mech_hits)))
"""


def bench_scale(sizes: list[int]) -> None:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            directory = Path(tmp) / str(size)
            make(directory, size)
            rounds = "3" if size < 100_000 else "2"
            command = [PY, "-c", _LOAD, str(directory), str(size), rounds]
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                rows.append((f"load {size:,} records", "failed", "", done.stderr.strip()[-200:]))
                continue
            r = json.loads(done.stdout)
            results[size] = r
            rate = size / r["t_load"]
            add(f"load {size:,} user records", r["t_load"] * 1000, "ms")
            rows.append(
                (
                    f"  records per second ({size:,})",
                    f"{rate:,.0f}/s",
                    "",
                    f"{'pass' if rate >= 250_000 else 'MISS'} (target >= 250,000/s)",
                )
            )
            add(
                f"  vs json.loads of the same file ({size:,})",
                r["t_load"] * 1000,
                "ms",
                r["t_json"] * 1000,
                3.0,
                "json.loads",
            )
            add(
                f"  peak memory ({size:,})",
                r["peak_load"] / 2**20,
                "MiB",
                r["peak_json"] / 2**20,
                2.0,
                "json.loads peak",
            )
            add(f"  filter(since, until) -> {r['hits']} ({size:,})", r["since_until"] * 1e6, "µs")
            add(
                f"  filter(mechanism, year) -> {r['by_mech_hits']} ({size:,})",
                r["by_mech"] * 1e6,
                "µs",
            )
    if 100_000 in results:
        big = results[100_000]["since_until"] * 1e6
        rows.append(
            (
                "filter(since, until), 100k",
                f"{big:.1f} µs",
                "",
                f"{'pass' if big <= 50 else 'MISS'} (target <= 50 µs)",
            )
        )
    if 10_000 in results and 100_000 in results:
        growth = results[100_000]["since_until"] / results[10_000]["since_until"]
        rows.append(
            (
                "filter(since, until) growth 10k -> 100k",
                f"{growth:.2f}x",
                "",
                f"{'pass' if growth <= 1.5 else 'MISS'} (target <= 1.5x)",
            )
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="few runs, small sizes: checks it works"
    )
    args = parser.parse_args()
    runs, number = (3, 2_000) if args.quick else (20, 200_000)
    sizes = [1_000] if args.quick else [1_000, 10_000, 100_000]
    gc.collect()
    bench_import(runs)
    bench_calls(number)
    bench_scale(sizes)
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    mode = "quick" if args.quick else "full"
    print(f"korea-diplomacy benchmarks ({mode}; Python {sys.version.split()[0]})")
    for row in rows:
        cells = (cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True))
        print("  ".join(cells) + "  " + row[3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
