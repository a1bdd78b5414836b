"""Keeping the candidate index up to date: what changed in the registry (by stat, then sha256), and compaction."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from array import array
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from attrib.index_build import BUCKET_MASK, file_sha, write_documents
from attrib.models import Document, Registry

COMPACT_ROWS = 16 * (BUCKET_MASK + 1)  # posting rows beyond which incremental updates' rows are merged per bucket


@dataclass
class UpdateStats:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    unreachable: dict[str, str] = field(default_factory=dict)
    rebuilt: bool = False


def _context(registry: Registry) -> str:
    """What segmentation depends on besides the bytes: the people and publishers labels resolve to."""
    blob = json.dumps(
        [[p.model_dump(mode="json") for p in registry.people], [p.model_dump(mode="json") for p in registry.publishers]],
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _entries_digest(documents: list[Document], context: str) -> str:
    """A digest of every registry entry's fields, one repr at a time (all of it in C)."""
    fields = "\n".join(map(repr, map(dict.values, map(attrgetter("__dict__"), documents)))).encode()
    return context + ":" + hashlib.blake2b(fields, digest_size=16).hexdigest()


def _entry_key(document: Document, context: str) -> str:
    """The registry entry as indexing saw it (a repr of its fields: cheap enough to compute for every document)."""
    fields = repr(tuple(document.__dict__.items())).encode()
    return context + ":" + hashlib.blake2b(fields, digest_size=8).hexdigest()


def _without(blobs: list[bytes], dead: set[int]) -> bytes:
    """One bucket row's blob of the postings in ``blobs`` (rows of that bucket) not of a ``dead`` document."""
    hashes, postings = array("Q"), array("Q")
    for blob in blobs:
        data = array("Q")
        data.frombytes(blob)
        n = len(data) // 2
        if not dead:
            hashes.extend(data[:n])
            postings.extend(data[n:])
            continue
        for i in range(n):
            if data[i + n] >> 32 not in dead:
                hashes.append(data[i])
                postings.append(data[i + n])
    return hashes.tobytes() + postings.tobytes()


def update_index(db: sqlite3.Connection, index_path: Path, registry: Registry, workers: int | None = None
                 ) -> tuple[UpdateStats, dict[str, int] | None]:
    """Add, replace and drop documents so the index in ``db`` (at ``index_path``) matches the registry; remember
    unreachable ones. Returns the stats, and the live documents (id -> number) when none changed.

    This runs over every document on every check, with the whole registry in memory: it keeps no container
    object per document alive (only strings and ints in a few dicts), since each one it kept would bring the
    garbage collector's full passes over the registry closer (0.4 s of a 100,000-document check)."""
    stats = UpdateStats()
    fresh = db.execute("SELECT value FROM meta WHERE key='fresh'").fetchone() is not None
    stats.rebuilt = fresh
    context = _context(registry)
    # Only what the common case needs (number and stat); the sha and entry of the few changed ones are fetched.
    # Two queries into two dicts, not one into a tuple per row: see the docstring.
    known: dict[str, int] = dict(db.execute("SELECT id, num FROM docs WHERE live=1"))
    stored_stats: dict[str, str] = dict(db.execute("SELECT id, stat FROM docs WHERE live=1"))
    unreachable = {row[0]: row[1:] for row in db.execute("SELECT id, reason, stat, entry FROM unreachable")}
    # One digest of every registry entry: when it is the one stored, no entry changed and the per-document
    # check is down to a stat (this loop runs over every document on every check).
    digest = _entries_digest(registry.documents, context)
    same_entries = db.execute("SELECT value FROM meta WHERE key='entries'").fetchone() == (digest,)
    root = registry.root + os.sep
    cassettes = os.path.join(registry.root, "cassettes") + os.sep  # as attrib.cassette.cassette_path
    stat_of = os.stat
    todo: list[tuple[Document, str | None, str | None, str]] = []  # document, sha, stat, entry
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
        if old is not None and stat is not None and stored_stats[document.id] == stat:
            if same_entries:
                stats.unchanged += 1
                continue
            entry = _entry_key(document, context)
            if entry == _stored(db, old)[1]:
                stats.unchanged += 1
                continue
        entry = entry or _entry_key(document, context)
        sha = file_sha(path) if stat is not None and old is not None else None
        if old is not None and _stored(db, old) == (sha, entry) and sha is not None:
            restat.append((stat, old))
            stats.unchanged += 1
            continue
        gone = unreachable.get(document.id)
        if old is None and gone is not None and gone[1] == (stat or "missing") and gone[2] == entry:
            stats.unreachable[document.id] = gone[0]
            continue
        todo.append((document, sha, stat, entry))
    if todo or len(known) + len(unreachable) > stats.unchanged + len(stats.unreachable):
        # About to change documents: until this update completes, the stored digest no longer vouches for them.
        db.execute("DELETE FROM meta WHERE key='entries'")
        db.commit()
    if restat:
        db.executemany("UPDATE docs SET stat=? WHERE num=?", restat)
    wanted = {d.id for d in registry.documents}
    for doc_id, num in known.items():
        if doc_id not in wanted:
            _retire(db, num)
            stats.deleted.append(doc_id)
    for doc_id in unreachable:
        if doc_id not in wanted:
            db.execute("DELETE FROM unreachable WHERE id=?", (doc_id,))
    if todo:
        _load(db, index_path, registry, todo, known, unreachable, stats, fresh, workers)
    db.execute("INSERT OR REPLACE INTO meta VALUES('entries', ?)", (digest,))
    if fresh:
        db.execute("DELETE FROM meta WHERE key IN ('fresh', 'building')")
    elif (todo or stats.deleted) and _needs_compacting(db):
        _compact(db)
    db.commit()
    if fresh:
        db.execute("PRAGMA journal_mode=DELETE")
    if todo or stats.deleted:
        return stats, None
    return stats, known  # nothing changed: the live documents


