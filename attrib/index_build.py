"""Writing documents into the candidate index: loading and shingling them, in worker processes for big builds."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sqlite3
from array import array
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from attrib.errors import DocumentError
from attrib.models import Document, Registry, Segment
from attrib.shingles import shingle_hashes, winnow, word_keys

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

PASSAGE_CHARS = 600  # rare-word passages: about a paragraph, so a hit is local
PARALLEL_FROM = 400  # documents to load in a fresh build before it pays to start worker processes
CHUNK = 32  # documents a writer takes at a time
# Postings are stored as blobs, one row per hash bucket per writer flush: a few rows per bucket instead of a row
# (and an index entry) per posting, which is what made the single SQLite writer the bottleneck of a build.
BUCKET_BITS = 12
BUCKET_MASK = (1 << BUCKET_BITS) - 1
FLUSH_POSTINGS = 4_000_000  # postings (16 bytes each) a writer holds before writing its bucket rows

# A bucket row's blob is one array('Q'): the n hashes of its postings, then their n (document << 32) | position.
TABLES = """
CREATE TABLE docs(num INTEGER PRIMARY KEY, id TEXT NOT NULL, sha256 TEXT, stat TEXT, entry TEXT, live INTEGER);
CREATE TABLE texts(num INTEGER PRIMARY KEY, text TEXT, segments TEXT, passages TEXT);
CREATE TABLE speakers(person TEXT, doc INTEGER);
CREATE TABLE unreachable(id TEXT PRIMARY KEY, reason TEXT, stat TEXT, entry TEXT);
CREATE TABLE post(bucket INTEGER, data BLOB);
"""

# A job: the document, the sha256 of its source bytes when already known, its stat key, its registry entry key,
# and the row number it gets.
Job = tuple[Document, "str | None", "str | None", str, int]


def fts_table(name: str) -> str:
    """The rare-word table: contentless, positions not kept (the fallback query ignores word order anyway)."""
    return (f"CREATE VIRTUAL TABLE {name} USING fts5(body, content='', detail=none, "
            f"tokenize='unicode61 remove_diacritics 2')")


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


def source_of(root: str, document: Document) -> str:
    """Where a document's bytes live (plain strings, not Path objects: this runs for every document on every check)."""
    if document.path:
        return os.path.join(root, document.path)
    return os.path.join(root, "cassettes", f"{document.id}.yaml")  # as attrib.cassette.cassette_path


def file_sha(path: str | os.PathLike[str]) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def passage_rows(num: int, text: str, passages: list[tuple[int, int]]):
    """The rare-word table's rows of one document: rowid (document number, then the passage's place), text."""
    first = num << 16
    return zip(range(first, first + 65535), [text[a:b] for a, b in passages])


class Writer:
    """Writes documents into one database's tables; postings are gathered per bucket and written as blobs.

    ``passages``: whether the rare-word table exists yet (it is built on first use, not by a fresh build)."""

    def __init__(self, db: sqlite3.Connection, passages: bool) -> None:
        self.db = db
        self.passages = passages
        self.buckets = [array("Q") for _ in range(BUCKET_MASK + 1)]  # hash, posting, hash, posting…
        self.held = 0

    def add(self, registry: Registry, job: Job) -> str | None:
        """Load, shingle and write one document; the reason it is unreachable instead, if it is."""
        from attrib.documents import load_document

        document, sha, stat, entry, num = job
        db = self.db
        if sha is None:
            sha = file_sha(source_of(registry.root, document))
        try:
            parsed = load_document(registry, document)
        except DocumentError as error:
            db.execute("INSERT OR REPLACE INTO unreachable VALUES(?,?,?,?)",
                       (document.id, error.message, stat or "missing", entry))
            return error.message
        text = parsed.text
        hashes = shingle_hashes(word_keys(text))
        kept = winnow(hashes)
        buckets, base = self.buckets, num << 32
        for i in kept:
            h = hashes[i]
            bucket = buckets[h & BUCKET_MASK]
            bucket.append(h)
            bucket.append(base | i)
        self.held += len(kept)
        passages = passages_of(text, parsed.segments)
        speakers = sorted({s.speaker for s in parsed.segments if s.speaker} | set(document.speakers))
        db.execute("INSERT INTO docs VALUES(?,?,?,?,?,1)", (num, document.id, sha or parsed.sha256, stat, entry))
        # The texts live in a table of their own: the per-check scan of ``docs`` then reads a few bytes a row.
        # Stored as it is: compressing cost a tenth of the build's time for a smaller file.
        db.execute(
            "INSERT INTO texts VALUES(?,?,?,?)",
            (num, text, json.dumps([s.model_dump(mode="json") for s in parsed.segments]), json.dumps(passages)),
        )
        db.executemany("INSERT INTO speakers VALUES(?,?)", zip(speakers, repeat(num)))
        if self.passages:
            db.executemany("INSERT INTO passages(rowid, body) VALUES(?,?)", passage_rows(num, text, passages))
        if self.held >= FLUSH_POSTINGS:
            self.flush()
        return None

    def flush(self) -> None:
        """Write the held postings, one row per bucket."""
        self.db.executemany(
            "INSERT INTO post VALUES(?,?)",
            [(n, b[0::2].tobytes() + b[1::2].tobytes()) for n, b in enumerate(self.buckets) if b],
        )
        self.buckets = [array("Q") for _ in range(BUCKET_MASK + 1)]
        self.held = 0


