"""Score attrib's extraction against PolNeAR gold attributions (read at run time, never copied).

Usage: python scripts/score_polnear.py [PATH]   (default: ../shared/data/polnear-dev relative to the repo)

Prints content precision/recall/F1, lenient (overlap at least half the shorter span) and exact (same edges after
trimming whitespace and punctuation; a content in pieces is exact only when every piece is some claim's span),
source accuracy on lenient matches, and the recall of PolNeAR's source-less attributions that attrib reports as
vague.
"""

from __future__ import annotations

import argparse
import string
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from attrib.extract import extract  # noqa: E402
from attrib.models import Article, Claim  # noqa: E402

_EDGE = set(string.punctuation) | set("“”‘’«»„—–…") | set(string.whitespace)


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    source_text: str = ""
    sourceless: bool = False


def _ranges(field_: str) -> list[tuple[int, int]]:
    out = []
    for piece in field_.split(";"):
        a, b = piece.split()[-2:]
        out.append((int(a), int(b)))
    return out


def read_gold(path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    relations: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            label, _, rest = parts[1].partition(" ")
            spans[parts[0]] = (label, _ranges(rest), parts[2] if len(parts) > 2 else "")
        elif parts[0].startswith("E"):
            relations.append(parts[1])
    gold = []
    for rel in relations:
        args = dict(a.split(":", 1) for a in rel.split() if ":" in a)
        first = rel.split()[0].split(":")[0]
        contents = [spans[v][1] for k, v in args.items() if k.startswith("Content") and v in spans]
        if not contents:
            continue
        ranges = [r for c in contents for r in c]
        g = Gold(content=ranges, sourceless=first == "Attribution-no-source")
        if "Source" in args and args["Source"] in spans:
            g.source = spans[args["Source"]][1]
            g.source_text = spans[args["Source"]][2]
        gold.append(g)
    return gold


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(x2, y2) - max(x1, y1)) for x1, x2 in a for y1, y2 in b)


def _length(a: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in a)


