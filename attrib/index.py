"""The candidate index: word 3-gram shingles with positions and a rare-word table, in SQLite, kept beside sources.yaml.

Why shingles: a bag-of-words query loses edited quotes as the record grows (see PERFORMANCE.md), so quotes are
looked up by the order-aware 3-grams they share with a document, voted on per (document, diagonal), and only a
small window around the best diagonals goes to the aligner. Reported claims, which reword, fall back to an FTS5
table of passages queried with the claim's rarest words; that match is weak and says so.

The index is a cache: it is updated incrementally (a document whose source bytes changed, by sha256, is replaced;
one gone from the registry is dropped), and rebuilt transparently when missing, corrupt, of an older schema, or
left half-built by an interrupted build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import zlib
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import compress, islice, repeat
from operator import mul, xor
from pathlib import Path

from attrib.errors import DocumentError
from attrib.models import Document, Registry, Segment

SCHEMA_VERSION = 7
WINNOW = 4  # every run of WINNOW + 2 identical words shares at least one stored shingle with the document
COMMON_CAP = 2000  # a shingle in more places than this is boilerplate: dropped at build, ignored at query time
PASSAGE_CHARS = 600  # rare-word passages: about a paragraph, so a hit is local
BATCH = 200  # documents per commit during an incremental update
PARALLEL_FROM = 400  # documents to (re)load before it pays to start worker processes
CHUNK = 16  # documents a worker process takes at a time
# Candidates with fewer than this share of the best candidate's votes are chance 3-grams, not the quote.
VOTE_SHARE = 0.2

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_KEY = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")  # the same, once apostrophes inside words are gone
_TOKEN_MASK = (1 << 43) - 1  # token hashes of 43 bits make shingle hashes of 47, which fit SQLite's 6-byte integers


# --------------------------------------------------------------------------------------------------------------
# Words


def _norm_word(word: str) -> str:
    word = word.replace("’", "").replace("'", "")
    if word[0].isdigit():
        return word.replace(",", "")
    return word


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two; keep one each, so offsets hold
        lowered = "".join(ch.lower()[0] for ch in text)
    return lowered


def words(text: str) -> list[tuple[str, int, int]]:
    """Retrieval words of ``text``: lower-cased, apostrophes dropped, thousands separators removed, with offsets.

    Only for finding candidates; the aligner does the careful comparison on the original strings."""
    return [(_norm_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(_lower(text))]


def word_spans(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Where the first ``limit`` (or all) of ``words(text)`` stand, without normalising them (letters and digits
    are letters and digits in either case, so the words are the same)."""
    found = _WORD.finditer(text)
    return [m.span() for m in (found if limit is None else islice(found, limit))]


# What ``_norm_word`` does word by word, done once over the whole text: apostrophes inside a word go, and
# separators inside a number. ``words`` keeps offsets for the few texts that need them; this is the bulk path.
_IN_WORD_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])")
_IN_NUMBER_COMMA = re.compile(r"(?<=\d),(?=\d)")


def word_keys(text: str) -> list[str]:
    """The same words as ``words`` without offsets (the fast path for building)."""
    lowered = _lower(text)
    if "'" in lowered or "’" in lowered:
        lowered = _IN_WORD_APOSTROPHE.sub("", lowered)
    if "," in lowered:
        lowered = _IN_NUMBER_COMMA.sub("", lowered)
    return _KEY.findall(lowered)


_MARKER = re.compile(r"…|\.\.\.|\[[^\]]*\]")  # elisions and bracketed insertions break a quote into runs