def _drain(writer: Writer, registry: Registry, chunks: list[list[Job]], counter, reasons: dict[str, str]) -> None:
    """Take chunks of jobs until none are left (the processes share the counter, so a slow one takes fewer)."""
    while True:
        with counter.get_lock():
            i = counter.value
            counter.value = i + 1
        if i >= len(chunks):
            return
        for job in chunks[i]:
            reason = writer.add(registry, job)
            if reason is not None:
                reasons[job[0].id] = reason


def _shard_worker(registry: Registry, chunks: list[list[Job]], counter, path: str) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.executescript(TABLES)
    writer = Writer(db, passages=False)
    _drain(writer, registry, chunks, counter, {})
    writer.flush()
    db.commit()
    db.close()


def write_documents(db: sqlite3.Connection, path: Path, registry: Registry, jobs: list[Job], *, parallel: bool,
                    workers: int) -> dict[str, str]:
    """Write ``jobs`` into the index at ``path`` (open as ``db``); return the unreachable ones with the reason.

    With ``parallel`` (a fresh build, whose rare-word table is not built yet), worker processes each write a
    shard file of their own while this process writes into the index itself; the shards are then copied in
    with INSERT … SELECT."""
    reasons: dict[str, str] = {}
    writer = Writer(db, passages=db.execute("SELECT 1 FROM meta WHERE key='passages'").fetchone() is not None)
    procs: list[tuple[Path, BaseProcess]] = []
    # Everything alive now (the registry above all) is left out of garbage collection until the build is done:
    # here, full collections would walk it again and again; in forked workers, they would also write to its
    # pages and so copy them.
    gc.freeze()
    try:
        if parallel and workers > 1 and len(jobs) >= PARALLEL_FROM:
            import multiprocessing

            ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
            counter = ctx.Value("i", 0)
            chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
            for k in range(1, workers):
                shard = path.with_name(f"{path.stem}-part{k}{path.suffix}")
                shard.unlink(missing_ok=True)
                proc = ctx.Process(target=_shard_worker, args=(registry, chunks, counter, str(shard)), daemon=True)
                proc.start()
                procs.append((shard, proc))
            _drain(writer, registry, chunks, counter, reasons)
        else:
            for job in jobs:
                reason = writer.add(registry, job)
                if reason is not None:
                    reasons[job[0].id] = reason
        writer.flush()
        for shard, proc in procs:
            proc.join()
            if proc.exitcode == 0:
                _merge(db, shard, reasons)
    finally:  # interrupted or not, no worker outlives the build and no shard file is left behind
        for shard, proc in procs:
            if proc.is_alive():
                proc.terminate()
                proc.join()
            shard.unlink(missing_ok=True)
        gc.unfreeze()
    if procs:
        # A worker that died took its claimed chunks with it: whatever is neither written nor unreachable is
        # written here, so a build never silently lacks documents.
        first = min(job[4] for job in jobs)
        written = {num for (num,) in db.execute("SELECT num FROM docs WHERE num >= ?", (first,))}
        for job in jobs:
            if job[4] not in written and job[0].id not in reasons:
                reason = writer.add(registry, job)
                if reason is not None:
                    reasons[job[0].id] = reason
        writer.flush()
    return reasons


def _merge(db: sqlite3.Connection, shard: Path, reasons: dict[str, str]) -> None:
    db.commit()  # ATTACH and DETACH need no open transaction
    db.execute("ATTACH DATABASE ? AS shard", (str(shard),))
    try:
        for table in ("docs", "texts", "speakers", "post"):
            db.execute(f"INSERT INTO main.{table} SELECT * FROM shard.{table}")
        db.execute("INSERT OR REPLACE INTO main.unreachable SELECT * FROM shard.unreachable")
        reasons.update(db.execute("SELECT id, reason FROM shard.unreachable"))
        db.commit()
    finally:
        db.execute("DETACH DATABASE shard")
