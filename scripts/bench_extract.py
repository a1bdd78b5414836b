"""Benchmark extraction: generate 1,000 articles of about 1,000 words, time reading + extraction and `attrib --help`.

Usage: python scripts/bench_extract.py [--articles N] [--words W] [--seed S] [--jobs J]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FIRST = ["Alma", "Boris", "Carla", "Dmytro", "Edith", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kalina", "Lev"]
LAST = ["Marsh", "Novak", "Okafor", "Petrenko", "Quill", "Rask", "Sorel", "Tamm", "Ulloa", "Varga", "Wren"]
TITLES = ["General", "Minister", "Senator", "Dr", "Colonel", "Mayor", "Ambassador"]
ORGS = ["the Institute for Harbour Studies", "the Ministry of Roads", "the Northern Relief Council",
        "the Office of Budget Review", "the Coastal Watch Agency"]
VERBS = ["said", "told reporters", "warned", "insisted", "argued", "noted", "claimed", "explained", "added"]
TOPICS = ["the bridge", "the harbour", "the budget", "the ferry line", "the grain depot", "the border post",
          "the rail link", "the water plant", "the census", "the new tariff"]
STATES = ["would reopen within weeks", "had cost far more than planned", "was no longer safe to use",
          "needed another review", "would be finished before winter", "had been delayed again"]
FILLER = ["Residents gathered near {t} on a grey morning.", "The debate over {t} has lasted for years.",
          "Few people thought the meeting about {t} would end quickly.", "Work on {t} continued into the evening.",
          "Trucks queued outside {t} while the rain kept falling.", "The town council met to discuss {t} again.",
          "Shopkeepers near {t} closed early on Friday.", "Nobody could remember a winter as hard as this one.",
          "The roads to {t} were icy and mostly empty.", "Children walked past {t} on their way to school."]


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"{rng.choice(TITLES)} {first} {last}", last


def _sentence(rng: random.Random) -> str:
    t, state = rng.choice(TOPICS), rng.choice(STATES)
    full, last = _person(rng)
    pick = rng.randrange(18)  # about half the sentences are narration, as in real reporting
    if pick == 0:
        return f"“{t.capitalize()} {state}. We will not wait,” {last} {rng.choice(['said', 'added'])}."
    if pick == 1:
        return f"{full}, a spokesperson for {rng.choice(ORGS)}, {rng.choice(VERBS)} that {t} {state}."
    if pick == 2:
        return f"According to {rng.choice(ORGS)}, {t} {state}."
    if pick == 3:
        return f"It is believed that {t} {state}, a source said."
    if pick == 4:
        return f"Experts say {t} {state}, and critics argue the plan was ‘rushed’."
    if pick == 5:
        return f"The project cost ${rng.randrange(2, 90)}m and employed {rng.randrange(100, 9000):,} workers."
    if pick == 6:
        return f"{last} said {t} {state}, describing the delay as “{rng.choice(['avoidable', 'shameful'])}”."
    if pick == 7:
        return f"He {rng.choice(VERBS)}: “{t.capitalize()} {state}.”"
    if pick == 8:
        return f"{t.capitalize()} is expected to reopen, reportedly by {rng.randrange(2, 30)} March."
    return rng.choice(FILLER).format(t=t)


def make_article(rng: random.Random, words: int) -> str:
    paras, count = [], 0
    while count < words:
        para = " ".join(_sentence(rng) for _ in range(rng.randrange(2, 5)))
        count += len(para.split())
        paras.append(para)
    return "\n\n".join(paras) + "\n"


def _run(texts: list[str]) -> tuple[int, float]:
    """Claims found and the CPU seconds spent (CPU time is steady when other work shares the machine)."""
    from attrib.extract import extract
    from attrib.models import Article

    cpu = time.process_time()
    claims = 0
    for n, text in enumerate(texts):
        try:
            article = Article.from_text(text, path=f"bench-{n}.txt")
        except ImportError:
            article = Article(path=f"bench-{n}.txt", format="text", text=text, prose=text)
        claims += len(extract(article))
    return claims, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    texts = [make_article(rng, args.words) for _ in range(args.articles)]
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    if args.jobs > 1:
        chunks = [texts[i::args.jobs] for i in range(args.jobs)]
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(_run, chunks))
    else:
        results = [_run(texts)]
    elapsed = time.perf_counter() - started
    claims = sum(r[0] for r in results)
    cpu = sum(r[1] for r in results)
    print(f"{args.articles} articles, {words / args.articles:.0f} words each, {claims} claims, {args.jobs} jobs: "
          f"{elapsed:.2f}s wall, {args.articles / elapsed:.0f} articles/s")
    print(f"CPU time {cpu:.2f}s: {args.articles / cpu:.0f} articles/s per core, "
          f"{args.jobs * args.articles / cpu:.0f} articles/s on {args.jobs} idle cores")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "attrib", "--help"], check=True, capture_output=True)
    print(f"attrib --help: {time.perf_counter() - started:.3f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
