"""The candidate index: word 3-gram shingles with positions and a rare-word table, in SQLite, kept beside sources.yaml.

Why shingles: a bag-of-words query loses edited quotes as the record grows (see PERFORMANCE.md), so quotes are
looked up by the order-aware 3-grams they share with a document, voted on per (document, diagonal), and only a
small window around the best diagonals goes to the aligner. Reported claims, which reword, fall back to an FTS5
table of passages queried with the claim's rarest words; that match is weak and says so. That table is built on
first use, not by a fresh build: many checks never need it, and it would cost a fifth of the build's time.

The index is a cache: it is updated incrementally (a document whose source bytes changed, by sha256, is replaced;
one gone from the registry is dropped), and rebuilt transparently when missing, corrupt, of an older schema, or
left half-built by an interrupted build. Deciding what changed is ``attrib.index_update``'s part; writing
documents into it, ``attrib.index_build``'s.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from attrib.index_build import BUCKET_MASK, TABLES, fts_table, passage_rows
from attrib.index_update import UpdateStats, update_index
from attrib.models import Registry, Segment
from attrib.shingles import shingle_hashes, word_keys, word_spans, words

SCHEMA_VERSION = 10
COMMON_CAP = 2000  # a shingle in more places than this is boilerplate: ignored at query time
# Candidates with fewer than this share of the best candidate's votes are chance 3-grams, not the quote.
VOTE_SHARE = 0.2


@dataclass(frozen=True)
class IndexedDocument:
    """A document's text and segments as indexed (the text exactly as the documents stage produced it).

    Segments and passages are parsed on first use: finding candidates needs only the text, and validating the
    segments of every candidate document was most of a big record's query time."""

    id: str
    sha256: str
    text: str
    segments_json: str = field(repr=False)
    passages_json: str = field(repr=False)

    @cached_property
    def segments(self) -> list[Segment]:
        return [Segment.model_validate(s) for s in json.loads(self.segments_json)]

    @cached_property
    def passages(self) -> list[tuple[int, int]]:
        return [tuple(p) for p in json.loads(self.passages_json)]

    def segment_at(self, start: int, end: int) -> Segment | None:
        """The segment holding most of ``[start, end)``."""
        best, overlap = None, 0
        for seg in self.segments:
            o = min(end, seg.end) - max(start, seg.start)
            if o > overlap:
                best, overlap = seg, o
        return best


@dataclass(frozen=True)
class Candidate:
    """A window of a document worth aligning: ``[start, end)`` in its text; ``weak`` for rare-word hits."""

    document_id: str
    start: int
    end: int
    votes: int
    weak: bool = False


# --------------------------------------------------------------------------------------------------------------
# The index


_SCHEMA = TABLES + """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE INDEX docs_id ON docs(id);
CREATE INDEX speakers_person ON speakers(person);
CREATE INDEX post_bucket ON post(bucket);
"""
_LEGACY = ("-shingles",)  # files of older layouts beside the index, removed when it is rebuilt


def default_cache_dir(registry: Registry) -> Path:
    """``.attrib-cache/`` beside the sources.yaml (or ``$ATTRIB_CACHE_DIR``), shared with the registry's cache."""
    return Path(os.environ.get("ATTRIB_CACHE_DIR") or Path(registry.root) / ".attrib-cache")


