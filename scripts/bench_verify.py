"""Benchmark verification: generated registries of 1,000 / 10,000 / 100,000 documents, a 50-claim draft, timings.

    python scripts/bench_verify.py --sizes 1000,10000 [--keep DIR [--reuse]] [--naive-sample 2000] [--dump]

For each size it writes, in a temp folder, ~5 KB documents of made-up words (seeded) as ``path:`` statements, a
``sources.yaml`` listing them, and a draft quoting 50 of them (verbatim, with one or two words changed, with an
elision, and not at all). It then reports, as a Markdown table: index build time, MB/s and size (the rare-word
table, which the index builds on first use, timed apart); the whole
``attrib check`` as a subprocess once the index exists (registry loading included); the check's peak memory;
how many planted quotes got the expected verdict; and the naive check (rapidfuzz ``partial_ratio`` against every
document), sampled at large sizes and scaled up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "qui", "na", "pe", "zor", "ta", "li", "mun", "ost",
             "ar", "bel", "cy", "fen", "gra", "hul", "io", "jas", "kre", "lum", "nor", "pra", "ser", "vin"]
DOC_BYTES = 5_000
CLAIMS = 50


def vocabulary(rng: random.Random, size: int = 30_000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
    return sorted(words)


def zipf_sampler(rng: random.Random, vocab: list[str]):
    weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(vocab))]
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)

    def sample(k: int) -> list[str]:
        return rng.choices(vocab, cum_weights=cum, k=k)

    return sample


def sentence(sample, rng: random.Random) -> str:
    words = sample(rng.randint(8, 22))
    return words[0].capitalize() + " " + " ".join(words[1:]) + rng.choice((".", ".", ".", "?", "!"))


def generate(folder: Path, size: int, seed: int = 7) -> list[dict]:
    """Write documents, sources.yaml and draft.md; return the planted claims with their expected verdicts."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    sample = zipf_sampler(rng, vocab)
    people = [(f"p{i}", f"{rng.choice(vocab).capitalize()} {rng.choice(vocab).capitalize()}son") for i in range(300)]
    people = list({name: (pid, name) for pid, name in people}.values())
    start = dt.date(2015, 1, 1)
    docs_dir = folder / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    lines = ["version: 1", "publishers:", "  - {id: gen, name: Generated Ministry}", "people:"]
    for pid, name in people:
        lines.append(f"  - {{id: {pid}, name: {name}}}")
    lines.append("documents:")
    meta = []
    for n in range(size):
        pid, name = rng.choice(people)
        day = start + dt.timedelta(days=rng.randrange(3650))
        parts, length = [], 0
        while length < DOC_BYTES:
            para = " ".join(sentence(sample, rng) for _ in range(rng.randint(3, 6)))
            parts.append(para)
            length += len(para) + 2
        text = "\n\n".join(parts) + "\n"
        sub = docs_dir / f"{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        rel = f"docs/{n // 1000:03d}/d{n}.txt"
        (folder / rel).write_text(text, encoding="utf-8")
        lines.append(
            f"  - {{id: d{n}, title: Statement {n}, publisher: gen, date: {day.isoformat()}, kind: statement, "
            f"path: {rel}, speakers: [{pid}]}}"
        )
        meta.append((n, pid, name, day, rel))
    (folder / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    planted = []
    chosen = rng.sample(meta, CLAIMS)
    paragraphs = []
    for i, (n, pid, name, day, rel) in enumerate(chosen):
        words = (folder / rel).read_text(encoding="utf-8").split()
        at = rng.randrange(0, len(words) - 40)
        length = rng.randint(12, 30)
        quote_words = [w.strip(".?!") for w in words[at : at + length]]
        kind = ("verbatim", "changed", "elided", "absent")[i % 4]
        expected = {"verbatim": "verified", "changed": "misquoted", "elided": "verified", "absent": "unverified"}[kind]
        if kind == "changed":
            for _ in range(1 + i % 2):
                j = rng.randrange(2, len(quote_words) - 2)
                quote_words[j] = rng.choice(vocab)
        elif kind == "elided":
            cut = len(quote_words) // 2
            quote_words = quote_words[: cut - 1] + ["…"] + quote_words[cut + 3 :]
        elif kind == "absent":
            quote_words = sample(length)
        quote = " ".join(quote_words).replace(" …", " …")
        paragraphs.append(f"“{quote},” {name} said on {day:%-d %B %Y}.")
        planted.append({"doc": f"d{n}", "kind": kind, "expected": expected, "quote": quote})
    draft = "---\ntitle: Generated draft\ndate: 2025-01-01\n---\n\n" + "\n\n".join(paragraphs) + "\n"
    (folder / "draft.md").write_text(draft, encoding="utf-8")
    (folder / "planted.json").write_text(json.dumps(planted), encoding="utf-8")
    return planted


def measured(argv: list[str], cwd: Path) -> tuple[float, int, str]:
    """Like run_child but with the child's own peak memory, through a one-off wrapper process."""
    wrapper = (
        "import resource, subprocess, sys, time, json;"
        "t=time.perf_counter();p=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
        "e=time.perf_counter()-t;"
        "r=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
        "sys.stdout.write(json.dumps({'t':e,'rss':r,'rc':p.returncode,'out':p.stdout,'err':p.stderr[-3000:]}))"
    )
    proc = subprocess.run([sys.executable, "-c", wrapper, *argv], cwd=cwd, capture_output=True, text=True, check=True)
    data = json.loads(proc.stdout)
    if data["rc"] not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({data['rc']}):\n{data['err']}")
    return data["t"], data["rss"], data["out"]


BUILD = """
import sys, time
from attrib.registry import load_registry
from attrib.index import Index
registry = load_registry(sys.argv[1])
began = time.perf_counter()
index = Index.open(registry)
built = time.perf_counter() - began
began = time.perf_counter()
index.ensure_passages()  # the rare-word table, built on first use: timed apart
print(built, index.size_bytes(), len(index.documents), time.perf_counter() - began)
"""


def verdicts(report_json: str) -> list[tuple[str, str]]:
    report = json.loads(report_json)
    findings = report["articles"][0]["findings"]
    return [(f["verdict"], f["text"]) for f in findings]


def naive(folder: Path, planted: list[dict], sample_docs: int) -> tuple[float, int, int]:
    """rapidfuzz partial_ratio of every planted quote against every document: seconds per check, hits, docs scanned."""
    from rapidfuzz import fuzz

    paths = sorted((folder / "docs").rglob("*.txt"), key=lambda p: int(p.stem[1:]))
    total = len(paths)
    wanted = {p["doc"] for p in planted}
    scan = paths if total <= sample_docs else [p for p in paths if p.stem in wanted] + random.Random(1).sample(
        [p for p in paths if p.stem not in wanted], sample_docs - len(wanted))
    texts = [(p.stem, p.read_text(encoding="utf-8").lower()) for p in scan]
    began = time.perf_counter()
    hits = 0
    for plant in planted:
        quote = plant["quote"].lower()
        best = max(texts, key=lambda t: fuzz.partial_ratio(quote, t[1]))
        if plant["kind"] != "absent" and best[0] == plant["doc"]:
            hits += 1
    elapsed = (time.perf_counter() - began) * total / len(texts)
    return elapsed, hits, len(texts)


def bench(size: int, keep: Path | None, naive_sample: int, reuse: bool = False, dump: bool = False) -> dict:
    reused = keep / f"attrib-bench-{size}" if keep else None
    began = time.perf_counter()
    if reuse and reused is not None and (reused / "planted.json").is_file():
        folder = reused  # generated before: the same seed gives the same files, so only the timings are new
        planted = json.loads((folder / "planted.json").read_text(encoding="utf-8"))
        import shutil

        shutil.rmtree(folder / ".attrib-cache", ignore_errors=True)  # the build is timed from nothing
    else:
        folder = reused if reuse and reused is not None else Path(tempfile.mkdtemp(prefix=f"attrib-bench-{size}-", dir=keep))
        folder.mkdir(parents=True, exist_ok=True)
        planted = generate(folder, size)
    gen_time = time.perf_counter() - began
    text_mb = sum(p.stat().st_size for p in (folder / "docs").rglob("*.txt")) / 1e6
    env_py = sys.executable
    # registry parse (and its cache) first, so the index build is timed alone
    measured([env_py, "-c", "import sys; from attrib.registry import load_registry; load_registry(sys.argv[1])", "sources.yaml"], folder)
    _t, build_rss, out = measured([env_py, "-c", BUILD, "sources.yaml"], folder)
    build_time, index_bytes, indexed, passages_time = out.split()
    check = [env_py, "-m", "attrib", "check", "draft.md", "--sources", "sources.yaml", "--format", "json", "--show-verified"]
    measured(check, folder)  # warm: the first check may still write caches
    times, rss, out = [], 0, ""
    for _ in range(3):
        t, r, out = measured(check, folder)
        times.append(t)
        rss = max(rss, r)
    found = verdicts(out)
    right = 0
    for plant in planted:
        quote_words = plant["quote"].split()[:4]
        got = [v for v, text in found if text.split()[:4] == quote_words]
        if got and got[0] == plant["expected"]:
            right += 1
        elif dump:
            print(f"# {size}: {plant['kind']} quote from {plant['doc']} expected {plant['expected']}, got "
                  f"{got[0] if got else 'no finding'}: {plant['quote'][:80]}", file=sys.stderr)
    naive_time, naive_hits, scanned = naive(folder, planted, naive_sample)
    return {
        "size": size,
        "text_mb": text_mb,
        "generate_s": gen_time,
        "build_s": float(build_time),
        "build_mb_s": text_mb / float(build_time),
        "passages_s": float(passages_time),
        "index_mb": int(index_bytes) / 1e6,
        "indexed": int(indexed),
        "build_rss_mb": build_rss / 1024,
        "check_s": min(times),
        "check_rss_mb": rss / 1024,
        "right": right,
        "planted": len(planted),
        "naive_s": naive_time,
        "naive_hits": naive_hits,
        "naive_scanned": scanned,
        "findable": sum(1 for p in planted if p["kind"] != "absent"),
        "folder": str(folder),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated document counts")
    parser.add_argument("--keep", metavar="DIR", help="generate under DIR and keep the folders")
    parser.add_argument("--naive-sample", type=int, default=10_000, help="documents the naive check scans before scaling up")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: generate into DIR/attrib-bench-SIZE once and reuse it on later runs")
    parser.add_argument("--dump", action="store_true", help="print every planted quote that got the wrong verdict")
    args = parser.parse_args(argv)
    keep = Path(args.keep) if args.keep else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        row = bench(size, keep, args.naive_sample, reuse=args.reuse, dump=args.dump)
        rows.append(row)
        print(f"# {size} documents done ({row['folder']})", file=sys.stderr)
        if not keep:
            import shutil

            shutil.rmtree(row["folder"], ignore_errors=True)
    print("| documents | text | index build | build speed | rare-word table (first use) | index size | build peak | `attrib check` (50 claims) | check peak | planted quotes right | naive check (partial_ratio) | naive found |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        sampled = "" if r["naive_scanned"] >= r["size"] else f" (scaled from {r['naive_scanned']:,})"
        print(
            f"| {r['size']:,} | {r['text_mb']:.0f} MB | {r['build_s']:.1f} s | {r['build_mb_s']:.1f} MB/s | {r['passages_s']:.1f} s "
            f"| {r['index_mb']:.0f} MB "
            f"| {r['build_rss_mb']:.0f} MB | {r['check_s']:.2f} s | {r['check_rss_mb']:.0f} MB | {r['right']}/{r['planted']} "
            f"| {r['naive_s']:.1f} s{sampled} | {r['naive_hits']}/{r['findable']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
