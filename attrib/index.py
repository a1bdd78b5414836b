"""The candidate index: word 3-gram shingles with positions and a rare-word table, in SQLite, kept beside sources.yaml.

Why shingles: a bag-of-words query loses edited quotes as the record grows (see PERFORMANCE.md), so quotes are
looked up by the order-aware 3-grams they share with a document, voted on per (document, diagonal), and only a
small window around the best diagonals goes to the aligner. Reported claims, which reword, fall back to an FTS5
table of passages queried with the claim's rarest words; that match is weak and says so.

The index is a cache: it is updated incrementally (a document whose source bytes changed, by sha256, is replaced;
one gone from the registry is dropped), and rebuilt transparently when missing, corrupt or of an older schema.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import unicodedata
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from attrib.errors import DocumentError
from attrib.models import Document, Registry, Segment

SCHEMA_VERSION = 3
WINNOW = 4  # every run of WINNOW + 2 identical words shares at least one stored shingle with the document
COMMON_CAP = 2000  # a shingle in more places than this is boilerplate: dropped at build, ignored at query time
PASSAGE_CHARS = 600  # rare-word passages: about a paragraph, so a hit is local
BATCH = 200  # documents per insert transaction slice
PARALLEL_FROM = 400  # documents to (re)load before it pays to start worker processes

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*")
_MASK = (1 << 47) - 1  # 47-bit hashes fit SQLite's 6-byte integers
_MULT = 0x9E3779B97F4A7C15


# --------------------------------------------------------------------------------------------------------------
# Words


def _norm_word(word: str) -> str:
    word = word.replace("’", "").replace("'", "")
    if word[0].isdigit():
        return word.replace(",", "")
    return word


def words(text: str) -> list[tuple[str, int, int]]:
    """Retrieval words of ``text``: lower-cased, apostrophes dropped, thousands separators removed, with offsets.

    Only for finding candidates; the aligner does the careful comparison on the original strings."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two; keep offsets honest
        lowered = "".join(ch.lower()[0] for ch in text)
    return [(_norm_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(lowered)]


def word_keys(text: str) -> list[str]:
    """The same words as ``words`` without offsets (the fast path for building)."""
    return [_norm_word(w) for w in _WORD.findall(text.lower())]


_token_hash_cache: dict[str, int] = {}


def _token_hash(word: str) -> int:
    value = _token_hash_cache.get(word)
    if value is None:
        value = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
        if len(_token_hash_cache) < 2_000_000:
            _token_hash_cache[word] = value
    return value


def shingle_hashes(keys: list[str]) -> list[int]:
    """One stable 47-bit hash per word 3-gram (position i covers keys[i:i+3])."""
    if len(keys) < 3:
        return []
    th = [_token_hash(k) for k in keys]
    return [((a * 3 + b) * 7 + c) * _MULT & _MASK for a, b, c in zip(th, th[1:], th[2:])]


def winnow(hashes: list[int], w: int = WINNOW) -> list[int]:
    """Positions of the shingles winnowing keeps: each one the minimum of some window of ``w`` shingles."""
    n = len(hashes)
    if n <= w:
        return list(range(n))
    shifted = [hashes[i:] for i in range(w)]
    mins = list(map(min, *shifted))  # mins[j] = min(hashes[j:j+w])
    pad = [-1] * (w - 1)
    padded = pad + mins + pad
    best = list(map(max, *[padded[i:] for i in range(w)]))  # largest window-minimum among windows covering i
    return [i for i, (h, m) in enumerate(zip(hashes, best)) if h == m]


# --------------------------------------------------------------------------------------------------------------
# Documents as the index holds them


@dataclass(frozen=True)
class IndexedDocument:
    """A document's text and segments as indexed (the text exactly as the documents stage produced it)."""

    id: str
    sha256: str
    text: str
    segments: list[Segment]
    passages: list[tuple[int, int]]

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


@dataclass
class UpdateStats:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    unreachable: dict[str, str] = field(default_factory=dict)
    rebuilt: bool = False


def passages_of(text: str, segments: list[Segment]) -> list[tuple[int, int]]:
    """Split each segment into passages of about PASSAGE_CHARS, cut after a sentence end or at a space."""
    out: list[tuple[int, int]] = []
    spans = [(s.start, s.end) for s in segments] or [(0, len(text))]
    for start, end in spans:
        while start < end:
            while start < end and text[start].isspace():
                start += 1
            if start >= end:
                break
            if end - start <= PASSAGE_CHARS * 1.5:
                out.append((start, end))
                break
            cut = -1
            for mark in (". ", "? ", "! ", "\n"):
                cut = max(cut, text.rfind(mark, start + PASSAGE_CHARS // 2, start + PASSAGE_CHARS))
            if cut < 0:
                cut = text.rfind(" ", start + PASSAGE_CHARS // 2, start + PASSAGE_CHARS)
            cut = cut + 1 if cut >= 0 else start + PASSAGE_CHARS
            out.append((start, cut))
            start = cut
    return out


# --------------------------------------------------------------------------------------------------------------
# Where a document's bytes live, and how to tell they changed


def source_path(registry: Registry, document: Document) -> Path:
    if document.path:
        return Path(registry.root) / document.path
    from attrib.cassette import cassette_path

    return cassette_path(registry.root, document.id)


def _stat_key(path: Path) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}"


def _file_sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _context(registry: Registry) -> str:
    """What segmentation depends on besides the bytes: the people and publishers labels resolve to."""
    blob = json.dumps(
        [[p.model_dump(mode="json") for p in registry.people], [p.model_dump(mode="json") for p in registry.publishers]],
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _entry_key(document: Document, context: str) -> str:
    return context + ":" + hashlib.sha256(document.model_dump_json().encode()).hexdigest()[:16]


# --------------------------------------------------------------------------------------------------------------
# Loading and shingling one document (runs in worker processes for big builds)

_worker_registry: Registry | None = None


def _init_worker(registry: Registry) -> None:
    global _worker_registry
    _worker_registry = registry


def _prepare(registry: Registry, document: Document, sha: str | None) -> tuple:
    """Load and shingle one document: ("ok", id, sha, payload…) or ("unreachable", id, reason)."""
    from attrib.documents import load_document

    try:
        parsed = load_document(registry, document)
    except DocumentError as error:
        return ("unreachable", document.id, error.message)
    text = parsed.text
    hashes = shingle_hashes(word_keys(text))
    kept = winnow(hashes)
    postings = [(hashes[i], i) for i in kept]
    passages = passages_of(text, parsed.segments)
    speakers = sorted({s.speaker for s in parsed.segments if s.speaker})
    return (
        "ok",
        document.id,
        sha or parsed.sha256,
        zlib.compress(text.encode("utf-8"), 1),
        json.dumps([s.model_dump(mode="json") for s in parsed.segments]),
        json.dumps(passages),
        json.dumps(speakers),
        postings,
        [text[a:b] for a, b in passages],
    )


def _prepare_in_worker(item: tuple[Document, str | None]) -> tuple:
    assert _worker_registry is not None
    return _prepare(_worker_registry, item[0], item[1])


# --------------------------------------------------------------------------------------------------------------
# The index


_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE docs(num INTEGER PRIMARY KEY, id TEXT NOT NULL, sha256 TEXT, stat TEXT, entry TEXT, live INTEGER,
                  text BLOB, segments TEXT, passages TEXT, speakers TEXT);
CREATE INDEX docs_id ON docs(id);
CREATE TABLE unreachable(id TEXT PRIMARY KEY, reason TEXT, stat TEXT, entry TEXT);
CREATE TABLE post(h INTEGER, doc INTEGER, pos INTEGER);
CREATE TABLE common(h INTEGER PRIMARY KEY);
CREATE VIRTUAL TABLE passages USING fts5(body, content='', detail=none, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE passage_vocab USING fts5vocab(passages, 'row');
"""


def default_cache_dir(registry: Registry) -> Path:
    """``.attrib-cache/`` beside the sources.yaml (or ``$ATTRIB_CACHE_DIR``), shared with the registry's cache."""
    return Path(os.environ.get("ATTRIB_CACHE_DIR") or Path(registry.root) / ".attrib-cache")


class Index:
    """The SQLite candidate index of one registry. Open with ``Index.open(registry)``; it is brought up to date."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path)
        self._docs: dict[str, tuple[int, str]] | None = None  # id -> (num, sha)
        self._doc_cache: dict[str, IndexedDocument] = {}

    # ---- opening, creating, rebuilding

    @classmethod
    def open(cls, registry: Registry, cache_dir: str | os.PathLike[str] | None = None, *, update: bool = True) -> Index:
        """Open (creating or rebuilding as needed) the index in ``cache_dir`` and bring it up to date."""
        folder = Path(cache_dir) if cache_dir else default_cache_dir(registry)
        folder.mkdir(parents=True, exist_ok=True)
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
                row = index.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if row and int(row[0]) == SCHEMA_VERSION:
                    index.db.execute("SELECT count(*) FROM docs").fetchone()
                    return index
                index.db.close()
            except sqlite3.DatabaseError:
                pass  # corrupt or not a database: a cache, so start again
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        index = cls(path)
        index.db.executescript(_SCHEMA)
        index.db.execute("INSERT INTO meta VALUES('schema', ?)", (str(SCHEMA_VERSION),))
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
        stats = UpdateStats()
        db = self.db
        fresh = db.execute("SELECT value FROM meta WHERE key='fresh'").fetchone() is not None
        stats.rebuilt = fresh
        context = _context(registry)
        known = {
            row[0]: (row[1], row[2], row[3], row[4])
            for row in db.execute("SELECT id, num, sha256, stat, entry FROM docs WHERE live=1")
        }
        unreachable = {row[0]: (row[1], row[2], row[3]) for row in db.execute("SELECT id, reason, stat, entry FROM unreachable")}
        wanted = {d.id for d in registry.documents}
        todo: list[tuple[Document, str | None, str | None]] = []  # document, sha, stat
        for document in registry.documents:
            path = source_path(registry, document)
            stat = _stat_key(path)
            entry = _entry_key(document, context)
            old = known.get(document.id)
            if old is not None and old[3] == entry and stat is not None and old[2] == stat:
                stats.unchanged += 1
                continue
            sha = _file_sha(path) if stat is not None else None
            if old is not None and old[3] == entry and sha is not None and sha == old[1]:
                db.execute("UPDATE docs SET stat=? WHERE num=?", (stat, old[0]))
                stats.unchanged += 1
                continue
            gone = unreachable.get(document.id)
            if old is None and gone is not None and gone[1] == (stat or "missing") and gone[2] == entry:
                stats.unreachable[document.id] = gone[0]
                continue
            todo.append((document, sha, stat))
        for doc_id, (num, *_rest) in known.items():
            if doc_id not in wanted:
                self._retire(num)
                stats.deleted.append(doc_id)
        for doc_id in unreachable:
            if doc_id not in wanted:
                db.execute("DELETE FROM unreachable WHERE id=?", (doc_id,))
        if todo:
            self._load(registry, todo, known, context, stats, fresh, workers)
        if fresh:
            self._drop_common()
            db.execute("DELETE FROM meta WHERE key='fresh'")
        elif self._dead_share() > 0.3:
            self._compact()
        db.commit()
        self._docs = None
        self._doc_cache.clear()
        return stats

    def _load(self, registry, todo, known, context, stats, fresh, workers) -> None:
        db = self.db
        shas = {document.id: (sha, stat) for document, sha, stat in todo}
        items = [(document, sha) for document, sha, _stat in todo]
        if fresh:
            db.execute("DROP INDEX IF EXISTS post_h")  # bulk load first, index once at the end
        pool = None
        if workers is None:
            workers = min(os.cpu_count() or 1, 4)
        if len(items) >= PARALLEL_FROM and workers > 1:
            import multiprocessing

            pool = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn").Pool(
                workers, initializer=_init_worker, initargs=(registry,)
            )
            results = pool.imap(_prepare_in_worker, items, chunksize=32)
        else:
            results = (_prepare(registry, document, sha) for document, sha in items)
        entries = {document.id: _entry_key(document, context) for document, _sha, _stat in todo}
        try:
            count = 0
            for result in results:
                doc_id = result[1]
                sha, stat = shas[doc_id]
                if result[0] == "unreachable":
                    db.execute(
                        "INSERT OR REPLACE INTO unreachable VALUES(?,?,?,?)",
                        (doc_id, result[2], stat or "missing", entries[doc_id]),
                    )
                    stats.unreachable[doc_id] = result[2]
                    if doc_id in known:
                        self._retire(known[doc_id][0])
                        stats.deleted.append(doc_id)
                    continue
                _ok, _id, sha, text, segments, passages, speakers, postings, passage_texts = result
                db.execute("DELETE FROM unreachable WHERE id=?", (doc_id,))
                if doc_id in known:
                    self._retire(known[doc_id][0])
                    stats.replaced.append(doc_id)
                else:
                    stats.added.append(doc_id)
                cur = db.execute(
                    "INSERT INTO docs(id, sha256, stat, entry, live, text, segments, passages, speakers) "
                    "VALUES(?,?,?,?,1,?,?,?,?)",
                    (doc_id, sha, stat, entries[doc_id], text, segments, passages, speakers),
                )
                num = cur.lastrowid
                db.executemany("INSERT INTO post VALUES(?,?,?)", [(h, num, pos) for h, pos in postings])
                base = num << 16
                db.executemany(
                    "INSERT INTO passages(rowid, body) VALUES(?,?)",
                    [(base + i, body) for i, body in enumerate(passage_texts[:65535])],
                )
                count += 1
                if count % BATCH == 0 and not fresh:
                    db.commit()
        finally:
            if pool is not None:
                pool.close()
                pool.join()
        db.execute("CREATE INDEX IF NOT EXISTS post_h ON post(h)")

    def _retire(self, num: int) -> None:
        """Mark a document version dead; its postings stay until the next compaction and are filtered out."""
        self.db.execute("UPDATE docs SET live=0, text=NULL, segments=NULL WHERE num=?", (num,))

    def _dead_share(self) -> float:
        dead, total = self.db.execute("SELECT sum(live=0), count(*) FROM docs").fetchone()
        return (dead or 0) / total if total else 0.0

    def _compact(self) -> None:
        db = self.db
        db.execute("DELETE FROM post WHERE doc IN (SELECT num FROM docs WHERE live=0)")
        # contentless FTS rows cannot be deleted one by one on this SQLite; they are filtered by live documents
        db.execute("DELETE FROM docs WHERE live=0 AND num NOT IN (SELECT DISTINCT rowid >> 16 FROM passages)")

    def _drop_common(self) -> None:
        db = self.db
        db.execute(
            "INSERT OR IGNORE INTO common SELECT h FROM post GROUP BY h HAVING count(*) > ?", (COMMON_CAP,)
        )
        db.execute("DELETE FROM post WHERE h IN (SELECT h FROM common)")

    # ---- reading

    @property
    def documents(self) -> dict[str, tuple[int, str]]:
        if self._docs is None:
            self._docs = {row[0]: (row[1], row[2]) for row in self.db.execute("SELECT id, num, sha256 FROM docs WHERE live=1")}
        return self._docs

    def unreachable(self) -> dict[str, str]:
        """Documents that could not be loaded, with the reason (e.g. "not recorded (run …)")."""
        return dict(self.db.execute("SELECT id, reason FROM unreachable"))

    def speakers(self) -> dict[str, set[str]]:
        """Registry person ids with segments in each live document."""
        return {
            row[0]: set(json.loads(row[1] or "[]"))
            for row in self.db.execute("SELECT id, speakers FROM docs WHERE live=1")
        }

    def document(self, doc_id: str) -> IndexedDocument | None:
        cached = self._doc_cache.get(doc_id)
        if cached is not None:
            return cached
        row = self.db.execute(
            "SELECT sha256, text, segments, passages FROM docs WHERE id=? AND live=1", (doc_id,)
        ).fetchone()
        if row is None:
            return None
        doc = IndexedDocument(
            id=doc_id,
            sha256=row[0],
            text=zlib.decompress(row[1]).decode("utf-8"),
            segments=[Segment.model_validate(s) for s in json.loads(row[2])],
            passages=[tuple(p) for p in json.loads(row[3])],
        )
        self._doc_cache[doc_id] = doc
        return doc

    def candidates(self, text: str, documents: set[str] | None = None, limit: int = 8, pad: int = 6) -> list[Candidate]:
        """Windows of documents sharing word 3-grams with ``text`` in order, best first.

        Votes are counted per (document, diagonal) — a diagonal is document position minus quote position — and
        nearby diagonals merge, so a quote with an elision or a few changed words still lands in one window."""
        keys = word_keys(text)
        hashes = shingle_hashes(keys)
        if not hashes:
            return []
        nums = self.documents
        by_num = {num: doc_id for doc_id, (num, _sha) in nums.items()}
        allowed = None if documents is None else {nums[d][0] for d in documents if d in nums}
        query_pos: dict[int, list[int]] = defaultdict(list)
        for i, h in enumerate(hashes):
            query_pos[h].append(i)
        unique = list(query_pos)
        hits: dict[int, list[tuple[int, int, int]]] = defaultdict(list)  # doc -> (diagonal, doc pos, query pos)
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            counts: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for h, doc, pos in self.db.execute(f"SELECT h, doc, pos FROM post WHERE h IN ({marks})", chunk):
                counts[h].append((doc, pos))
            for h, postings in counts.items():
                if len(postings) > COMMON_CAP:
                    continue
                for doc, pos in postings:
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
        found.sort(key=lambda f: -f[0])
        out: list[Candidate] = []
        for votes, doc, lo, hi in found[:limit]:
            doc_id = by_num[doc]
            indexed = self.document(doc_id)
            if indexed is None:
                continue
            toks = words(indexed.text)
            if not toks:
                continue
            a = toks[max(0, min(lo - pad, len(toks) - 1))][1]
            b = toks[max(0, min(hi + pad, len(toks)) - 1)][2]
            out.append(Candidate(doc_id, a, b, votes))
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
        marks = ",".join("?" * len(vocab))
        freq = dict(self.db.execute(f"SELECT term, doc FROM passage_vocab WHERE term IN ({marks})", vocab))
        present = sorted((f, w) for w, f in freq.items() if f > 0)
        if not present:
            return []
        chosen = [w for _f, w in present[:terms]]
        query = " OR ".join('"' + w.replace('"', "") + '"' for w in chosen)
        nums = self.documents
        by_num = {num: doc_id for doc_id, (num, _sha) in nums.items()}
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

    def size_bytes(self) -> int:
        return self.path.stat().st_size