def _writable(folder: Path, registry: Registry) -> Path:
    """``folder``, created; or, where it cannot be written (a read-only checkout), a folder of the system's
    temporary directory named after the registry, so checking still works and later runs still reuse the index."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.touch()
        probe.unlink()
        return folder
    except OSError:
        import hashlib
        import tempfile

        key = hashlib.sha256(str(Path(registry.root).resolve()).encode("utf-8")).hexdigest()[:16]
        fallback = Path(tempfile.gettempdir()) / f"attrib-cache-{key}"
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


class Index:
    """The SQLite candidate index of one registry. Open with ``Index.open(registry)``; it is brought up to date."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path)
        self._docs: dict[str, int] | None = None  # id -> row number
        self._by_num: dict[int, str] | None = None
        self._doc_cache: dict[str, IndexedDocument] = {}

    # ---- opening, creating, rebuilding

    @classmethod
    def open(cls, registry: Registry, cache_dir: str | os.PathLike[str] | None = None, *, update: bool = True) -> Index:
        """Open (creating or rebuilding as needed) the index in ``cache_dir`` and bring it up to date."""
        folder = _writable(Path(cache_dir) if cache_dir else default_cache_dir(registry), registry)
        path = folder / "index.sqlite"
        index = cls._open_checked(path)
        if update:
            index.update(registry)
        return index

    @classmethod
    def _open_checked(cls, path: Path) -> Index:
        if path.exists():
            try:
                index = cls(path)
                meta = dict(index.db.execute("SELECT key, value FROM meta"))
                if (int(meta.get("schema", -1)) == SCHEMA_VERSION and meta.get("byteorder") == sys.byteorder
                        and not meta.get("building")):
                    index.db.execute("SELECT 1 FROM post LIMIT 1").fetchall()
                    return index
                index.db.close()
            except (sqlite3.DatabaseError, ValueError):
                pass  # corrupt, not a database, or a build that never finished: a cache, so start again
            for file in (path, *(path.with_name(path.stem + extra + path.suffix) for extra in _LEGACY)):
                for suffix in ("", "-journal", "-wal", "-shm"):
                    Path(str(file) + suffix).unlink(missing_ok=True)
            for shard in path.parent.glob(f"{path.stem}-part*{path.suffix}"):  # of a build that was killed
                shard.unlink(missing_ok=True)
        index = cls(path)
        index.db.executescript(_SCHEMA)
        index.db.execute("INSERT INTO meta VALUES('schema', ?)", (str(SCHEMA_VERSION),))
        index.db.execute("INSERT INTO meta VALUES('byteorder', ?)", (sys.byteorder,))  # postings are native arrays
        index.db.execute("INSERT INTO meta VALUES('fresh', '1')")
        index.db.commit()
        return index

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- keeping up to date

    def update(self, registry: Registry, *, workers: int | None = None) -> UpdateStats:
        """Add, replace and drop documents so the index matches the registry; remember unreachable ones."""
        stats, live = update_index(self.db, self.path, registry, workers)
        self._docs, self._by_num = live, None
        self._doc_cache.clear()
        return stats

    # ---- reading

    @property
    def documents(self) -> dict[str, int]:
        """Live documents: id -> row number."""
        if self._docs is None:
            self._docs = dict(self.db.execute("SELECT id, num FROM docs WHERE live=1"))
        return self._docs

    @property
    def _numbers(self) -> dict[int, str]:
        if self._by_num is None:
            self._by_num = {num: doc_id for doc_id, num in self.documents.items()}
        return self._by_num

    def unreachable(self) -> dict[str, str]:
        """Documents that could not be loaded, with the reason (e.g. "not recorded (run …)")."""
        return dict(self.db.execute("SELECT id, reason FROM unreachable"))

    def documents_of(self, people: list[str] | set[str]) -> dict[str, set[str]]:
        """Live documents in which any of ``people`` speaks: document id -> those of them who do."""
        out: dict[str, set[str]] = defaultdict(set)
        people = sorted(people)
        for start in range(0, len(people), 500):
            chunk = people[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for doc_id, person in self.db.execute(
                f"SELECT docs.id, speakers.person FROM speakers JOIN docs ON docs.num = speakers.doc "
                f"WHERE speakers.person IN ({marks}) AND docs.live=1",
                chunk,
            ):
                out[doc_id].add(person)
        return dict(out)

    def document(self, doc_id: str) -> IndexedDocument | None:
        cached = self._doc_cache.get(doc_id)
        if cached is not None:
            return cached
        row = self.db.execute(
            "SELECT sha256, text, segments, passages FROM docs JOIN texts USING(num) WHERE id=? AND live=1", (doc_id,)
        ).fetchone()
        if row is None:
            return None
        doc = IndexedDocument(
            id=doc_id,
            sha256=row[0],
            text=row[1],
            segments_json=row[2],
            passages_json=row[3],
        )
        self._doc_cache[doc_id] = doc
        return doc

    def candidates(self, text: str, documents: set[str] | None = None, limit: int = 8, pad: int = 6) -> list[Candidate]:
        """Windows of documents sharing word 3-grams with ``text`` in order, best first.

        Votes are counted per (document, diagonal) — a diagonal is document position minus quote position — and
        nearby diagonals merge, so a quote with an elision or a few changed words still lands in one window.
        Windows with only a small share of the best window's votes (chance 3-grams) are left out."""
        keys = word_keys(text)
        hashes = shingle_hashes(keys)
        if not hashes:
            return []
        nums = self.documents
        by_num = self._numbers
        allowed = None if documents is None else {nums[d] for d in documents if d in nums}
        query_pos: dict[int, list[int]] = defaultdict(list)
        for i, h in enumerate(hashes):
            query_pos[h].append(i)
        hits: dict[int, list[tuple[int, int, int]]] = defaultdict(list)  # doc -> (diagonal, doc pos, query pos)
        for h, postings in self._postings(list(query_pos)).items():
            for posting in postings:
                doc, pos = posting >> 32, posting & 0xFFFFFFFF
                if doc not in by_num or (allowed is not None and doc not in allowed):
                    continue
                for i in query_pos[h]:
                    hits[doc].append((pos - i, pos, i))
        n = len(keys)
        spread = max(12, n // 2)
        found: list[tuple[int, int, int, int]] = []  # votes, doc, first pos, last pos
        for doc, entries in hits.items():
            entries.sort()
            cluster: list[tuple[int, int, int]] = []
            for entry in entries + [(None, 0, 0)]:
                if entry[0] is not None and cluster and entry[0] - cluster[0][0] <= spread:
                    cluster.append(entry)
                    continue
                if cluster:
                    votes = len({q for _d, _p, q in cluster})
                    lo = min(p - q for _d, p, q in cluster)
                    hi = max(p + (n - q) for _d, p, q in cluster)
                    found.append((votes, doc, lo, hi))
                cluster = [entry] if entry[0] is not None else []
        found.sort(key=lambda f: (-f[0], f[1], f[2]))  # ties by document and place: not by storage order
        floor = found[0][0] * VOTE_SHARE if found else 0
        out: list[Candidate] = []
        for votes, doc, lo, hi in found[:limit]:
            if votes < floor:
                break
            doc_id = by_num[doc]
            indexed = self.document(doc_id)
            if indexed is None:
                continue
            spans = word_spans(indexed.text, max(0, hi + pad))
            if not spans:
                continue
            a = spans[max(0, min(lo - pad, len(spans) - 1))][0]
            b = spans[-1][1]
            out.append(Candidate(doc_id, a, b, votes))
        return out

    def _postings(self, hashes: list[int]) -> dict[int, list[int]]:
        """hash -> its postings, (document number << 32) | position, from the bucket rows the hashes fall in;
        boilerplate hashes (in more than COMMON_CAP places) are left out before their postings are read."""
        wanted: dict[int, list[int]] = defaultdict(list)
        for h in hashes:
            wanted[h & BUCKET_MASK].append(h)
        buckets = list(wanted)
        rows: dict[int, list[bytes]] = defaultdict(list)
        for start in range(0, len(buckets), 500):
            chunk = buckets[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for bucket, blob in self.db.execute(f"SELECT bucket, data FROM post WHERE bucket IN ({marks})", chunk):
                rows[bucket].append(blob)
        out: dict[int, list[int]] = {}
        for bucket, blobs in rows.items():
            for h in wanted[bucket]:
                # bytes.find and count are C substring searches over the hashes half of each row (n hashes of 8
                # bytes, then their n postings); array.index would box every element it passes
                key = h.to_bytes(8, sys.byteorder)
                if sum(blob.count(key, 0, len(blob) // 2) for blob in blobs) > COMMON_CAP:
                    continue
                found = out[h] = []
                for blob in blobs:
                    n = len(blob) // 2
                    at = blob.find(key, 0, n)
                    while at >= 0:
                        if not at & 7:
                            found.append(int.from_bytes(blob[n + at : n + at + 8], sys.byteorder))
                        at = blob.find(key, at + 1, n)
        return out

    def rare_word_candidates(
        self, text: str, documents: set[str] | None = None, limit: int = 8, terms: int = 6
    ) -> list[Candidate]:
        """Passages holding the claim's rarest words (FTS5, bm25): a weak, order-blind fallback for reported claims."""
        vocab = sorted({w for w, _a, _b in words(text) if len(w) > 3 and not w.isdigit()} | {
            w for w, _a, _b in words(text) if w.isdigit()
        })
        if not vocab:
            return []
        self.ensure_passages()
        marks = ",".join("?" * len(vocab))
        freq = dict(self.db.execute(f"SELECT term, doc FROM passage_vocab WHERE term IN ({marks})", vocab))
        present = sorted((f, w) for w, f in freq.items() if f > 0)
        if not present:
            return []
        chosen = [w for _f, w in present[:terms]]
        query = " OR ".join('"' + w.replace('"', "") + '"' for w in chosen)
        by_num = self._numbers
        out: list[Candidate] = []
        for (rowid,) in self.db.execute(
            "SELECT rowid FROM passages WHERE passages MATCH ? ORDER BY rank LIMIT ?", (query, limit * 20)
        ):
            doc_id = by_num.get(rowid >> 16)
            if doc_id is None or (documents is not None and doc_id not in documents):
                continue
            indexed = self.document(doc_id)
            if indexed is None or (rowid & 0xFFFF) >= len(indexed.passages):
                continue
            a, b = indexed.passages[rowid & 0xFFFF]
            out.append(Candidate(doc_id, a, b, 0, weak=True))
            if len(out) >= limit:
                break
        return out

    def ensure_passages(self) -> None:
        """Build the rare-word table from the stored texts, once; updates keep it current from then on."""
        db = self.db
        if db.execute("SELECT 1 FROM meta WHERE key='passages'").fetchone():
            return
        db.execute(fts_table("passages"))
        db.execute("CREATE VIRTUAL TABLE passage_vocab USING fts5vocab(passages, 'row')")
        # streamed: the texts of a big record do not fit in memory at once
        rows = db.cursor().execute("SELECT num, text, passages FROM texts JOIN docs USING(num) WHERE live=1")
        db.executemany(
            "INSERT INTO passages(rowid, body) VALUES(?,?)",
            (row for num, text, passages in rows for row in passage_rows(num, text, json.loads(passages))),
        )
        db.execute("INSERT INTO meta VALUES('passages', '1')")
        db.commit()

    def size_bytes(self) -> int:
        return self.path.stat().st_size