def assured_votes(quote: str) -> int:
    """Votes the quote's own words are sure to get where they stand in a document (faithful elisions allowed):
    winnowing keeps a shingle in every WINNOW consecutive ones, so a run of n words brings (n - 2) // WINNOW."""
    return sum(max(0, len(word_keys(run)) - 2) // WINNOW for run in _MARKER.split(quote))


class _TokenHashes(dict):
    """word -> a stable 43-bit hash (blake2b: Python's own ``hash`` is salted per process), computed once a word."""

    def __missing__(self, word: str) -> int:
        value = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little") & _TOKEN_MASK
        if len(self) < 2_000_000:
            self[word] = value
        return value


_token_hash = _TokenHashes()


def shingle_hashes(keys: list[str]) -> list[int]:
    """One stable 47-bit hash per word 3-gram (position i covers keys[i:i+3])."""
    if len(keys) < 3:
        return []
    # a ^ 3b ^ 9c: order-aware (the multiplications carry), and all of it runs in C through map().
    th = list(map(_token_hash.__getitem__, keys))
    th3 = list(map(mul, th, repeat(3)))
    th9 = list(map(mul, th, repeat(9)))
    return list(map(xor, map(xor, th, th3[1:]), th9[2:]))


def winnow(hashes: list[int], w: int = WINNOW) -> list[int]:
    """Positions of the shingles winnowing keeps: each one the minimum of some window of ``w`` shingles.

    (A position whose hash equals some other window's minimum is kept too: a repeated phrase, and harmless.)"""
    n = len(hashes)
    if n <= w:
        return list(range(n))
    minima = set(map(min, *[hashes[i:] for i in range(w)]))  # min(hashes[j:j+w]) for every window j
    return list(compress(range(n), map(minima.__contains__, hashes)))


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
    return Path(_source(registry.root, document))


def _source(root: str, document: Document) -> str:
    # Plain strings, not Path objects: this runs for every document on every check.
    if document.path:
        return os.path.join(root, document.path)
    return os.path.join(root, "cassettes", f"{document.id}.yaml")  # as attrib.cassette.cassette_path


def _stat_key(path: str | os.PathLike[str]) -> str | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}"


