"""Tests for attrib.registry (sources.yaml validation, cache, schema, Resolver) and ``attrib sources check|list|schema``."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest

from attrib import registry_validate
from attrib.cassette import Recording, cassette_path, write_cassette
from attrib.errors import RegistryError
from attrib.registry import load_registry, registry_schema
from attrib.resolver import Resolver, resolver_for

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "registry"

HEAD = """\
version: 1
publishers:
  - id: dod
    name: U.S. Department of Defense
    aliases: [Pentagon, DoD]
    type: government
people:
  - id: pat-ryder
    name: Pat Ryder
documents:
"""
# Lines 1-10 above; a document appended after it starts on line 11.

DOC = """\
  - id: d1
    title: A briefing
    publisher: dod
    date: 2024-10-29
    kind: transcript
    url: https://example.org/d1
"""


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # every test gets its own cache, so no test can pass because another one warmed the cache
    monkeypatch.setenv("ATTRIB_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def write(tmp_path: Path, text: str, name: str = "sources.yaml") -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(RegistryError) as caught:
        load_registry(path)
    prefix = path + ":"
    assert all(p.startswith(prefix) for p in caught.value.problems), caught.value.problems
    return [p[len(prefix):] for p in caught.value.problems]


# --------------------------------------------------------------------------------------------------------------
# Each validation error, at its line and column


ERRORS = [
    pytest.param(HEAD + DOC.replace("    title:", "    titel:"), "12:5: unknown key 'titel' in a document (did you mean 'title'?)", id="unknown-key"),
    pytest.param(HEAD.replace("    type: government", "    type: government\n    colour: blue") + DOC, "7:5: unknown key 'colour' in a publisher", id="unknown-key-no-suggestion"),
    pytest.param("version: 1\nsauces: []\n", "2:1: unknown key 'sauces' in the registry; known keys: version, publishers, people, documents, credibility", id="unknown-top-key"),
    pytest.param(HEAD.replace("name: Pat Ryder", "name: 1984") + DOC, "9:11: a person's name must be text, not a number ('1984') (put it in quotes)", id="wrong-type-number"),
    pytest.param(HEAD.replace("aliases: [Pentagon, DoD]", "aliases: Pentagon") + DOC, "5:14: aliases must be a list", id="wrong-type-list"),
    pytest.param(HEAD + DOC.replace("    kind: transcript\n", ""), "11:5: a document is missing required key 'kind'", id="missing-key"),
    pytest.param(HEAD.replace("    name: Pat Ryder\n", "") + DOC, "8:5: a person is missing required key 'name'", id="missing-person-name"),
    pytest.param(HEAD + DOC.replace("    title: A briefing", "    title:"), "12:5: 'title' in a document has no value", id="null-required"),
    pytest.param(HEAD + DOC + DOC, "17:9: duplicate document id 'd1' (first at line 11)", id="duplicate-document-id"),
    pytest.param(HEAD.replace("people:", "  - id: dod\n    name: Other\npeople:") + DOC, "7:9: duplicate publisher id 'dod' (first at line 3)", id="duplicate-publisher-id"),
    pytest.param(HEAD.replace("documents:", "  - id: pat-ryder\n    name: P. Ryder\ndocuments:") + DOC, "10:9: duplicate person id 'pat-ryder' (first at line 8)", id="duplicate-person-id"),
    pytest.param(HEAD + DOC.replace("    date: 2024-10-29\n", "    date: 2024-10-29\n    date: 2024-10-30\n"), "15:5: duplicate key 'date' in a document (first at line 14)", id="duplicate-key"),
    pytest.param(HEAD + DOC.replace("publisher: dod", "publisher: dodd"), "13:16: unknown publisher 'dodd' (did you mean 'dod'?)", id="unknown-document-publisher"),
    pytest.param(HEAD + DOC.replace("publisher: dod", "publisher: Pentagon"), "13:16: unknown publisher 'Pentagon'; use its id 'dod'", id="publisher-by-name"),
    pytest.param(HEAD + DOC + "    speakers: [pat-ryder, pat-rider]\n", "17:27: unknown person 'pat-rider' (did you mean 'pat-ryder'?)", id="unknown-speaker"),
    pytest.param(HEAD.replace("    name: Pat Ryder\n", "    name: Pat Ryder\n    roles:\n      - {title: Press Secretary, publisher: dd}\n") + DOC, "11:45: unknown publisher 'dd'", id="unknown-role-publisher"),
    pytest.param(HEAD + DOC.replace("2024-10-29", "29/10/2024"), "14:11: bad date '29/10/2024': a document's date must be YYYY-MM-DD", id="bad-date-format"),
    pytest.param(HEAD + DOC.replace("2024-10-29", "2024-02-30"), "14:11: bad date '2024-02-30': no such day", id="bad-date-day"),
    pytest.param(HEAD + DOC.replace("2024-10-29", "2024-10"), "14:11: bad date '2024-10': a document's date must be YYYY-MM-DD", id="bad-date-month-only"),
    pytest.param(
        HEAD.replace("    name: Pat Ryder\n", "    name: Pat Ryder\n    roles:\n      - {title: Press Secretary, from: 2024-05-01, to: 2024-01-01}\n") + DOC,
        "11:56: the role ends (2024-01-01) before it starts (2024-05-01)",
        id="from-after-to",
    ),
    pytest.param(HEAD + DOC.replace("    url: https://example.org/d1\n", ""), "11:5: document 'd1' needs a `url` (recorded into cassettes/) or a `path` (a local file)", id="neither-url-nor-path"),
    # the path names a file that exists (the registry itself), so the conflict is the only problem
    pytest.param(HEAD + DOC + "    path: sources.yaml\n", "17:5: a document has either a `url` or a `path`, not both: keep one", id="both-url-and-path"),
    pytest.param(HEAD + DOC.replace("    url: https://example.org/d1", "    path: notes/missing.txt"), "16:11: file not found: notes/missing.txt (a `path` is relative to the folder of sources.yaml)", id="missing-path"),
    pytest.param(HEAD + DOC.replace("https://example.org/d1", "example.org/d1"), "16:10: bad url 'example.org/d1': it must start with http:// or https://", id="bad-url"),
    pytest.param(HEAD + DOC.replace("kind: transcript", "kind: transcrpt"), "15:11: unknown document kind 'transcrpt' (did you mean 'transcript'?)", id="unknown-kind"),
    pytest.param(HEAD.replace("type: government", "type: goverment") + DOC, "6:11: unknown publisher type 'goverment' (did you mean 'government'?)", id="unknown-publisher-type"),
    pytest.param(
        HEAD.replace("    type: government\n", "    type: government\n    credibility: {level: highest, note: x}\n") + DOC,
        "7:26: unknown credibility level 'highest' (did you mean 'high'?)",
        id="unknown-credibility-level",
    ),
    pytest.param(
        HEAD.replace("    type: government\n", "    type: government\n    credibility: {level: high}\n") + DOC,
        "7:18: a publisher's credibility is missing required key 'note'",
        id="credibility-without-note",
    ),
    pytest.param(
        HEAD + DOC + "credibility:\n  state-media: {level: low, note: x}\n",
        "18:3: unknown key 'state-media' in credibility (did you mean 'state-affiliated-media'?)",
        id="unknown-source-class",
    ),
    pytest.param(
        HEAD.replace(
            "    name: Pat Ryder\n",
            "    name: Pat Ryder\n    roles:\n"
            "      - {title: Press Secretary, publisher: dod, from: 2022-08-01, to: 2025-01-20}\n"
            "      - {title: press secretary, publisher: dod, from: 2024-01-01}\n",
        )
        + DOC,
        "12:17: 'press secretary' is held twice over overlapping dates (also at line 11)",
        id="same-title-overlapping",
    ),
    pytest.param(HEAD.replace("version: 1", "version: 2") + DOC, "1:10: unsupported version '2': this attrib reads `version: 1`", id="version-2"),
    pytest.param(HEAD.replace("version: 1\n", "") + DOC, "1:1: the registry is missing required key 'version'", id="version-missing"),
    pytest.param(HEAD + DOC.replace("id: d1", "id: d 1"), "11:9: bad document id 'd 1'", id="bad-id"),
    pytest.param("version: 1\npublishers:\n  - id: a\n    name: [b\n", "5:1: YAML syntax error: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence that starts at 4:11)", id="yaml-syntax"),
    pytest.param("version: 1\npublishers:\n  - id: a\n     name: b\n", "4:10: YAML syntax error: mapping values are not allowed here", id="yaml-indent"),
    pytest.param("version: 1\npublishers:\n  - id: a\n\tname: b\n", "4:1: YAML syntax error: found character '\\t' that cannot start any token", id="yaml-tab"),
    pytest.param("", "1:1: the registry is empty; it needs at least `version: 1`", id="empty-file"),
    pytest.param("- version: 1\n", "1:1: the registry must be a mapping of `key: value` lines, not a list", id="not-a-mapping"),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_each_validation_error_is_reported_at_its_line_and_column(tmp_path: Path, text: str, expected: str) -> None:
    found = problems(tmp_path, text)
    assert len(found) == 1, found
    assert found[0].startswith(expected), found[0]


def test_same_title_over_separate_dates_or_at_another_publisher_is_fine(tmp_path: Path) -> None:
    roles = (
        "    roles:\n"
        "      - {title: Press Secretary, publisher: dod, from: 2020-01-01, to: 2021-12-31}\n"
        "      - {title: Press Secretary, publisher: dod, from: 2022-01-01}\n"
        "      - {title: Press Secretary, from: 2020-06-01}\n"
    )
    path = write(tmp_path, HEAD.replace("    name: Pat Ryder\n", "    name: Pat Ryder\n" + roles) + DOC)
    person = load_registry(path).people[0]
    assert [r.start for r in person.roles] == [dt.date(2020, 1, 1), dt.date(2022, 1, 1), dt.date(2020, 6, 1)]


def test_every_problem_is_reported_at_once_in_file_order(tmp_path: Path) -> None:
    text = """\
        version: 1
        publishers:
          - id: dod
            name: U.S. Department of Defense
            type: govt
            slogan: x
        people:
          - id: pat-ryder
            name: Pat Ryder
            roles:
              - {title: Press Secretary, publisher: dodd, from: 2024-05-01, to: 2024-01-01}
        documents:
          - id: d1
            title: no
            publisher: dod
            date: 2024-13-01
            kind: transcrpt
            speakers: [pat-ryder, nobody]
          - id: d1
            title: x
            publisher: dod
            date: 2024-10-30
            kind: plan
        """
    found = problems(tmp_path, text)
    assert [p.split(": ", 1)[0] for p in found] == ["5:11", "6:5", "11:45", "11:73", "13:5", "16:11", "17:11", "18:27", "19:5", "19:9"]
    assert "unknown publisher type 'govt'" in found[0]
    assert "unknown key 'slogan'" in found[1]
    assert "unknown publisher 'dodd'" in found[2]
    assert "ends (2024-01-01) before it starts" in found[3]
    assert "document 'd1' needs a `url`" in found[4]
    assert "no such day" in found[5]
    assert "unknown document kind" in found[6]
    assert "unknown person 'nobody'" in found[7]
    assert "document 'd1' needs a `url`" in found[8]
    assert "duplicate document id 'd1' (first at line 13)" in found[9]


def test_yaml_1_2_keeps_no_yes_and_on_as_text(tmp_path: Path) -> None:
    text = HEAD.replace("aliases: [Pentagon, DoD]", "aliases: [no, yes, on, off]") + DOC.replace("title: A briefing", "title: no")
    registry = load_registry(write(tmp_path, text))
    assert registry.publishers[0].aliases == ["no", "yes", "on", "off"]
    assert registry.documents[0].title == "no"


def test_quoted_dates_and_ids_are_accepted(tmp_path: Path) -> None:
    registry = load_registry(write(tmp_path, HEAD + DOC.replace("2024-10-29", "'2024-10-29'")))
    assert registry.documents[0].date == dt.date(2024, 10, 29)


def test_missing_file_says_how_to_create_one_or_pass_sources(tmp_path: Path) -> None:
    with pytest.raises(RegistryError) as caught:
        load_registry(str(tmp_path / "nowhere.yaml"))
    assert len(caught.value.problems) == 1
    message = caught.value.problems[0]
    assert message.startswith(str(tmp_path / "nowhere.yaml") + ": no such file")
    assert "--sources" in message and "attrib sources schema" in message


def test_a_file_that_is_not_utf8_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_bytes(b"version: 1\nnote: \xff\n")
    with pytest.raises(RegistryError) as caught:
        load_registry(str(path))
    assert caught.value.problems == [f"{path}: not UTF-8 text (invalid start byte at byte 17)"]


def test_registry_carries_its_root_and_path_and_every_field(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "i.txt").write_text("Q: Hello?\n", encoding="utf-8")
    text = HEAD.replace(
        "    name: Pat Ryder\n",
        "    name: Pat Ryder\n    aliases: [Patrick Ryder]\n    note: a note\n"
        "    roles:\n      - {title: Press Secretary, publisher: dod, from: 2022-08-01, to: 2025-01-20}\n",
    ).replace("    type: government\n", "    type: government\n    credibility: {level: high, note: its own record}\n    url: https://example.org/\n    note: facts\n")
    text += DOC.replace("    url: https://example.org/d1\n", "    path: notes/i.txt\n    speakers: [pat-ryder]\n    note: fictional\n")
    text += "credibility:\n  anonymous-vague: {level: low, note: house rule}\n"
    path = write(tmp_path, text)
    registry = load_registry(path)
    assert registry.path == path and registry.root == str(tmp_path.resolve())
    publisher = registry.publishers[0]
    assert (publisher.type, publisher.credibility.level, publisher.url, publisher.note) == ("government", "high", "https://example.org/", "facts")
    role = registry.people[0].roles[0]
    assert (role.title, role.publisher, role.start, role.end) == ("Press Secretary", "dod", dt.date(2022, 8, 1), dt.date(2025, 1, 20))
    document = registry.documents[0]
    assert (document.path, document.url, document.speakers, document.kind) == ("notes/i.txt", None, ["pat-ryder"], "transcript")
    assert registry.class_credibility["anonymous-vague"].note == "house rule"


# --------------------------------------------------------------------------------------------------------------
# The cache


def test_second_load_of_an_unchanged_file_reads_the_cache_not_the_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, HEAD + DOC)
    first = load_registry(path)
    assert list(Path(os.environ["ATTRIB_CACHE_DIR"]).glob("registry-*.json"))

    def no_parse(self: object, text: str) -> None:
        raise AssertionError("parsed YAML again")

    monkeypatch.setattr(registry_validate.Validator, "validate", no_parse)
    assert load_registry(path) == first


def test_a_changed_file_is_validated_again(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + DOC)
    load_registry(path)
    write(tmp_path, HEAD + DOC.replace("kind: transcript", "kind: nonsense"))
    with pytest.raises(RegistryError):
        load_registry(path)


def test_cache_hit_with_a_local_file_gone_reports_the_missing_path(tmp_path: Path) -> None:
    (tmp_path / "i.txt").write_text("x", encoding="utf-8")
    path = write(tmp_path, HEAD + DOC.replace("    url: https://example.org/d1", "    path: i.txt"))
    load_registry(path)
    (tmp_path / "i.txt").unlink()
    with pytest.raises(RegistryError) as caught:
        load_registry(path)
    assert "file not found: i.txt" in caught.value.problems[0]


def test_cache_defaults_beside_the_registry_and_root_follows_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ATTRIB_CACHE_DIR")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder, HEAD + DOC)
    first = load_registry(str(tmp_path / "a" / "sources.yaml"))
    assert list((tmp_path / "a" / ".attrib-cache").glob("registry-*.json"))
    second = load_registry(str(tmp_path / "b" / "sources.yaml"))
    assert first.root == str((tmp_path / "a").resolve()) and second.root == str((tmp_path / "b").resolve())


def test_an_unwritable_cache_folder_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("ATTRIB_CACHE_DIR", str(blocker / "cache"))
    registry = load_registry(write(tmp_path, HEAD + DOC))
    assert registry.documents[0].id == "d1"


def test_a_corrupt_cache_file_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + DOC)
    load_registry(path)
    for cached in Path(os.environ["ATTRIB_CACHE_DIR"]).glob("registry-*.json"):
        cached.write_text("{not json", encoding="utf-8")
    assert load_registry(path).documents[0].id == "d1"


# --------------------------------------------------------------------------------------------------------------
# The repo's registry and the schema


def test_the_repo_registry_loads() -> None:
    registry = load_registry(str(REPO / "sources.yaml"))
    ids = {d.id for d in registry.documents}
    assert {"dod-briefing-2024-10-29", "rev-pentagon-briefing-2024-11-12", "isw-assessment-2024-11-12"} <= ids
    by_id = {p.id: p for p in registry.publishers}
    assert by_id["rev"].type == "transcription-service"
    assert {by_id[i].type for i in ("tass", "ria-novosti", "rt", "sputnik", "vgtrk", "ukrinform")} == {"state-affiliated-media"}
    assert all(d.url and d.url.startswith("https://") for d in registry.documents)
    assert all("unconfirmed" in (d.note or "") for d in registry.documents if d.publisher == "isw")


def test_the_repo_registry_validates_against_the_schema() -> None:
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load((REPO / "sources.yaml").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as editors see them: YYYY-MM-DD strings
    validator = jsonschema.Draft202012Validator(registry_schema(), format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(data)] == []


def test_schema_is_valid_and_rejects_what_the_validator_rejects() -> None:
    schema = registry_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    good = {"version": 1, "documents": [{"id": "d", "title": "t", "publisher": "p", "date": "2024-01-01", "kind": "plan", "url": "https://x.org"}]}
    assert validator.is_valid(good)
    both = json.loads(json.dumps(good))
    both["documents"][0]["path"] = "a.txt"
    assert not validator.is_valid(both)
    neither = json.loads(json.dumps(good))
    del neither["documents"][0]["url"]
    assert not validator.is_valid(neither)
    assert not validator.is_valid({**good, "version": 2})
    assert not validator.is_valid({**good, "extra": 1})
    assert validator.is_valid({"version": 1, "people": [{"id": "p", "name": "P", "roles": [{"title": "T", "from": "2024-01-01", "to": "2024-02-01"}]}]})
    assert not validator.is_valid({"version": 1, "people": [{"id": "p", "name": "P", "roles": [{"title": "T", "start": "2024-01-01"}]}]})
    assert not validator.is_valid({"version": 1, "credibility": {"nonsense": {"level": "low", "note": "x"}}})


def test_committed_schema_files_equal_registry_schema() -> None:
    for path in (REPO / "sources.schema.json", REPO / "attrib" / "schemas" / "sources.schema.json"):
        assert json.loads(path.read_text(encoding="utf-8")) == registry_schema(), path


# --------------------------------------------------------------------------------------------------------------
# The Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(load_registry(str(REPO / "sources.yaml")))


def test_resolver_for_returns_the_same_resolver_for_the_same_registry_and_a_new_one_for_another() -> None:
    registry = load_registry(str(REPO / "sources.yaml"))
    first = resolver_for(registry)
    assert resolver_for(registry) is first
    assert first.registry is registry
    other = registry.model_copy()  # equal in value, but another object: its own Resolver
    second = resolver_for(other)
    assert second is not first
    assert second.registry is other
    assert resolver_for(other) is second


@pytest.mark.parametrize(
    ("name", "person_id"),
    [
        ("Pat Ryder", "pat-ryder"),
        ("pat ryder", "pat-ryder"),
        ("Patrick S. Ryder", "pat-ryder"),
        ("Gen. Ryder", "pat-ryder"),
        ("General Ryder", "pat-ryder"),
        ("Maj. Gen. Pat Ryder", "pat-ryder"),
        ("Major General Pat Ryder", "pat-ryder"),
        ("Brig. Gen. Pat Ryder", "pat-ryder"),
        ("Pentagon Press Secretary Pat Ryder", "pat-ryder"),
        ("Ryder's", "pat-ryder"),
        ("Ms Singh", "sabrina-singh"),
        ("Deputy Pentagon Press Secretary Sabrina Singh", "sabrina-singh"),
        ("Secretary Austin", "lloyd-austin"),
        ("Lloyd Austin", "lloyd-austin"),
        ("Secretary of Defense Lloyd J. Austin III", "lloyd-austin"),
        ("Dr Miller", "matthew-miller"),
        ("Mr. Kirby", "john-kirby"),
        ("Kira Rudik", "kira-rudik"),
    ],
)
def test_person_matches_names_aliases_ranks_and_surnames(resolver: Resolver, name: str, person_id: str) -> None:
    person = resolver.person(name)
    assert person is not None and person.id == person_id


@pytest.mark.parametrize("name", ["John Ryder", "Pentagon", "Press Secretary", "Smith", ""])
def test_person_does_not_guess(resolver: Resolver, name: str) -> None:
    assert resolver.person(name) is None


def test_an_ambiguous_surname_resolves_to_nobody(tmp_path: Path) -> None:
    text = HEAD.replace("documents:", "  - id: ann-ryder\n    name: Ann Ryder\ndocuments:") + DOC
    resolver = Resolver(load_registry(write(tmp_path, text)))
    assert resolver.person("Gen. Ryder") is None
    assert resolver.person("Ann Ryder").id == "ann-ryder"


@pytest.mark.parametrize(
    ("label", "person_id"),
    [
        ("PENTAGON PRESS SECRETARY MAJOR GENERAL PAT RYDER:", "pat-ryder"),
        ("BRIGADIER GENERAL PAT RYDER", "pat-ryder"),
        ("GEN. RYDER:", "pat-ryder"),
        ("MAJ. GEN. RYDER", "pat-ryder"),
        ("General Ryder (01:21):", "pat-ryder"),
        ("DEPUTY PRESS SECRETARY SABRINA SINGH:", "sabrina-singh"),
        ("MS. SINGH:", "sabrina-singh"),
        ("MR MILLER:", "matthew-miller"),
        ("MR PATEL", "vedant-patel"),
        ("MR. KIRBY:", "john-kirby"),
    ],
)
def test_label_person_reads_transcript_labels(resolver: Resolver, label: str, person_id: str) -> None:
    person = resolver.label_person(label)
    assert person is not None and person.id == person_id


@pytest.mark.parametrize("label", ["Q:", "QUESTION:", "UNKNOWN:", "MODERATOR:", "(01:21)"])
def test_label_person_is_none_for_reporters_and_unknown_voices(resolver: Resolver, label: str) -> None:
    assert resolver.label_person(label) is None


@pytest.mark.parametrize(
    ("name", "publisher_id"),
    [
        ("Pentagon", "dod"),
        ("the Pentagon", "dod"),
        ("U.S. Department of Defense", "dod"),
        ("US Department of Defense", "dod"),
        ("DOD News", "dod"),
        ("the Institute for the Study of War", "isw"),
        ("ISW", "isw"),
        ("The White House", "white-house"),
        ("white house", "white-house"),
        ("State Department", "state"),
        ("Reuters", "reuters"),
        ("the Associated Press", "ap"),
        ("Russia Today", "rt"),
        ("Rossiya 1", "vgtrk"),
        ("The Sunday Times", "sunday-times"),
        ("Rev.com", "rev"),
    ],
)
def test_publisher_matches_names_and_aliases(resolver: Resolver, name: str, publisher_id: str) -> None:
    publisher = resolver.publisher(name)
    assert publisher is not None and publisher.id == publisher_id


def test_publisher_unknown_is_none(resolver: Resolver) -> None:
    assert resolver.publisher("The Daily Planet") is None


def test_roles_on_and_publisher_of_follow_the_dates(resolver: Resolver) -> None:
    titles = [r.title for r in resolver.roles_on("pat-ryder", dt.date(2024, 11, 12))]
    assert titles == ["Pentagon Press Secretary", "Major General"]
    assert [r.title for r in resolver.roles_on("pat-ryder", dt.date(2022, 10, 25))] == ["Pentagon Press Secretary", "Brigadier General"]
    assert [r.title for r in resolver.roles_on("pat-ryder", dt.date(2021, 1, 1))] == ["Brigadier General"]
    assert resolver.roles_on("nobody", dt.date(2024, 1, 1)) == []
    assert resolver.publisher_of("pat-ryder", dt.date(2024, 11, 12)).id == "dod"
    assert resolver.publisher_of("pat-ryder", dt.date(2021, 1, 1)) is None
    assert resolver.publisher_of("kira-rudik", dt.date(2024, 11, 12)).id == "holos"


def test_document_by_title_id_and_substring(tmp_path: Path, resolver: Resolver) -> None:
    assert resolver.document_by_title("North Korean Troops Enter Kursk").id == "dod-news-2024-11-18-kursk"
    assert resolver.document_by_title("dod-briefing-2024-10-29").id == "dod-briefing-2024-10-29"
    assert resolver.document_by_title("Press Briefing") is None  # many titles: no guess
    plan = DOC.replace("id: d1", "id: victory-plan").replace("title: A briefing", "title: The Victory Plan").replace("kind: transcript", "kind: plan")
    own = Resolver(load_registry(write(tmp_path, HEAD + DOC + plan.replace("/d1", "/plan"))))
    assert own.document_by_title("Victory Plan").id == "victory-plan"
    assert own.document_by_title("victory plan").id == "victory-plan"


def test_documents_between_is_inclusive(resolver: Resolver) -> None:
    ids = [d.id for d in resolver.documents_between(dt.date(2024, 11, 12), dt.date(2024, 11, 13))]
    assert sorted(ids) == ["isw-assessment-2024-11-12", "isw-assessment-2024-11-13", "rev-pentagon-briefing-2024-11-12"]


# --------------------------------------------------------------------------------------------------------------
# attrib sources check | list | schema


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "attrib", "sources", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ATTRIB_CACHE_DIR": str(cwd / ".cache"), **(env or {})},
    )


def test_sources_check_ok(tmp_path: Path) -> None:
    result = run_cli("check", "--sources", str(FIXTURES / "sources.yaml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{FIXTURES / 'sources.yaml'}: 2 publishers, 1 people, 2 documents: OK\n"


def test_sources_check_defaults_to_sources_yaml_in_the_working_folder(tmp_path: Path) -> None:
    write(tmp_path, HEAD + DOC)
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "sources.yaml: 1 publishers, 1 people, 1 documents: OK\n"


def test_sources_check_reports_every_problem_and_exits_2(tmp_path: Path) -> None:
    write(tmp_path, HEAD + DOC.replace("kind: transcript", "kind: memo").replace("publisher: dod", "publisher: dodd"))
    result = run_cli("check", "--sources", "sources.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("sources.yaml:13:16: unknown publisher 'dodd'")
    assert lines[1].startswith("sources.yaml:15:11: unknown document kind 'memo'")
    assert lines[2] == "sources.yaml: 2 problems"


def test_sources_check_without_a_registry_says_how_to_make_one(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "sources.yaml: no such file" in result.stderr and "--sources" in result.stderr


def test_sources_list_shows_recorded_local_and_unrecorded_documents(tmp_path: Path) -> None:
    root = tmp_path / "desk"
    (root / "notes").mkdir(parents=True)
    (root / "sources.yaml").write_text((FIXTURES / "sources.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "notes" / "interview-2024-03-04.txt").write_text("Q: x\n", encoding="utf-8")
    result = run_cli("list", "--sources", "desk/sources.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "not recorded (run `attrib sources fetch ministry-briefing-2024-02-02`)" in result.stdout
    assert "local file" in result.stdout
    assert "Ada Brennan" in result.stdout and "2024-03-04" in result.stdout and "interview" in result.stdout
    body = b"<p>Fictional briefing.</p>"
    write_cassette(
        cassette_path(root, "ministry-briefing-2024-02-02"),
        Recording(
            document_id="ministry-briefing-2024-02-02",
            request_url="https://example.org/briefings/2024-02-02",
            url="https://example.org/briefings/2024-02-02",
            status=200,
            headers={"content-type": "text/html; charset=utf-8"},
            body=body,
            recorded_at=dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC),
            sha256="0" * 64,
        ),
    )
    result = run_cli("list", "--sources", "desk/sources.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "ministry-briefing-2024-02-02" in line)
    assert "recorded 2024-05-06" in row
    assert "2 readable offline, 0 not recorded or missing" in result.stdout


def test_sources_list_with_a_local_file_gone_reports_it(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text((FIXTURES / "sources.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("list", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("sources.yaml:30:11: file not found: notes/interview-2024-03-04.txt")


def test_sources_list_of_an_invalid_registry_exits_2(tmp_path: Path) -> None:
    write(tmp_path, "version: 3\n")
    result = run_cli("list", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("sources.yaml:1:10: unsupported version")


def test_sources_schema_prints_the_schema(tmp_path: Path) -> None:
    result = run_cli("schema", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == registry_schema()
    assert result.stdout == (REPO / "sources.schema.json").read_text(encoding="utf-8")


def test_repo_sources_list_says_nothing_is_recorded_yet(tmp_path: Path) -> None:
    result = run_cli("list", "--sources", str(REPO / "sources.yaml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "not recorded (run `attrib sources fetch dod-briefing-2024-10-29`)" in result.stdout


def test_sources_check_reads_the_registry_named_in_the_config(tmp_path: Path) -> None:
    pytest.importorskip("attrib.config")
    (tmp_path / "desk" / "notes").mkdir(parents=True)
    (tmp_path / "desk" / "reg.yaml").write_text((FIXTURES / "sources.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "desk" / "notes" / "interview-2024-03-04.txt").write_text("Q: x\n", encoding="utf-8")
    (tmp_path / "attrib.toml").write_text('sources = "desk/reg.yaml"\n', encoding="utf-8")
    (tmp_path / "work").mkdir()
    result = run_cli("check", cwd=tmp_path / "work")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("reg.yaml: 2 publishers, 1 people, 2 documents: OK\n")