def lenient(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    shorter = min(_length(a), _length(b))
    return shorter > 0 and _overlap(a, b) * 2 >= shorter


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _article(text: str, name: str) -> Article:
    try:
        return Article.from_text(text, path=name)
    except ImportError:  # the reader is optional for this script
        return Article(path=name, format="text", text=text, prose=text)


def _match(pred: list[Claim], gold: list[Gold], ok) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best overlap first."""
    pairs = []
    for i, c in enumerate(pred):
        for j, g in enumerate(gold):
            if ok(c, g):
                pairs.append((_overlap([(c.span.start, c.span.end)], g.content), i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def _source_ok(c: Claim, g: Gold) -> bool:
    sp = c.speaker
    if sp is None:
        return False
    if sp.span is not None and lenient([(sp.span.start, sp.span.end)], g.source):
        return True
    gold_text = g.source_text.lower()
    name = sp.name.lower()
    return bool(gold_text) and (name in gold_text or gold_text in name)


def _attributions(claims: list[Claim]) -> list[Claim]:
    """The claims that are attributions in PolNeAR's sense: not unsourced figures, and not quoted fragments that
    sit inside another claim's content (PolNeAR annotates the reported claim and its fragment as one relation)."""
    kept = [c for c in claims if c.kind != "unattributed"]
    outer = [c for c in kept if not c.fragment]
    return [c for c in kept if not (c.fragment and any(
        o.span.start <= c.span.start and c.span.end <= o.span.end for o in outer))]


def _that(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Drop a leading complementiser: PolNeAR's contents start at "that", attrib's after it."""
    start, end = span
    if text[start:start + 5].lower() == "that ":
        start, end = _trimmed(text, start + 5, end)
    return start, end


def _exact(text: str, c: Claim, g: Gold, norm, pred: list[Claim] = ()) -> bool:
    """Same edges after trimming, against the whole content or, for a content in pieces (a quote interrupted by
    its attribution, PolNeAR's Content2), piece by piece: one claim lands on one piece exactly and every other
    piece is also some claim's exact span. A claim on one piece alone is not an exact match of the content."""
    mine = norm(_trimmed(text, c.span.start, c.span.end))
    hull = (min(s for s, _ in g.content), max(e for _, e in g.content))
    if mine == norm(_trimmed(text, *hull)):
        return True
    pieces = [norm(_trimmed(text, s, e)) for s, e in g.content]
    if len(pieces) < 2 or mine not in pieces:
        return False
    spans = {norm(_trimmed(text, p.span.start, p.span.end)) for p in pred}
    return all(piece in spans for piece in pieces)


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(REPO.parent / "shared" / "data" / "polnear-dev"))
    parser.add_argument("--show", type=int, default=0, help="print this many misses and false alarms per kind")
    args = parser.parse_args(argv)
    root = Path(args.path)
    if not (root / "text").is_dir() or not (root / "attributions").is_dir():
        print(f"score_polnear: no PolNeAR data at {root} (expected text/ and attributions/)", file=sys.stderr)
        return 2
    totals = dict(pred=0, gold=0, len_tp=0, ex_tp=0, ex2_tp=0, src_n=0, src_ok=0, vague_n=0, vague_ok=0, articles=0)
    shown_fp, shown_fn = [], []
    started = time.perf_counter()
    for txt in sorted((root / "text").glob("*.txt")):
        ann = root / "attributions" / (txt.stem + ".ann")
        if not ann.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        gold = read_gold(ann)
        pred = _attributions(extract(_article(text, txt.name)))
        totals["articles"] += 1
        totals["pred"] += len(pred)
        totals["gold"] += len(gold)
        matched = _match(pred, gold, lambda c, g: lenient([(c.span.start, c.span.end)], g.content))
        totals["len_tp"] += len(matched)
        for i, j in matched:
            if gold[j].source:
                totals["src_n"] += 1
                totals["src_ok"] += _source_ok(pred[i], gold[j])
        totals["ex_tp"] += len(_match(pred, gold, lambda c, g: _exact(text, c, g, lambda x: x, pred)))
        totals["ex2_tp"] += len(_match(pred, gold, lambda c, g: _exact(text, c, g, lambda x: _that(text, x), pred)))
        # A quote interrupted by its attribution ("“A,” he said, “B.”") is one PolNeAR content in two pieces and
        # two attrib claims: a prediction on another piece of a matched content is not a false alarm.
        used = {i for i, _ in matched}
        for i, c in enumerate(pred):
            if i not in used and any(len(gold[j].content) > 1 and any(
                    lenient([(c.span.start, c.span.end)], [piece]) for piece in gold[j].content) for _, j in matched):
                totals["pred"] -= 1
        vague_hits = {j for i, j in matched if pred[i].vagueness is not None}
        for j, g in enumerate(gold):
            if g.sourceless:
                totals["vague_n"] += 1
                totals["vague_ok"] += j in vague_hits
        if args.show:
            mp, mg = {i for i, _ in matched}, {j for _, j in matched}
            shown_fp += [(txt.name, pred[i].text[:160]) for i in range(len(pred)) if i not in mp]
            shown_fn += [(txt.name, text[g.content[0][0]:g.content[-1][1]][:160]) for j, g in enumerate(gold)
                         if j not in mg]
    elapsed = time.perf_counter() - started
    lp, lr, lf = _prf(totals["len_tp"], totals["pred"], totals["gold"])
    ep, er, ef = _prf(totals["ex_tp"], totals["pred"], totals["gold"])
    tp, tr, tf = _prf(totals["ex2_tp"], totals["pred"], totals["gold"])
    src = totals["src_ok"] / totals["src_n"] if totals["src_n"] else 0.0
    vague = totals["vague_ok"] / totals["vague_n"] if totals["vague_n"] else 0.0
    print(f"articles {totals['articles']}  gold attributions {totals['gold']}  predicted {totals['pred']}  "
          f"({elapsed:.1f}s)")
    print(f"content lenient  P {lp:.3f}  R {lr:.3f}  F1 {lf:.3f}")
    print(f"content exact    P {ep:.3f}  R {er:.3f}  F1 {ef:.3f}")
    print(f"content exact, leading 'that' dropped  P {tp:.3f}  R {tr:.3f}  F1 {tf:.3f}")
    print(f"source accuracy  {src:.3f}  ({totals['src_ok']}/{totals['src_n']} matched attributions with a source)")
    print(f"vague recall     {vague:.3f}  ({totals['vague_ok']}/{totals['vague_n']} source-less attributions)")
    for label, rows in (("FALSE ALARM", shown_fp), ("MISSED", shown_fn)):
        for name, snippet in rows[: args.show]:
            print(f"{label} {name}: {snippet!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