def _file_sha(path: str | os.PathLike[str]) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def _context(registry: Registry) -> str:
    """What segmentation depends on besides the bytes: the people and publishers labels resolve to."""
    blob = json.dumps(
        [[p.model_dump(mode="json") for p in registry.people], [p.model_dump(mode="json") for p in registry.publishers]],
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _entries_digest(documents: list[Document], context: str) -> str:
    fields = repr([tuple(d.__dict__.values()) for d in documents]).encode()
    return context + ":" + hashlib.blake2b(fields, digest_size=16).hexdigest()


def _entry_key(document: Document, context: str) -> str:
    """The registry entry as indexing saw it (a repr of its fields: cheap enough to compute for every document)."""
    fields = repr(tuple(document.__dict__.items())).encode()
    return context + ":" + hashlib.blake2b(fields, digest_size=8).hexdigest()


# --------------------------------------------------------------------------------------------------------------
# Loading and shingling one document (runs in worker processes for big builds)

_worker_registry: Registry | None = None


def _init_worker(registry: Registry) -> None:
    global _worker_registry
    _worker_registry = registry


def _prepare(registry: Registry, document: Document, sha: str | None) -> tuple:
    """Load and shingle one document: ("ok", id, sha, payload…) or ("unreachable", id, reason)."""
    from attrib.documents import load_document

    if sha is None:
        sha = _file_sha(_source(registry.root, document))
    try:
        parsed = load_document(registry, document)
    except DocumentError as error:
        return ("unreachable", document.id, error.message)
    text = parsed.text
    hashes = shingle_hashes(word_keys(text))
    kept = winnow(hashes)
    passages = passages_of(text, parsed.segments)
    speakers = sorted({s.speaker for s in parsed.segments if s.speaker} | set(document.speakers))
    return (
        "ok",
        document.id,
        sha or parsed.sha256,
        zlib.compress(text.encode("utf-8"), 1),  # a smaller file, and the compressing is done in a worker
        json.dumps([s.model_dump(mode="json") for s in parsed.segments]),
        json.dumps(passages),
        speakers,
        array("q", [hashes[i] for i in kept]),
        array("l", kept),
        [text[a:b] for a, b in passages],
    )


def _prepare_in_worker(item: tuple[Document, str | None]) -> tuple:
    assert _worker_registry is not None
    return _prepare(_worker_registry, item[0], item[1])


# --------------------------------------------------------------------------------------------------------------
# The index


_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE docs(num INTEGER PRIMARY KEY, id TEXT NOT NULL, sha256 TEXT, stat TEXT, entry TEXT, live INTEGER);
CREATE TABLE texts(num INTEGER PRIMARY KEY, text BLOB, segments TEXT, passages TEXT);
CREATE INDEX docs_id ON docs(id);
CREATE TABLE speakers(person TEXT, doc INTEGER);
CREATE INDEX speakers_person ON speakers(person);
CREATE TABLE unreachable(id TEXT PRIMARY KEY, reason TEXT, stat TEXT, entry TEXT);
CREATE TABLE shingles.post(h INTEGER, doc INTEGER, pos INTEGER);
CREATE TABLE common(h INTEGER PRIMARY KEY);
CREATE VIRTUAL TABLE passages USING fts5(body, content='', detail=none, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE passage_vocab USING fts5vocab(passages, 'row');
"""


def _shingles_path(path: Path) -> Path:
    return path.with_name(path.stem + "-shingles" + path.suffix)


def default_cache_dir(registry: Registry) -> Path:
    """``.attrib-cache/`` beside the sources.yaml (or ``$ATTRIB_CACHE_DIR``), shared with the registry's cache."""
    return Path(os.environ.get("ATTRIB_CACHE_DIR") or Path(registry.root) / ".attrib-cache")


class Index:
    """The SQLite candidate index of one registry. Open with ``Index.open(registry)``; it is brought up to date."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path)
        # The postings, most of the rows, live in a file of their own beside it: built in one contiguous run,
        # they are sorted for their index without reading the texts and passages interleaved with them.
        self.db.execute("ATTACH DATABASE ? AS shingles", (str(_shingles_path(self.path)),))
        self._docs: dict[str, int] | None = None  # id -> row number
        self._by_num: dict[int, str] | None = None
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
                meta = dict(index.db.execute("SELECT key, value FROM meta"))
                if int(meta.get("schema", -1)) == SCHEMA_VERSION and not meta.get("building"):
                    index.db.execute("SELECT 1 FROM shingles.post LIMIT 1").fetchall()
                    return index
                index.db.close()
            except (sqlite3.DatabaseError, ValueError):
                pass  # corrupt, not a database, or a build that never finished: a cache, so start again
            for file in (path, _shingles_path(path)):
                for suffix in ("", "-journal", "-wal", "-shm"):
                    Path(str(file) + suffix).unlink(missing_ok=True)
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
        # Only what the common case needs (number and stat); the sha and entry of the few changed ones are fetched.
        known = {row[0]: row[1:] for row in db.execute("SELECT id, num, stat FROM docs WHERE live=1")}
        unreachable = {row[0]: row[1:] for row in db.execute("SELECT id, reason, stat, entry FROM unreachable")}
        # One digest of every registry entry: when it is the one stored, no entry changed and the per-document
        # check is down to a stat (this loop runs over every document on every check).
        digest = _entries_digest(registry.documents, context)
        same_entries = db.execute("SELECT value FROM meta WHERE key='entries'").fetchone() == (digest,)
        root = registry.root + os.sep
        cassettes = os.path.join(registry.root, "cassettes") + os.sep  # as attrib.cassette.cassette_path
        stat_of = os.stat
        todo: list[tuple[Document, str | None, str | None]] = []  # document, sha, stat
        restat: list[tuple[str, int]] = []
        for document in registry.documents:
            path = root + document.path if document.path else cassettes + document.id + ".yaml"
            try:
                st = stat_of(path)
                stat = f"{st.st_size}:{st.st_mtime_ns}"
            except OSError:
                stat = None
            old = known.get(document.id)
            entry = None
            if old is not None and stat is not None and old[1] == stat:
                if same_entries:
                    stats.unchanged += 1
                    continue
                entry = _entry_key(document, context)
                if entry == self._stored(old[0])[1]:
                    stats.unchanged += 1
                    continue
            entry = entry or _entry_key(document, context)
            sha = _file_sha(path) if stat is not None and old is not None else None
            if old is not None and self._stored(old[0]) == (sha, entry) and sha is not None:
                restat.append((stat, old[0]))
                stats.unchanged += 1
                continue
            gone = unreachable.get(document.id)
            if old is None and gone is not None and gone[1] == (stat or "missing") and gone[2] == entry:
                stats.unreachable[document.id] = gone[0]
                continue
            todo.append((document, sha, stat))
        if todo or len(known) + len(unreachable) > stats.unchanged + len(stats.unreachable):
            # About to change documents: until this update completes, the stored digest no longer vouches for them.
            db.execute("DELETE FROM meta WHERE key='entries'")
            db.commit()
        if restat:
            db.executemany("UPDATE docs SET stat=? WHERE num=?", restat)
        wanted = {d.id for d in registry.documents}
        for doc_id, (num, *_rest) in known.items():
            if doc_id not in wanted:
                self._retire(num)
                stats.deleted.append(doc_id)
        for doc_id in unreachable:
            if doc_id not in wanted:
                db.execute("DELETE FROM unreachable WHERE id=?", (doc_id,))
        if todo:
            self._load(registry, todo, known, context, stats, fresh, workers)
        db.execute("INSERT OR REPLACE INTO meta VALUES('entries', ?)", (digest,))
        if fresh:
            self._drop_common()
            db.execute("DELETE FROM meta WHERE key IN ('fresh', 'building')")
        elif self._dead_share() > 0.3:
            self._compact()
        db.commit()
        if fresh:
            db.execute("PRAGMA journal_mode=DELETE")
        if todo or stats.deleted:
            self._docs = self._by_num = None
        else:  # nothing changed: what was read above is the list of live documents
            self._docs = {doc_id: row[0] for doc_id, row in known.items()}
            self._by_num = None
        self._doc_cache.clear()
        return stats

    def _stored(self, num: int) -> tuple[str | None, str | None]:
        """The sha256 and registry entry a document was indexed with."""
        row = self.db.execute("SELECT sha256, entry FROM docs WHERE num=?", (num,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def _load(self, registry, todo, known, context, stats, fresh, workers) -> None:
        db = self.db
        shas = {document.id: (sha, stat) for document, sha, stat in todo}
        items = [(document, sha) for document, sha, _stat in todo]
        if fresh:
            # A fresh build is only a cache: no journal, no syncing, the (h) index built once at the end. If it is
            # interrupted, the "building" mark makes the next open start again.
            db.execute("INSERT OR REPLACE INTO meta VALUES('building', '1')")
            db.commit()
            db.execute("PRAGMA journal_mode=OFF")
            for schema in ("main", "shingles"):
                db.execute(f"PRAGMA {schema}.synchronous=OFF")
                db.execute(f"PRAGMA {schema}.cache_size=-65536")
            db.execute("DROP INDEX IF EXISTS post_h")
        pool = None
        if workers is None:
            workers = min(os.cpu_count() or 1, 4)
        if len(items) >= PARALLEL_FROM and workers > 1:
            import multiprocessing

            pool = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn").Pool(
                workers, initializer=_init_worker, initargs=(registry,)
            )
            results = pool.imap(_prepare_in_worker, items, chunksize=CHUNK)
        else:
            results = (_prepare(registry, document, sha) for document, sha in items)
        entries = {document.id: _entry_key(document, context) for document, _sha, _stat in todo}
        # The texts live in a table of their own: the per-check scan of ``docs`` then reads a few bytes a row,
        # not a 5 KB text with each.
        insert_doc = "INSERT INTO docs(id, sha256, stat, entry, live) VALUES(?,?,?,?,1)"
        try:
            count = 0
            for result in results:
                doc_id = result[1]
                _sha, stat = shas[doc_id]
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
                _ok, _id, sha, text, segments, passages, speakers, hashes, positions, passage_texts = result
                if not fresh:
                    db.execute("DELETE FROM unreachable WHERE id=?", (doc_id,))
                if doc_id in known:
                    self._retire(known[doc_id][0])
                    stats.replaced.append(doc_id)
                else:
                    stats.added.append(doc_id)
                num = db.execute(insert_doc, (doc_id, sha, stat, entries[doc_id])).lastrowid
                db.execute("INSERT INTO texts VALUES(?,?,?,?)", (num, text, segments, passages))
                db.executemany("INSERT INTO post VALUES(?,?,?)", zip(hashes, repeat(num), positions))
                db.executemany("INSERT INTO speakers VALUES(?,?)", zip(speakers, repeat(num)))
                base = num << 16
                db.executemany(
                    "INSERT INTO passages(rowid, body) VALUES(?,?)",
                    zip(range(base, base + 65535), passage_texts),
                )
                count += 1
                if count % BATCH == 0 and not fresh:
                    db.commit()
        finally:
            if pool is not None:
                pool.close()
                pool.join()
        db.execute("CREATE INDEX IF NOT EXISTS shingles.post_h ON post(h)")

    def _retire(self, num: int) -> None:
        """Mark a document version dead; its postings stay until the next compaction and are filtered out."""
        self.db.execute("UPDATE docs SET live=0 WHERE num=?", (num,))
        self.db.execute("DELETE FROM texts WHERE num=?", (num,))
        self.db.execute("DELETE FROM speakers WHERE doc=?", (num,))

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
        if db.execute("SELECT 1 FROM common LIMIT 1").fetchone():
            db.execute("DELETE FROM post WHERE h IN (SELECT h FROM common)")

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
            text=zlib.decompress(row[1]).decode("utf-8"),
            segments=[Segment.model_validate(s) for s in json.loads(row[2])],
            passages=[tuple(p) for p in json.loads(row[3])],
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

    def size_bytes(self) -> int:
        return self.path.stat().st_size + _shingles_path(self.path).stat().st_size
