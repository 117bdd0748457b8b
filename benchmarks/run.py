"""Measure korea-diplomacy against its yardsticks, side by side in one run, and print a table.

usage: python benchmarks/run.py [--quick]

Install the peers first: pip install '.[bench]' (pycountry, holidays). Every figure is a ratio
to a yardstick measured in the same run under the same conditions:

- whole processes (import, first answer, command line) run in pairs, A then B, many times;
  the ratio is the median of the pairs' ratios, so a machine that slows down mid-run moves
  both sides alike;
- per-call figures are the best of several timeit rounds of both sides, in one process;
- loading user records is compared with ``json.loads`` of the same file, both timed with the
  garbage collector paused (as ``kd.load`` runs), best of several rounds.

--quick runs everything a few times, on small sizes: it checks that the harness works.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_records import make, make_chain, make_counts

PY = sys.executable
CLI = [PY, "-m", "korea_diplomacy"]
rows: list[tuple[str, str, str, str]] = []  # (measure, value, ratio, verdict)


def verdict(ratio: float, target: float | None, base: str) -> str:
    if target is None:
        return "reported (no target)"
    return f"{'pass' if ratio <= target else 'MISS'} (target <= {target:g}x {base})"


def _time(command: list[str]) -> float | None:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=_ENV)
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed if done.returncode == 0 else None


# Bytecode as an installed package has it: a source tree may run with writing it turned off.
_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def paired(
    label: str, a: list[str], b: list[str], runs: int, target: float | None, base: str
) -> None:
    """Run A and B in turn ``runs`` times; report A's median and the median ratio A/B."""
    _time(a), _time(b)  # warm the file cache and the bytecode
    times_a, times_b, ratios = [], [], []
    for _ in range(runs):
        ta, tb = _time(a), _time(b)
        if ta is None or tb is None:
            rows.append((label, "n/a", "", "failed or peer not installed: pip install '.[bench]'"))
            return
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(ta / tb)
    ratio = statistics.median(ratios)
    shown = f"{statistics.median(times_a):.1f} ms"
    rows.append((label, shown, f"{ratio:.2f}x {base}", verdict(ratio, target, base)))


def python(code: str) -> list[str]:
    return [PY, "-c", code]


def bench_processes(runs: int) -> None:
    pycountry_first = python("import pycountry; pycountry.countries.get(alpha_3='KOR')")
    bare = python("pass")
    paired("import korea_diplomacy", python("import korea_diplomacy"), bare, runs, 2.0, "bare")
    paired(
        "import korea_diplomacy",
        python("import korea_diplomacy"),
        python("import pycountry"),
        runs,
        0.5,
        "import pycountry",
    )
    paired(
        "import + lookup('ARF')",
        python("import korea_diplomacy as kd; kd.mechanisms.lookup('ARF')"),
        pycountry_first,
        runs,
        1.0,
        "pycountry first get",
    )
    paired(
        "import + status_on",
        python(
            "import korea_diplomacy as kd; kd.partnerships.lookup('ASEAN').status_on('2005-06-01')"
        ),
        pycountry_first,
        runs,
        1.0,
        "pycountry first get",
    )
    paired("korea-diplomacy --help", [*CLI, "--help"], bare, runs, 3.0, "bare")
    paired("korea-diplomacy show ARF", [*CLI, "show", "ARF"], bare, runs, 6.0, "bare")
    paired("korea-diplomacy info", [*CLI, "info"], bare, runs, 6.0, "bare")


def per_call(stmt: str, setup: str, number: int) -> float | None:
    """Best-of-5 time per call in ns, measured in this process."""
    try:
        namespace: dict[str, object] = {}
        exec(setup, namespace)
        best = min(timeit.repeat(stmt, globals=namespace, number=number, repeat=5))
    except ImportError:
        return None
    return best / number * 1e9


def bench_calls(number: int) -> None:
    # Written the way users write it: through the module attribute every time.
    kd_setup = (
        "import korea_diplomacy as kd\n"
        "kd.mechanisms.lookup('ARF'); kd.mechanisms.lookup('east asia summit')\n"
        "p = kd.partnerships.lookup('ASEAN'); eas = kd.mechanisms['east-asia-summit']\n"
        "p.status_on('2005-06-01'); eas.members_on('2010-06-01')\n"
    )
    pyc_setup = "import pycountry\npycountry.countries.get(alpha_3='KOR')\n"
    pyc_get = per_call("pycountry.countries.get(alpha_3='KOR')", pyc_setup, number)
    if pyc_get is None:
        rows.append(("pycountry get", "n/a", "", "peer not installed: pip install '.[bench]'"))
        return
    rows.append(("pycountry get(alpha_3)", f"{pyc_get:.0f} ns", "", ""))
    cases = [
        ("kd.mechanisms[id]", "kd.mechanisms['east-asia-summit']", 0.5),
        ("kd.mechanisms.lookup('ARF')", "kd.mechanisms.lookup('ARF')", 0.5),
        ("lookup('east asia summit')", "kd.mechanisms.lookup('east asia summit')", 0.5),
        ("status_on(date)", "p.status_on('2005-06-01')", 1.0),
        ("members_on(date)", "eas.members_on('2010-06-01')", 1.0),
    ]
    for label, stmt, target in cases:
        value = per_call(stmt, kd_setup, number)
        if value is None:
            continue
        ratio = value / pyc_get
        base = "pycountry get"
        rows.append(
            (label, f"{value:.0f} ns", f"{ratio:.2f}x {base}", verdict(ratio, target, base))
        )


