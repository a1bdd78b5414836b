"""Benchmark attrib as a CI step: check N generated drafts against a generated registry of M documents.

Usage: python scripts/bench_ci.py [--drafts 200] [--documents 1000] [--keep DIR]

Prints the time of `attrib check DIR --format line` with a cold cache (registry parse and index build included)
and with a warm one (what a CI run pays when the cache is restored), peak memory, and findings per verdict.
Target on 2 cores: 200 drafts against 1,000 documents in under 20 s.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "river bridge convoy harbour supply line front winter reserve brigade district village command rail road "
    "depot artillery drone shelter border patrol ministry council budget harvest engineer signal radar coast "
    "northern eastern western southern steady heavy light quiet rapid slow early late fresh final first second "
    "moved held crossed repaired delivered reached opened closed doubled reduced planned promised confirmed"
).split()
PEOPLE = [("Ana", "Korv"), ("Ben", "Dallo"), ("Cleo", "Marr"), ("Dev", "Osk"), ("Eli", "Pran"), ("Fay", "Quint")]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def generate(root: Path, drafts: int, documents: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    (root / "docs").mkdir(parents=True)
    (root / "drafts").mkdir()
    people = [(f"{first.lower()}-{last.lower()}", f"{first} {last}") for first, last in PEOPLE]
    lines = ["version: 1", "publishers:", "  - {id: ministry, name: Ministry of Harbours, type: government}", "people:"]
    for pid, name in people:
        lines += [f"  - id: {pid}", f"    name: {name}", "    roles: [{title: Spokesperson, publisher: ministry}]"]
    lines.append("documents:")
    quotes: list[tuple[str, str, str]] = []  # (speaker name, words, date)
    for i in range(documents):
        pid, name = rng.choice(people)
        day = f"2030-{1 + i % 12:02d}-{1 + i % 28:02d}"
        turns = []
        for _ in range(12):
            said = " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(3))
            turns.append(f"{name.split()[1].upper()}: {said}")
            turns.append(f"Q: {sentence(rng, 12)}")
            if rng.random() < 0.05:
                quotes.append((name, said.split(". ")[0] + ".", day))
        (root / "docs" / f"d{i}.txt").write_text("\n\n".join(turns) + "\n", encoding="utf-8")
        lines += [
            f"  - id: d{i}",
            f"    title: Briefing {i}",
            "    publisher: ministry",
            f"    date: {day}",
            "    kind: transcript",
            f"    path: docs/d{i}.txt",
            f"    speakers: [{pid}]",
        ]
    (root / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for d in range(drafts):
        body = [f"---\ntitle: Draft {d}\ndate: 2030-12-31\n---\n"]
        for _ in range(8):
            name, words, day = rng.choice(quotes)
            if rng.random() < 0.3:
                w = words.split()
                w[rng.randrange(len(w))] = rng.choice(WORDS)
                words = " ".join(w)
            body.append(f"\u201c{words.rstrip('.')},\u201d {name} said in a briefing on {_long(day)}.\n")
            body.append(f"{sentence(rng, 20)} Officials said the {rng.choice(WORDS)} would reopen.\n")
        body.append(f"The project cost {rng.randint(2, 90)} million crowns.\n")
        (root / "drafts" / f"draft{d:03d}.md").write_text("\n".join(body), encoding="utf-8")


def _long(day: str) -> str:
    import datetime as dt

    return dt.date.fromisoformat(day).strftime("%-d %B %Y")


def check(root: Path) -> tuple[float, float, dict[str, int]]:
    env = {**os.environ, "ATTRIB_CACHE_DIR": str(root / "cache")}
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run(
        [sys.executable, "-m", "attrib", "check", "drafts", "--format", "json", "--show-verified"],
        cwd=root, env=env, capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    if result.returncode not in (0, 1):
        raise SystemExit(f"attrib check failed ({result.returncode}): {result.stderr.strip()}")
    verdicts = collections.Counter(
        f["verdict"] for a in json.loads(result.stdout)["articles"] for f in a["findings"]
    )
    return elapsed, peak, dict(sorted(verdicts.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    args = parser.parse_args()
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="attrib-bench-ci-"))
    try:
        if not (root / "sources.yaml").exists():
            generate(root, args.drafts, args.documents)
        shutil.rmtree(root / "cache", ignore_errors=True)
        cold, cold_peak, verdicts = check(root)
        warm, warm_peak, _ = check(root)
        print("| drafts | documents | cold cache | warm cache | peak memory | findings |")
        print("|---:|---:|---:|---:|---:|---|")
        print(
            f"| {args.drafts} | {args.documents} | {cold:.1f} s | {warm:.1f} s | {max(cold_peak, warm_peak):.0f} MB | "
            + ", ".join(f"{n} {v}" for v, n in verdicts.items())
            + " |"
        )
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
