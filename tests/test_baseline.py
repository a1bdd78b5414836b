"""Tests for attrib.baseline: stable fingerprints, writing and loading, filtering, stale entries."""

from __future__ import annotations

import json

import pytest

from attrib import rules
from attrib.baseline import (
    fingerprint,
    fingerprints,
    load_baseline,
    normalise_text,
    with_fingerprints,
    write_baseline,
)
from attrib.errors import ConfigError
from attrib.models import ArticleReport, Finding, Location, Report, Span, Speaker


def make(text: str, line: int, rule_id: str = "vague.agentless", speaker: str | None = None, fid: str = "c1") -> Finding:
    rule = rules.rule(rule_id)
    return Finding(
        id=fid, kind="unattributed", verdict=rule.verdict, severity=rule.severity, rule=rule_id, reason="r",
        text=text, span=Span(start=line * 100, end=line * 100 + len(text)),
        location=Location(line=line, column=1, end_line=line, end_column=len(text)),
        speaker=Speaker(name=speaker) if speaker else None,
    )


def test_fingerprint_ignores_position_and_typography():
    a = make("It is believed that “the port” is shut", 3)
    b = make("It is  believed that \"the port\"\nis shut", 40)
    assert fingerprint(a, "drafts/a.md") == fingerprint(b, "./drafts/a.md")


def test_fingerprint_changes_with_path_rule_text_speaker_and_occurrence():
    base = make("It is believed", 1)
    fp = fingerprint(base, "a.md")
    assert fingerprint(base, "b.md") != fp
    assert fingerprint(make("It is believed", 1, "vague.weasel-words"), "a.md") != fp
    assert fingerprint(make("It is known", 1), "a.md") != fp
    assert fingerprint(make("It is believed", 1, speaker="Ana Lind"), "a.md") != fp
    assert fingerprint(base, "a.md", 1) != fp
    assert len(fp) == 32 and int(fp, 16) >= 0


def test_normalise_text():
    assert normalise_text("  The ‘Port’ — SHUT…  ") == "the 'port' - shut..."


def test_fingerprints_count_identical_findings():
    same = [make("It is said", 1), make("It is said", 5), make("Other", 7)]
    prints = fingerprints(same, "a.md")
    assert prints[0] == fingerprint(same[0], "a.md")
    assert prints[1] == fingerprint(same[1], "a.md", 1)
    assert len(set(prints)) == 3
    assert [f.fingerprint for f in with_fingerprints(same, "a.md")] == prints


def report_of(*articles: tuple[str, list[Finding]]) -> Report:
    return Report(articles=[ArticleReport(path=path, findings=fs) for path, fs in articles])


def test_write_and_load_round_trip(tmp_path):
    findings = with_fingerprints([make("It is said", 2), make("Experts say", 4, "vague.weasel-words")], "a.md")
    verified = make("the line holds", 6, "verified.verbatim")
    target = tmp_path / "baseline.json"
    count = write_baseline(str(target), report_of(("a.md", findings + [verified])), root=str(tmp_path))
    assert count == 2  # verified findings are nothing to accept
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [e["rule"] for e in data["findings"]] == ["vague.agentless", "vague.weasel-words"]
    assert data["findings"][0]["path"] == "a.md"
    baseline = load_baseline(str(target))
    assert [e.fingerprint for e in baseline.entries] == [f.fingerprint for f in findings]


def test_filter_hides_known_reports_new_and_counts_stale(tmp_path):
    old = with_fingerprints([make("It is said", 2), make("Experts say", 4, "vague.weasel-words")], "a.md")
    target = tmp_path / "b.json"
    write_baseline(str(target), report_of(("a.md", old)), root=str(tmp_path))
    baseline = load_baseline(str(target))
    # the draft was edited: a paragraph above moved everything down, one finding fixed, one new
    now = with_fingerprints([make("It is said", 12), make("Sources say", 20, "vague.anonymous-source")], "a.md")
    new, matched = baseline.filter(now)
    assert [f.text for f in new] == ["Sources say"]
    assert matched == 1
    assert baseline.stale == 1


def test_filter_computes_missing_fingerprints_from_path(tmp_path):
    target = tmp_path / "b.json"
    write_baseline(str(target), report_of(("drafts/a.md", [make("It is said", 2)])), root=str(tmp_path))
    baseline = load_baseline(str(target))
    new, matched = baseline.filter([make("It is said", 9)], path="drafts/a.md")
    assert (new, matched) == ([], 1)


def test_identical_findings_match_once_each(tmp_path):
    target = tmp_path / "b.json"
    write_baseline(str(target), report_of(("a.md", with_fingerprints([make("It is said", 2)], "a.md"))))
    baseline = load_baseline(str(target))
    twice = with_fingerprints([make("It is said", 2), make("It is said", 8)], "a.md")
    new, matched = baseline.filter(twice)
    assert matched == 1 and [f.location.line for f in new] == [8]


def test_same_fingerprint_twice_from_pipeline_is_a_multiset(tmp_path):
    # a pipeline that does not count occurrences gives identical fingerprints: each entry still matches once
    same = [make("It is said", 2).model_copy(update={"fingerprint": "f"}),
            make("It is said", 4).model_copy(update={"fingerprint": "f"})]
    target = tmp_path / "b.json"
    write_baseline(str(target), report_of(("a.md", same)))
    baseline = load_baseline(str(target))
    three = same + [make("It is said", 9).model_copy(update={"fingerprint": "f"})]
    new, matched = baseline.filter(three)
    assert matched == 2 and len(new) == 1 and baseline.stale == 0


def test_stale_counts_only_checked_files_when_paths_given(tmp_path):
    target = tmp_path / "b.json"
    write_baseline(
        str(target), report_of(("a.md", [make("It is said", 2)]), ("b.md", [make("It is said", 2)])), root=str(tmp_path)
    )
    baseline = load_baseline(str(target))
    baseline.filter([], path="a.md")
    assert baseline.stale == 1  # b.md was not checked this run: its entry is not stale


@pytest.mark.parametrize(
    "content, fragment",
    [
        (None, "no such file"),
        ("{not json", "invalid JSON"),
        ('{"version": 2, "findings": []}', "not an attrib baseline"),
        ('{"version": 1, "findings": [{"path": "a.md"}]}', "findings[0] has no fingerprint"),
    ],
)
def test_bad_baseline_files(tmp_path, content, fragment):
    target = tmp_path / "b.json"
    if content is not None:
        target.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        load_baseline(str(target))