_LOAD = """
import json, sys, time, tracemalloc, gc, timeit, datetime as dt
path, size, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
import korea_diplomacy as kd
ds = kd.load()
for name in ('sources', 'mechanisms', 'meetings', 'actors'):
    ds.collection(name)                    # the bundled data is read once, before timing
text = open(path + '/meetings.json', encoding='utf-8').read()
def best(fn):
    times = []
    for _ in range(rounds):
        gc.collect(); gc.disable()
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
        gc.enable()
    return min(times)
t_json = best(lambda: json.loads(text))
t_load = best(lambda: kd.load(path))
gc.collect(); tracemalloc.start(); data = json.loads(text)
peak_json = tracemalloc.get_traced_memory()[1]; tracemalloc.stop(); del data
gc.collect(); tracemalloc.start(); ds = kd.load(path)
peak_load = tracemalloc.get_traced_memory()[1]; tracemalloc.stop()
first = dt.date(1700, 1, 1) + dt.timedelta(days=size // 2)
since, until = first.isoformat(), (first + dt.timedelta(days=99)).isoformat()
hits = len(ds.meetings.filter(since=since, until=until))   # builds the date index once
since_until = min(timeit.repeat(lambda: ds.meetings.filter(since=since, until=until),
                                number=50, repeat=5)) / 50
print(json.dumps(dict(t_json=t_json, peak_json=peak_json, t_load=t_load, peak_load=peak_load,
                      since_until=since_until, hits=hits)))
"""

_VALIDATE = """
import json, sys, time, gc
import korea_diplomacy as kd
kd.load().collection('actors'); kd.load().collection('figures')
gc.collect(); gc.disable()
t = time.perf_counter(); kd.load(sys.argv[1]); elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed}))
"""


def _run_json(code: str, *args: str) -> dict[str, float] | None:
    done = subprocess.run([PY, "-c", code, *args], capture_output=True, text=True, env=_ENV)
    if done.returncode != 0:
        rows.append(("(failed)", "", "", done.stderr.strip()[-200:]))
        return None
    result: dict[str, float] = json.loads(done.stdout)
    return result


def bench_scale(sizes: list[int]) -> None:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            directory = Path(tmp) / str(size)
            make(directory, size)
            r = _run_json(_LOAD, str(directory), str(size), "3" if size < 100_000 else "2")
            if r is None:
                continue
            results[size] = r
            ratio = r["t_load"] / r["t_json"]
            rows.append(
                (
                    f"load {size:,} user records",
                    f"{r['t_load'] * 1000:,.0f} ms",
                    f"{ratio:.2f}x json.loads",
                    verdict(ratio, 3.0, "json.loads"),
                )
            )
            memory = r["peak_load"] / r["peak_json"]
            rows.append(
                (
                    f"  peak memory ({size:,})",
                    f"{r['peak_load'] / 2**20:,.1f} MiB",
                    f"{memory:.2f}x json.loads",
                    verdict(memory, 2.0, "json.loads"),
                )
            )
            rows.append(
                (
                    f"  filter(since, until) -> {r['hits']:.0f}",
                    f"{r['since_until'] * 1e6:.1f} µs",
                    "",
                    "",
                )
            )
        if len(results) > 1:
            small, big = min(results), max(results)
            growth = results[big]["since_until"] / results[small]["since_until"]
            label = f"filter(since, until) growth {small:,} -> {big:,}"
            rows.append((label, f"{growth:.2f}x", "", verdict(growth, 1.5, "smaller")))
        # Checks across records grow at most as n log n: a chain of actors linked by parent,
        # and member counts of a group with as many memberships.
        for shape, writer in (("parent chain", make_chain), ("member counts", make_counts)):
            seconds = {}
            for size in sizes:
                directory = Path(tmp) / f"{shape.replace(' ', '-')}-{size}"
                writer(directory, size)
                r = _run_json(_VALIDATE, str(directory))
                if r is not None:
                    seconds[size] = r["seconds"]
                    rows.append(
                        (f"validate {shape}, {size:,}", f"{r['seconds'] * 1000:,.0f} ms", "", "")
                    )
            if len(seconds) > 1:
                small, big = min(seconds), max(seconds)
                growth = seconds[big] / seconds[small]
                limit = 1.5 * (big / small)  # linear, with room for n log n and noise
                rows.append(
                    (
                        f"  {shape}: growth {small:,} -> {big:,}",
                        f"{growth:.1f}x",
                        f"for {big // small}x the records",
                        f"{'pass' if growth <= limit else 'MISS'} (target <= {limit:g}x)",
                    )
                )


def bench_search(number: int, runs: int) -> None:
    # The first search reads every collection and indexes its words; a lookup reads one.
    paired(
        "import + kd.search('Busan')",
        python("import korea_diplomacy as kd; kd.search('Busan')"),
        python("import korea_diplomacy as kd; kd.mechanisms.lookup('ARF')"),
        runs,
        None,
        "import + lookup",
    )
    setup = (
        "import korea_diplomacy as kd\nds = kd.load()\n"
        "ds.search('Busan')\nkd.mechanisms.lookup('ARF')\n"
    )
    search = per_call("ds.search('Busan')", setup, max(number // 1000, 3))
    lookup = per_call("kd.mechanisms.lookup('ARF')", setup, number)
    if search is not None and lookup is not None:
        rows.append(
            (
                "search('Busan'), whole dataset",
                f"{search / 1000:,.1f} µs",
                f"{search / lookup:,.0f}x lookup",
                verdict(search / lookup, None, "lookup"),
            )
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="few runs, small sizes: checks it works"
    )
    args = parser.parse_args()
    runs, number = (3, 2_000) if args.quick else (20, 200_000)
    sizes = [1_000, 2_000] if args.quick else [1_000, 10_000, 100_000]
    gc.collect()
    bench_processes(runs)
    bench_calls(number)
    bench_search(number, runs)
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
