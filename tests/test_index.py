"""The candidate index: shingles, winnowing, incremental updates, rebuilds, unreachable documents."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

from attrib.cassette import Recording, write_cassette
from attrib.index import SCHEMA_VERSION, Index
from attrib.shingles import WINNOW, assured_votes, shingle_hashes, winnow, word_keys, word_spans, words
from attrib.models import Document, Registry


def _cassette(root: Path, doc_id: str, text: str) -> None:
    body = text.encode()
    write_cassette(
        root / "cassettes" / f"{doc_id}.yaml",
        Recording(doc_id, f"https://www.example.org/{doc_id}", f"https://www.example.org/{doc_id}", 200,
                  {"content-type": "text/plain; charset=utf-8"}, body, dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
                  hashlib.sha256(body).hexdigest()),
    )


TEXTS = {
    "a": "The harbour at Selm reopened on Monday after nine days of repairs to the northern quay and its cranes.",
    "b": "Grain exports rose by a fifth in February, the port authority said, as insurers cut their war premiums.",
    "c": "The committee will publish its findings on the rail tunnel collapse before the summer recess begins.",
}


def _registry(root: Path, texts: dict[str, str], extra: list[Document] = ()) -> Registry:
    documents = []
    for doc_id, text in texts.items():
        _cassette(root, doc_id, text)
        documents.append(Document(id=doc_id, title=f"Doc {doc_id}", publisher="pub", date=dt.date(2025, 1, 2),
                                  kind="article", url=f"https://www.example.org/{doc_id}"))
    return Registry(publishers=[{"id": "pub", "name": "Example Publisher"}], documents=documents + list(extra),
                    root=str(root), path=str(root / "sources.yaml"))


def test_words_normalise_case_apostrophes_and_thousands_with_offsets():
    text = "It’s 10,000 Troops"
    assert words(text) == [("its", 0, 4), ("10000", 5, 11), ("troops", 12, 18)]
    assert word_keys(text) == ["its", "10000", "troops"]


def test_shingle_hashes_are_stable_and_order_aware():
    one = shingle_hashes(["a", "b", "c", "d"])
    assert one == shingle_hashes(["a", "b", "c", "d"]) and len(one) == 2
    assert shingle_hashes(["c", "b", "a"]) != shingle_hashes(["a", "b", "c"])
    assert shingle_hashes(["a", "b"]) == []


def test_winnowing_keeps_a_shingle_in_every_window():
    rng = random.Random(3)
    hashes = [rng.getrandbits(47) for _ in range(2000)]
    kept = set(winnow(hashes))
    assert all(any(j in kept for j in range(i, i + WINNOW)) for i in range(len(hashes) - WINNOW + 1))
    assert len(kept) < 0.5 * len(hashes)


def test_candidates_find_edited_quote_and_elision(tmp_path):
    index = Index.open(_registry(tmp_path, TEXTS))
    found = index.candidates("the harbour at Selm reopened on Tuesday after nine days of repairs to the northern quay")
    assert found and found[0].document_id == "a"
    window = index.document("a").text[found[0].start : found[0].end]
    assert "harbour at Selm" in window and "northern quay" in window
    elided = index.candidates("Grain exports rose by a fifth in February … as insurers cut their war premiums")
    assert elided[0].document_id == "b"
    assert index.candidates("nothing here matches any of those documents at all") == []


def test_candidates_can_be_restricted_to_documents(tmp_path):
    index = Index.open(_registry(tmp_path, TEXTS))
    assert index.candidates("publish its findings on the rail tunnel collapse", documents={"a", "b"}) == []
    assert index.candidates("publish its findings on the rail tunnel collapse", documents={"c"})[0].document_id == "c"


def test_rare_word_fallback_is_marked_weak(tmp_path):
    index = Index.open(_registry(tmp_path, TEXTS))
    found = index.rare_word_candidates("insurers lowered premiums as exports of grain grew")
    assert found and found[0].document_id == "b" and found[0].weak


def test_incremental_update_reindexes_only_the_changed_cassette(tmp_path):
    registry = _registry(tmp_path, TEXTS)
    first = Index.open(registry)
    first.close()
    _cassette(tmp_path, "b", "Grain exports fell by a tenth in March, the port authority said on Friday.")
    index = Index.open(registry, update=False)
    stats = index.update(registry)
    assert stats.replaced == ["b"] and stats.added == [] and stats.unchanged == 2 and not stats.rebuilt
    assert index.candidates("Grain exports fell by a tenth in March")[0].document_id == "b"
    assert index.candidates("Grain exports rose by a fifth in February") == []  # the old version's postings are dead


def test_touched_but_identical_file_is_not_reindexed(tmp_path):
    registry = _registry(tmp_path, TEXTS)
    Index.open(registry).close()
    path = tmp_path / "cassettes" / "a.yaml"
    path.write_bytes(path.read_bytes())  # new mtime, same bytes
    stats = Index.open(registry, update=False).update(registry)
    assert stats.replaced == [] and stats.unchanged == 3


def test_documents_gone_from_the_registry_are_dropped(tmp_path):
    registry = _registry(tmp_path, TEXTS)
    Index.open(registry).close()
    smaller = registry.model_copy(update={"documents": registry.documents[:2]})
    index = Index.open(smaller, update=False)
    assert index.update(smaller).deleted == ["c"]
    assert "c" not in index.documents
    assert index.candidates("publish its findings on the rail tunnel collapse") == []


def test_rebuilds_a_corrupt_index(tmp_path):
    registry = _registry(tmp_path, TEXTS)
    Index.open(registry).close()
    (tmp_path / ".attrib-cache" / "index.sqlite").write_bytes(b"this is not a database" * 100)
    index = Index.open(registry)
    assert set(index.documents) == {"a", "b", "c"}


def test_rebuilds_an_index_of_an_older_schema(tmp_path):
    registry = _registry(tmp_path, TEXTS)
    Index.open(registry).close()
    db = sqlite3.connect(tmp_path / ".attrib-cache" / "index.sqlite")
    db.execute("UPDATE meta SET value=? WHERE key='schema'", (str(SCHEMA_VERSION - 1),))
    db.commit()
    db.close()
    index = Index.open(registry, update=False)
    assert index.update(registry).rebuilt
    assert set(index.documents) == {"a", "b", "c"}


def test_unreachable_documents_are_remembered_with_the_reason(tmp_path):
    missing = Document(id="gone", title="Never recorded", publisher="pub", date=dt.date(2025, 1, 3), kind="transcript",
                       url="https://www.example.org/gone")
    broken = Document(id="broken", title="Bad file", publisher="pub", date=dt.date(2025, 1, 3), kind="article",
                      path="notes/broken.txt")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "broken.txt").write_text("   \n")
    registry = _registry(tmp_path, TEXTS, [missing, broken])
    index = Index.open(registry)
    reasons = index.unreachable()
    assert "not recorded" in reasons["gone"] and "attrib sources fetch gone" in reasons["gone"]
    assert "failed to parse" in reasons["broken"]
    assert "gone" not in index.documents and "broken" not in index.documents
    # remembered: a second update does not try again, and says so
    stats = Index.open(registry, update=False).update(registry)
    assert set(stats.unreachable) == {"gone", "broken"} and stats.added == []
    # recording it later makes it reachable
    _cassette(tmp_path, "gone", "The tunnel will reopen in April, the minister said.")
    stats = Index.open(registry, update=False).update(registry)
    assert stats.added == ["gone"] and "gone" not in Index.open(registry).unreachable()


def test_cache_dir_can_be_given(tmp_path):
    registry = _registry(tmp_path / "src", TEXTS)
    Index.open(registry, tmp_path / "elsewhere").close()
    assert (tmp_path / "elsewhere" / "index.sqlite").is_file()
    assert not (tmp_path / "src" / ".attrib-cache" / "index.sqlite").exists()


def test_very_common_shingles_are_capped(tmp_path, monkeypatch):
    import attrib.index as index_module

    monkeypatch.setattr(index_module, "COMMON_CAP", 2)
    texts = {f"d{i}": f"Thank you very much for coming here today, everyone, and welcome. Item {i} concerns the {w} depot near the river." for i, w in
             enumerate(["salt", "grain", "coal", "wool"])}
    index = Index.open(_registry(tmp_path, texts))
    assert index.candidates("thank you very much for coming here today, everyone, and welcome") == []
    assert index.candidates("concerns the coal depot near the river")[0].document_id == "d2"


@pytest.mark.parametrize("text", [
    "It’s 10,000 Troops", "rock’n’roll in the ’90s", "1’000 l’9 don't 'quoted' words", "İstanbul and ISTANBUL",
    "Gen. Ryder said 3,4 and 1.5,2 — [sic] … 12,000,000 people", "straße STRASSE", "a_b c__d 9_9",
])
def test_the_fast_word_keys_are_the_words_with_offsets(text):
    assert word_keys(text) == [w for w, _a, _b in words(text)]


def test_word_keys_agree_with_words_on_random_text():
    rng = random.Random(5)
    alphabet = "ab’'Z9, .\n-İß_…"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert word_keys(text) == [w for w, _a, _b in words(text)], text


def test_word_spans_are_where_the_words_stand():
    text = "İstanbul’s 10,000 TROOPS, don't they?"
    assert [text[a:b] for a, b in word_spans(text)] == ["İstanbul’s", "10,000", "TROOPS", "don't", "they"]
    assert word_spans(text, 2) == word_spans(text)[:2]


def test_assured_votes_count_each_run_between_elisions():
    assert assured_votes("one two three") == 0
    assert assured_votes("one two three four five six") == 1  # 4 shingles: winnowing keeps one of any 4
    assert assured_votes("the harbour at Selm reopened on Monday after nine days of repairs") == 2
    assert assured_votes("a b c d e f … g h i j k l [sic] m") == 2


def test_a_half_built_index_is_started_again(tmp_path):
    registry = _registry(tmp_path, TEXTS)
    Index.open(registry).close()
    db = sqlite3.connect(tmp_path / ".attrib-cache" / "index.sqlite")
    db.execute("INSERT INTO meta VALUES('building', '1')")  # as an interrupted fresh build leaves it
    db.execute("DELETE FROM docs WHERE id='c'")
    db.commit()
    db.close()
    index = Index.open(registry, update=False)
    assert index.update(registry).rebuilt
    assert set(index.documents) == {"a", "b", "c"}


def test_chance_windows_with_few_votes_are_left_out(tmp_path):
    texts = dict(TEXTS)
    texts["d"] = "Heavy rain left the northern quay flooded, and no crane worked until the pumps arrived."
    index = Index.open(_registry(tmp_path, texts))
    found = index.candidates("the harbour at Selm reopened on Monday after nine days of repairs to the northern quay")
    assert [c.document_id for c in found] == ["a"]


def test_speakers_are_looked_up_by_person(tmp_path):
    documents = [Document(id="s1", title="Statement", publisher="pub", date=dt.date(2025, 1, 2), kind="statement",
                          path="s1.txt", speakers=["ana"])]
    (tmp_path / "s1.txt").write_text("The harbour will reopen on Monday, the minister said in a statement.")
    registry = Registry(publishers=[{"id": "pub", "name": "Example Publisher"}],
                        people=[{"id": "ana", "name": "Ana Vale"}], documents=documents, root=str(tmp_path),
                        path=str(tmp_path / "sources.yaml"))
    index = Index.open(registry)
    assert index.documents_of({"ana"}) == {"s1": {"ana"}}
    assert index.documents_of({"nobody"}) == {}


def _many(count: int) -> dict[str, str]:
    rng = random.Random(11)
    vocab = ["harbour", "quay", "crane", "grain", "tunnel", "rail", "ferry", "depot", "salt", "coal", "river", "bridge",
             "north", "south", "minister", "council", "budget", "repairs", "winter", "summer", "pumps", "convoy"]
    return {f"m{i}": " ".join(rng.choice(vocab) for _ in range(60)) + f". Item {i} ends here." for i in range(count)}


def test_a_parallel_build_matches_a_serial_one(tmp_path, monkeypatch):
    import attrib.index_build as build_module

    texts = _many(40)
    broken = Document(id="broken", title="Bad file", publisher="pub", date=dt.date(2025, 1, 3), kind="article",
                      path="notes/broken.txt")
    (tmp_path / "src" / "notes").mkdir(parents=True)
    (tmp_path / "src" / "notes" / "broken.txt").write_text("   \n")
    registry = _registry(tmp_path / "src", texts, [broken])
    serial = Index.open(registry, tmp_path / "serial")
    monkeypatch.setattr(build_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(build_module, "CHUNK", 3)
    parallel = Index.open(registry, tmp_path / "parallel", update=False)
    stats = parallel.update(registry, workers=2)
    assert stats.rebuilt and sorted(stats.added) == sorted(texts) and set(stats.unreachable) == {"broken"}
    assert set(parallel.documents) == set(serial.documents) == set(texts)
    assert parallel.unreachable() == serial.unreachable()
    assert not list((tmp_path / "parallel").glob("*-part*"))  # the shards were merged and removed
    def windows(index: Index, quote: str) -> list[tuple[str, str]]:
        return [(c.document_id, index.document(c.document_id).text[c.start : c.end]) for c in index.candidates(quote)]

    for doc_id in ("m0", "m17", "m39"):
        quote = " ".join(texts[doc_id].split()[20:34])
        got = windows(parallel, quote)
        assert got == windows(serial, quote) and got[0][0] == doc_id


def test_postings_are_bucket_rows_not_a_row_each(tmp_path):
    index = Index.open(_registry(tmp_path, _many(30)))
    rows = index.db.execute("SELECT count(*) FROM post").fetchone()[0]
    stored = sum(len(blob) // 16 for (blob,) in index.db.execute("SELECT data FROM post"))
    assert stored > 30 * 10 and rows < stored


def test_the_rare_word_table_is_built_on_first_use_and_kept_current(tmp_path):
    registry = _registry(tmp_path, TEXTS)
    index = Index.open(registry)
    has_table = "SELECT count(*) FROM sqlite_master WHERE name='passages'"
    assert index.db.execute(has_table).fetchone()[0] == 0  # a fresh build does not write it
    assert index.rare_word_candidates("insurers lowered premiums as exports of grain grew")[0].document_id == "b"
    assert index.db.execute(has_table).fetchone()[0] == 1
    index.close()
    bigger = _registry(tmp_path, {**TEXTS, "d": "Ferry tickets to Orlo doubled in price after the strike."})
    index = Index.open(bigger)
    assert index.rare_word_candidates("ferry fares to Orlo went up sharply")[0].document_id == "d"


def test_compaction_drops_dead_versions_postings(tmp_path):
    texts = _many(6)
    registry = _registry(tmp_path, texts)
    Index.open(registry).close()
    for doc_id in ("m0", "m1", "m2"):  # half the documents replaced: past the dead share that triggers compaction
        _cassette(tmp_path, doc_id, f"Completely new wording for {doc_id}: the lighthouse keeper retired in spring.")
    index = Index.open(registry)
    dead = index.db.execute("SELECT count(*) FROM docs WHERE live=0").fetchone()[0]
    assert dead == 0
    numbers = set(index.documents.values())
    postings = [p for (blob,) in index.db.execute("SELECT data FROM post") for p in _postings_of(blob)]
    assert postings and {p >> 32 for p in postings} <= numbers
    buckets = [b for (b,) in index.db.execute("SELECT bucket FROM post")]
    assert len(buckets) == len(set(buckets))  # one row per bucket
    assert index.candidates("the lighthouse keeper retired in spring")[0].document_id in {"m0", "m1", "m2"}
    assert index.candidates(" ".join(texts["m4"].split()[10:24]))[0].document_id == "m4"


def _postings_of(blob: bytes) -> list[int]:
    from array import array

    data = array("Q")
    data.frombytes(blob)
    return list(data[len(data) // 2 :])


def test_compaction_with_the_rare_word_table_keeps_dead_numbers_but_not_their_postings(tmp_path):
    from attrib.index_update import _needs_compacting

    texts = _many(6)
    registry = _registry(tmp_path, texts)
    index = Index.open(registry)
    index.ensure_passages()
    index.close()
    for doc_id in ("m0", "m1", "m2"):
        _cassette(tmp_path, doc_id, f"Completely new wording for {doc_id}: the lighthouse keeper retired in spring.")
    index = Index.open(registry)
    kept = index.db.execute("SELECT count(*) FROM docs WHERE live=-1").fetchone()[0]
    assert kept == 3 and not _needs_compacting(index.db)  # numbers kept for their passages; nothing left to compact
    numbers = set(index.documents.values())
    assert {p >> 32 for (blob,) in index.db.execute("SELECT data FROM post") for p in _postings_of(blob)} <= numbers
    found = index.rare_word_candidates("the lighthouse keeper retired in the spring")
    assert found and {c.document_id for c in found} <= {"m0", "m1", "m2"}


def test_an_unwritable_cache_folder_falls_back_to_the_temporary_directory(tmp_path, monkeypatch):
    import tempfile

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("ATTRIB_CACHE_DIR", str(blocker / "cache"))
    index = Index.open(_registry(tmp_path, TEXTS))
    try:
        assert Path(index.path).parent.parent == Path(tempfile.gettempdir())
        assert index.candidates("after nine days of repairs to the northern quay")  # and it works
    finally:
        index.close()
