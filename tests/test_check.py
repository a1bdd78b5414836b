"""The check pipeline: offsets survive every stage, exit codes follow the policy, the summary counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attrib.check import CheckOptions, build_report, check_article, exit_code, summarise
from attrib.models import ArticleReport, Settings

PIECES = [
    "“The ferry runs again,” said Ana Korv.",
    "Ana Korv said that the ferry runs again.",
    "It is believed that the bridge will hold.",
    "Officials said the dam cost $4m.",
    "The port handled 40,000 tonnes in 2030.",
    "**Bold** words and `code` and [a link](https://example.org/x).",
    "# A heading",
    "<!-- a comment -->",
    "«Nous tenons», a dit Lea Morel.",
    "She told reporters: „Wir bleiben.“",
    "\n",
    "\n\n",
    "‘Operation Tide’ began.",
    "\u201cUnclosed quote runs on",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(PIECES), min_size=1, max_size=12), suffix=st.sampled_from([".md", ".txt"]))
def test_every_finding_slices_back_and_its_line_and_column_agree(tmp_path_factory, parts, suffix):
    folder = tmp_path_factory.mktemp("draft")
    text = " ".join(parts)
    path = folder / f"draft{suffix}"
    path.write_text(text, encoding="utf-8")
    report = check_article(str(path), CheckOptions(paths=[str(path)], date=dt.date(2030, 6, 1)), None)
    for finding in report.findings:
        assert text[finding.span.start : finding.span.end] == finding.text
        before = text[: finding.span.start]
        assert finding.location.line == before.count("\n") + 1
        assert finding.location.column == len(before) - (before.rfind("\n") + 1) + 1


def _article(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_exit_code_is_1_only_when_a_finding_reaches_fail_on(tmp_path):
    path = _article(tmp_path, "a.md", "It is believed that the bridge will hold.\n")
    report = build_report(CheckOptions(paths=[path]))
    assert exit_code(report, Settings()) == 0  # vague is a warning; the default fails on errors only
    assert exit_code(report, Settings(fail_on=["warning"])) == 1
    assert exit_code(report, Settings(fail_on=["vague"])) == 1
    assert exit_code(report, Settings(fail_on=["misquoted"])) == 0


def test_an_unreadable_article_makes_exit_code_2_and_the_others_are_still_checked(tmp_path):
    good = _article(tmp_path, "good.md", "It is believed that the bridge will hold.\n")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\x00\x01binary")
    report = build_report(CheckOptions(paths=[str(bad), good]))
    assert [a.error is not None for a in report.articles] == [True, False]
    assert report.articles[1].findings[0].rule == "vague.agentless"
    assert exit_code(report, Settings()) == 2


def test_ignored_rules_produce_no_findings(tmp_path):
    path = _article(tmp_path, "a.md", "It is believed that the bridge will hold. Officials said it would.\n")
    report = build_report(CheckOptions(paths=[path], settings=Settings(ignore=["vague.agentless"])))
    assert [f.rule for f in report.articles[0].findings] == ["vague.anonymous-source"]


def test_without_a_registry_named_claims_have_no_primary_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no sources.yaml here or above the config root
    path = _article(tmp_path, "a.md", "“The ferry runs again,” said Ana Korv.\n")
    [finding] = build_report(CheckOptions(paths=[path], config_root=str(tmp_path))).articles[0].findings
    assert (finding.verdict, finding.rule, finding.severity) == ("unverified", "unverified.no-primary-source", "warning")
    assert finding.reason == "no primary source on file"
    assert finding.source is not None and finding.source.class_ == "on-record-person"


def test_findings_carry_distinct_fingerprints_even_when_identical(tmp_path):
    path = _article(tmp_path, "a.md", "It is believed that it holds.\n\nIt is believed that it holds.\n")
    findings = build_report(CheckOptions(paths=[path])).articles[0].findings
    assert len(findings) == 2 and findings[0].fingerprint != findings[1].fingerprint


def test_summary_counts_verdicts_errors_and_suppressions():
    reports = [
        ArticleReport(path="a", error="broken"),
        ArticleReport(path="b", suppressed=2),
    ]
    summary = summarise(reports, baseline_matched=3, baseline_stale=1)
    assert (summary.articles, summary.errors, summary.suppressed) == (2, 1, 2)
    assert (summary.baseline_matched, summary.baseline_stale, summary.findings) == (3, 1, 0)


HTML_PIECES = [
    "<p>&ldquo;The ferry runs again,&rdquo; said <b>Ana Korv</b>.</p>",
    "<p>It is believed that the bridge will hold.</p>",
    "<p>Officials said the dam cost &pound;4m.</p>",
    "<nav>Home | World</nav>",
    "<div class=\"share-bar\">Share this</div>",
    "<p>Ana Korv said that the <i>ferry</i> runs again &amp; often.</p>",
    "<h2>A heading</h2>",
    "<script>var x = '“not prose,” said Nobody';</script>",
    "\n",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(HTML_PIECES), min_size=1, max_size=10))
def test_html_findings_point_at_the_same_words_in_the_raw_file(tmp_path_factory, parts):
    import html
    import re

    folder = tmp_path_factory.mktemp("draft")
    raw = "<html><body><article>" + "".join(parts) + "</article></body></html>"
    path = folder / "draft.html"
    path.write_text(raw, encoding="utf-8")
    report = check_article(str(path), CheckOptions(paths=[str(path)], date=dt.date(2030, 6, 1)), None)
    for finding in report.findings:
        words = html.unescape(re.sub(r"<[^>]*>", "", raw[finding.span.start : finding.span.end]))
        assert " ".join(words.split()) == " ".join(finding.text.split())
        before = raw[: finding.span.start]
        assert finding.location.line == before.count("\n") + 1
        assert finding.location.column == len(before) - (before.rfind("\n") + 1) + 1