def _stored(db: sqlite3.Connection, num: int) -> tuple[str | None, str | None]:
    """The sha256 and registry entry a document was indexed with."""
    row = db.execute("SELECT sha256, entry FROM docs WHERE num=?", (num,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def _load(db, index_path, registry, todo, known, unreachable, stats, fresh, workers) -> None:
    if fresh:
        # A fresh build is only a cache: no journal, no syncing. If it is interrupted, the "building" mark
        # makes the next open start again.
        db.execute("INSERT OR REPLACE INTO meta VALUES('building', '1')")
        db.commit()
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-65536")
    for document, *_rest in todo:
        if document.id in known:  # replaced, or now unreachable: either way the old version goes
            _retire(db, known[document.id])
    # Row numbers are never reused while anything (a dead version's passages) may still name them.
    first = (db.execute("SELECT max(num) FROM docs").fetchone()[0] or 0) + 1
    jobs = [(document, sha, stat, entry, first + i) for i, (document, sha, stat, entry) in enumerate(todo)]
    if workers is None:
        workers = min(os.cpu_count() or 1, 4)
    # Worker processes only for fresh builds: an update's few documents do not pay for starting them.
    reasons = write_documents(db, index_path, registry, jobs, parallel=fresh, workers=workers)
    for document, *_rest in todo:
        doc_id = document.id
        if doc_id in reasons:
            stats.unreachable[doc_id] = reasons[doc_id]
            if doc_id in known:
                stats.deleted.append(doc_id)
            continue
        if doc_id in unreachable:
            db.execute("DELETE FROM unreachable WHERE id=?", (doc_id,))
        (stats.replaced if doc_id in known else stats.added).append(doc_id)


def _retire(db: sqlite3.Connection, num: int) -> None:
    """Mark a document version dead (live=0); its postings stay until the next compaction and are filtered out."""
    db.execute("UPDATE docs SET live=0 WHERE num=?", (num,))
    db.execute("DELETE FROM texts WHERE num=?", (num,))
    db.execute("DELETE FROM speakers WHERE doc=?", (num,))


def _needs_compacting(db: sqlite3.Connection) -> bool:
    """Many dead versions with postings, or many small posting rows left by incremental updates."""
    dead, total = db.execute("SELECT sum(live=0), count(*) FROM docs").fetchone()
    if total and (dead or 0) / total > 0.3:
        return True
    return db.execute("SELECT count(*) FROM post").fetchone()[0] > COMPACT_ROWS


def _compact(db: sqlite3.Connection) -> None:
    """One posting row per bucket, without the dead versions' postings."""
    dead = {num for (num,) in db.execute("SELECT num FROM docs WHERE live=0")}
    # bucket by bucket, so no more than one bucket's postings are in memory
    buckets = [b for (b,) in db.execute("SELECT DISTINCT bucket FROM post")]
    for bucket in buckets:
        blobs = [blob for (blob,) in db.execute("SELECT data FROM post WHERE bucket=?", (bucket,))]
        db.execute("DELETE FROM post WHERE bucket=?", (bucket,))
        merged = _without(blobs, dead)
        if merged:
            db.execute("INSERT INTO post VALUES(?,?)", (bucket, merged))
    # contentless FTS rows cannot be deleted one by one on this SQLite; they are filtered by live documents,
    # so a dead version's row (and number) stays while any of its passages do, marked live=-1: its postings are
    # gone, and it no longer counts towards the next compaction
    if db.execute("SELECT 1 FROM meta WHERE key='passages'").fetchone():
        db.execute("DELETE FROM docs WHERE live=0 AND num NOT IN (SELECT DISTINCT rowid >> 16 FROM passages)")
        db.execute("UPDATE docs SET live=-1 WHERE live=0")
    else:
        db.execute("DELETE FROM docs WHERE live=0")
