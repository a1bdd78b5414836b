"""Tests for attrib.formats: golden output per format, GitHub escaping, SARIF requirements, JSON schema."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from attrib import cli, formats, rules
from attrib.formats import Format, escape_data, escape_property, render
from attrib.models import (
    ArticleReport,
    Cue,
    Evidence,
    Finding,
    Location,
    Profile,
    ProfileEntry,
    Report,
    SourceInfo,
    Span,
    Speaker,
    Summary,
)
from attrib.report_schema import generated_text, report_schema, schema_text

GOLDEN = Path(__file__).parent / "golden"
SUFFIX = {Format.LINE: "txt", Format.JSON: "json", Format.MARKDOWN: "md", Format.GITHUB: "github.txt", Format.SARIF: "sarif"}


def make_finding(
    fid: str, rule_id: str, text: str, line: int, column: int, *, end_line: int | None = None, end_column: int | None = None,
    speaker: Speaker | None = None, reason: str | None = None, evidence: list[Evidence] | None = None,
    kind: str = "quote", start: int = 0, fingerprint: str = "",
) -> Finding:
    rule = rules.rule(rule_id)
    return Finding(
        id=fid,
        kind=kind,
        verdict=rule.verdict,
        severity=rule.severity,
        rule=rule_id,
        reason=reason or rule.summary,
        text=text,
        span=Span(start=start, end=start + len(text)),
        location=Location(
            line=line, column=column, end_line=end_line or line, end_column=end_column or column + len(text) - 1
        ),
        speaker=speaker,
        evidence=evidence or [],
        fingerprint=fingerprint,
    )


def sample_report() -> Report:
    """A small report of fictional findings exercising every part of every format."""
    mira = Speaker(name="Mira Okonjo", title="Colonel", affiliation="Ministry of Defence of Valdoria",
                   span=Span(start=120, end=131))
    evidence = Evidence(
        document_id="valdoria-briefing-2024-03-02",
        title="Press briefing, 2 March 2024",
        url="https://example.org/briefings/2024-03-02",
        date=dt.date(2024, 3, 2),
        publisher="Ministry of Defence of Valdoria",
        speaker="Mira Okonjo",
        speaker_role="person",
        passage="we expect roughly 1,200 troops to rotate out by April",
        span=Span(start=400, end=454),
        score=91.0,
        match="closest",
    )
    misquote = make_finding(
        "c1", "misquoted.number-changed", "we expect 2,000 troops to rotate out by April", 3, 14,
        speaker=mira, reason="the record says 1,200, not 2,000", evidence=[evidence], start=80,
    )
    misquote = misquote.model_copy(update={
        "cue": Cue(text="said", span=Span(start=132, end=136)),
        "source": SourceInfo(class_="on-record-official", credibility="high", reason="named official on the record"),
    })
    vague = make_finding(
        "c2", "vague.agentless", "It is believed that the depot, at 45% capacity: ready.", 5, 1,
        kind="unattributed", reason="no one stands behind the claim (it is believed)", start=200,
    )
    multi = make_finding(
        "c3", "unsourced.figure", "Costs rose by 30%\nto 4.1 million dollars", 7, 1, end_line=8, end_column=22,
        kind="unattributed", reason="figures stated as fact with no source", start=300,
    )
    verified = make_finding(
        "c4", "verified.verbatim", "the line is holding", 9, 20, speaker=mira, reason="found verbatim", start=400,
    )
    pipe = make_finding(
        "c5", "unverified.no-primary-source", "a | b <script> @desk", 11, 2,
        speaker=Speaker(name="Tomas Reyes"), reason="no primary source on file", start=500, kind="reported",
    )
    profile = Profile(
        claims=5,
        by_class={"on-record-official": 2, "agentless": 1, "none": 2},
        on_record_share=0.4,
        sources=[ProfileEntry(name="Mira Okonjo", source_class="on-record-official", claims=2)],
        flags=["2 of 5 claims rest on no named source"],
    )
    first = ArticleReport(
        path="drafts/troops.md", date=dt.date(2024, 3, 4), title="Rotation", findings=[misquote, vague, multi, verified, pipe],
        profile=profile, suppressed=1,
    )
    broken = ArticleReport(path="drafts/broken,name:1.md", error="not UTF-8 (byte 0xff at offset 10)")
    clean = ArticleReport(path="drafts/clean.md")
    articles = [first, broken, clean]
    summary = Summary(
        articles=3, findings=5, by_verdict={"misquoted": 1, "unsourced": 1, "unverified": 1, "vague": 1, "verified": 1},
        errors=1, suppressed=1,
    )
    return Report(articles=articles, summary=summary, tool={"name": "attrib", "version": "0.1.0"})


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Work in a folder outside any git repository, so artifact paths are relative to it alone."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(formats, "_information_uri", lambda: "https://example.org/attrib")
    return tmp_path


def test_every_cli_format_is_rendered_here_except_text():
    assert set(cli.FORMATS) == {"text"} | {fmt.value for fmt in Format}
    assert set(formats.RENDERERS) == set(Format)


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        render(sample_report(), "yaml")


@pytest.mark.parametrize("fmt", list(Format))
def test_golden(fmt, in_tmp):
    out = render(sample_report(), fmt.value, root=str(in_tmp))
    golden = GOLDEN / f"sample.{SUFFIX[fmt]}"
    if os.environ.get("ATTRIB_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", list(Format))
def test_verified_only_with_show_verified(fmt, in_tmp):
    hidden = render(sample_report(), fmt.value, root=str(in_tmp))
    shown = render(sample_report(), fmt.value, root=str(in_tmp), show_verified=True)
    assert "verified.verbatim" not in hidden.replace('"verified.verbatim"', "") or fmt is Format.SARIF
    assert "the line is holding" not in hidden
    assert "the line is holding" in shown


# ------------------------------------------------------------------------------------------------------------
# line


def test_line_format_one_line_per_finding(in_tmp):
    lines = render(sample_report(), "line").splitlines()
    assert len(lines) == 4
    assert lines[0] == (
        'drafts/troops.md:3:14: error misquoted.number-changed: the record says 1,200, not 2,000 — Mira Okonjo: '
        '"we expect 2,000 troops to rotate out by April"'
    )
    assert lines[2].startswith("drafts/troops.md:7:1: warning unsourced.figure: ")
    assert '"Costs rose by 30% to 4.1 million dollars"' in lines[2]  # newline inside the text flattened


def test_excerpt_cuts_at_a_word():
    text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    assert formats.excerpt(text, 30) == "one two three four five six…"
    assert formats.excerpt("  short\n text ", 30) == "short text"


# ------------------------------------------------------------------------------------------------------------
# github


def test_escape_data_and_property():
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_data("a:b,c") == "a:b,c"
    assert escape_property("drafts/a,b:c%.md\n") == "drafts/a%2Cb%3Ac%25.md%0A"
    assert escape_data("%0A") == "%250A"  # % first, so a literal "%0A" stays literal


def test_github_commands(in_tmp):
    lines = render(sample_report(), "github", root=str(in_tmp)).splitlines()
    assert lines[0].startswith(
        "::error file=drafts/troops.md,line=3,col=14,endLine=3,endColumn=58,title=attrib misquoted.number-changed::"
    )
    assert "%0ARecord: https://example.org/briefings/2024-03-02" in lines[0]
    assert lines[0].count("::") == 2  # "::error …::message": nothing in the message breaks the command
    vague = lines[1]
    assert vague.startswith("::warning file=drafts/troops.md,line=5,col=1,endLine=5,endColumn=54,")
    assert "45%25 capacity: ready" in vague
    multi = lines[2]
    assert multi.startswith("::warning file=drafts/troops.md,line=7,endLine=8,title=")  # no columns across lines
    assert "30%25 to 4.1" in multi
    error = lines[4]
    assert error == (
        "::error file=drafts/broken%2Cname%3A1.md,title=attrib%3A could not check::not UTF-8 (byte 0xff at offset 10)"
    )
    assert lines[-1] == "attrib: 4 findings (1 error, 3 warnings, 0 notes)"
    for line in lines[:-1]:
        assert "\n" not in line and "\r" not in line


def test_github_note_is_notice(in_tmp):
    out = render(sample_report(), "github", root=str(in_tmp), show_verified=True)
    assert "::notice file=drafts/troops.md,line=9,col=20,endLine=9,endColumn=38,title=attrib verified.verbatim::" in out


def test_write_github_summary(tmp_path, monkeypatch):
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    assert formats.write_github_summary(sample_report()) is True
    text = target.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## attrib report")
    assert "| misquoted | 1 |" in text
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    assert formats.write_github_summary(sample_report()) is False


# ------------------------------------------------------------------------------------------------------------
# markdown


def test_markdown_summary_profile_and_table(in_tmp):
    md = render(sample_report(), "markdown")
    assert "3 drafts checked, 4 findings (1 verified not listed), 1 suppressed." in md
    assert "| verified | 1 |" in md  # counted even when not listed
    assert "**Sourcing:** 5 claims, 40% on the record (none 2, on-record-official 2, agentless 1)." in md
    assert "- ⚠ 2 of 5 claims rest on no named source" in md
    assert "| `drafts/troops.md:3:14` | misquoted (error) | `misquoted.number-changed` | Mira Okonjo |" in md
    assert "a \\| b &lt;script&gt; @\u200bdesk" in md
    assert "`drafts/broken,name:1.md`: not UTF-8" in md
    assert "1 other draft had no findings." in md
    for row in [line for line in md.splitlines() if line.startswith("| `drafts/")]:
        assert len(re.findall(r"(?<!\\)\|", row)) == 7  # six cells; pipes in the text are escaped


# ------------------------------------------------------------------------------------------------------------
# sarif


def test_sarif_required_properties(in_tmp):
    doc = json.loads(render(sample_report(), "sarif", root=str(in_tmp)))
    assert doc["version"] == "2.1.0"
    assert doc["$schema"].startswith("https://") and "sarif" in doc["$schema"]
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "attrib" and driver["version"] == "0.1.0"
    assert driver["informationUri"] == "https://example.org/attrib"
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == [rule.id for rule in rules.RULES]
    for descriptor, rule in zip(driver["rules"], rules.RULES):
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.help
        assert descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert len(run["results"]) == 4
    for result in run["results"]:
        assert result["message"]["text"]
        assert ids[result["ruleIndex"]] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "drafts/troops.md", "uriBaseId": "%SRCROOT%"}
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endLine"] >= region["startLine"]
        assert result["partialFingerprints"][formats.FINGERPRINT_KEY]
    first = run["results"][0]
    assert first["level"] == "error"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 14, "endLine": 3, "endColumn": 59  # exclusive: last character 58, + 1
    }
    assert first["properties"]["sourceUrls"] == ["https://example.org/briefings/2024-03-02"]
    assert first["properties"]["speaker"] == "Mira Okonjo"
    assert first["properties"]["verdict"] == "misquoted"
    assert first["properties"]["sourceClass"] == "on-record-official"
    fingerprints = [r["partialFingerprints"][formats.FINGERPRINT_KEY] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("not UTF-8")


def test_sarif_fingerprints_are_stable_when_lines_move(in_tmp):
    report = sample_report()
    moved = report.model_copy(update={"articles": [
        report.articles[0].model_copy(update={"findings": [
            f.model_copy(update={"location": f.location.model_copy(update={"line": f.location.line + 10,
                                                                            "end_line": f.location.end_line + 10}),
                                 "span": Span(start=f.span.start + 500, end=f.span.end + 500)})
            for f in report.articles[0].findings
        ]})
    ]})

    def prints(r):
        return [x["partialFingerprints"] for x in json.loads(render(r, "sarif", root=str(in_tmp)))["runs"][0]["results"]]

    assert prints(report) == prints(moved)


def test_sarif_uses_pipeline_fingerprint_and_separates_duplicates(in_tmp):
    a = make_finding("c1", "vague.agentless", "It is said", 1, 1, kind="unattributed", fingerprint="abc")
    b = make_finding("c2", "vague.agentless", "It is said", 2, 1, kind="unattributed", fingerprint="abc")
    report = Report(articles=[ArticleReport(path="x.md", findings=[a, b])])
    results = json.loads(render(report, "sarif", root=str(in_tmp)))["runs"][0]["results"]
    assert [r["partialFingerprints"][formats.FINGERPRINT_KEY] for r in results] == ["abc", "abc:2"]


def test_sarif_paths_relative_to_git_top(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    sub = tmp_path / "desk"
    (sub / "drafts").mkdir(parents=True)
    monkeypatch.chdir(sub)
    report = Report(articles=[ArticleReport(path="drafts/a.md", findings=[
        make_finding("c1", "vague.agentless", "It is said", 1, 1, kind="unattributed")])])
    doc = json.loads(render(report, "sarif", root=str(sub)))
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "desk/drafts/a.md"


def test_information_uri_from_metadata(monkeypatch):
    from importlib import metadata

    class Meta:
        def get_all(self, key):
            return ["Homepage, https://example.org/home"] if key == "Project-URL" else None

        def get(self, key):
            return None

    monkeypatch.setattr(metadata, "metadata", lambda name: Meta())
    assert formats._information_uri() == "https://example.org/home"


# ------------------------------------------------------------------------------------------------------------
# json and its schema


def test_json_is_the_sorted_model_dump(in_tmp):
    out = render(sample_report(), "json", show_verified=True)
    assert json.loads(out) == sample_report().model_dump(mode="json", by_alias=True)
    assert out == json.dumps(json.loads(out), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert '"class": "on-record-official"' in out  # the alias, not class_


def test_json_validates_against_committed_schema(in_tmp):
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for show in (False, True):
        jsonschema.validate(json.loads(render(sample_report(), "json", show_verified=show)), schema)
    jsonschema.validate(json.loads(render(Report(articles=[]), "json")), schema)


def test_schema_rejects_wrong_output():
    schema = report_schema()
    data = json.loads(render(sample_report(), "json"))
    data["articles"][0]["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data = json.loads(render(sample_report(), "json"))
    del data["articles"][0]["findings"][0]["location"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_committed_schema_equals_generated():
    assert schema_text() == generated_text(), "run `python -m attrib.report_schema` after changing models.Report"
