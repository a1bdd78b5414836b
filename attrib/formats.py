"""Machine and CI formats of a report (line, json, markdown, github, sarif): pure functions, no terminal, no rich."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from attrib.models import ArticleReport, Finding, Report

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "attribFingerprint/v1"

# Verdicts in the order a reader wants them: worst first.
VERDICT_ORDER = ("misquoted", "misattributed", "misdated", "mistitled", "unverified", "vague", "unsourced", "verified")
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}
_SARIF_LEVEL = {"error": "error", "warning": "warning", "note": "note"}


class Format(str, Enum):
    """The formats this module writes (``text``, the rich terminal report, is the terminal module's)."""

    LINE = "line"
    JSON = "json"
    MARKDOWN = "markdown"
    GITHUB = "github"
    SARIF = "sarif"


# --------------------------------------------------------------------------------------------------------------
# Shared pieces


def visible(report: Report, show_verified: bool) -> Report:
    """The report as machine formats show it: verified findings only with ``show_verified``."""
    if show_verified:
        return report
    articles = [
        article.model_copy(update={"findings": [f for f in article.findings if f.verdict != "verified"]})
        for article in report.articles
    ]
    return report.model_copy(update={"articles": articles})


def excerpt(text: str, limit: int = 60) -> str:
    """The finding's words on one line, cut at a word boundary with an ellipsis past ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def message(finding: Finding) -> str:
    """One-line message: the reason, who is said to speak, and a short excerpt of the words."""
    words = f'"{excerpt(finding.text)}"'
    if finding.speaker is not None and finding.speaker.name:
        return f"{_one_line(finding.reason)} — {finding.speaker.name}: {words}"
    return f"{_one_line(finding.reason)}: {words}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def artifact_path(path: str, root: str) -> str:
    """``path`` relative to the repository holding ``root`` (its git top, else ``root``), as POSIX; paths outside
    it stay as given. CI tools resolve annotations and SARIF locations against the repository root."""
    if path == "-":
        return path
    from attrib.gitdiff import find_repo_root

    base = find_repo_root(root) or os.path.abspath(root)
    try:
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(base)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _article_fingerprints(article: ArticleReport, rel: str) -> list[str]:
    """The findings' fingerprints, computed where the pipeline left them empty, made unique within the file."""
    from attrib.baseline import fingerprints

    computed = fingerprints(article.findings, rel)
    seen: dict[str, int] = {}
    result = []
    for finding, fallback in zip(article.findings, computed):
        fp = finding.fingerprint or fallback
        seen[fp] = seen.get(fp, 0) + 1
        result.append(fp if seen[fp] == 1 else f"{fp}:{seen[fp]}")
    return result


# --------------------------------------------------------------------------------------------------------------
# line


def render_line(report: Report, root: str = ".") -> str:
    """``path:line:col: severity rule: message``, one finding per line (unreadable files are on stderr)."""
    out = []
    for article in report.articles:
        for f in article.findings:
            out.append(f"{article.path}:{f.location.line}:{f.location.column}: {f.severity} {f.rule}: {message(f)}")
    return "".join(line + "\n" for line in out)


# --------------------------------------------------------------------------------------------------------------
# json


def render_json(report: Report, root: str = ".") -> str:
    """The report model as JSON (described by attrib/schemas/report.schema.json), keys sorted."""
    data = report.model_dump(mode="json", by_alias=True)
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------------------------
# markdown


def _md_cell(text: str) -> str:
    """Table-cell safe: one line, pipes escaped, no HTML or autolinked mentions sneaking in."""
    text = _one_line(text)
    for char, escaped in (("\\", "\\\\"), ("|", "\\|"), ("<", "&lt;"), (">", "&gt;"), ("@", "@\u200b")):
        text = text.replace(char, escaped)
    return text


def _count_verdicts(report: Report) -> dict[str, int]:
    counts: dict[str, int] = {}
    for article in report.articles:
        for finding in article.findings:
            counts[finding.verdict] = counts.get(finding.verdict, 0) + 1
    return counts


def render_markdown(report: Report, root: str = ".", *, all_counts: Report | None = None) -> str:
    """A summary (counts per verdict) and a table per draft with findings, for a PR comment or step summary."""
    counted = _count_verdicts(all_counts or report)
    findings = sum(len(article.findings) for article in report.articles)
    unlisted = counted.get("verified", 0) - _count_verdicts(report).get("verified", 0)
    suppressed = sum(article.suppressed for article in report.articles)
    out = ["## attrib report", ""]
    drafts = len(report.articles)
    line = f"{drafts} draft{'s' * (drafts != 1)} checked, {findings} finding{'s' * (findings != 1)}"
    if unlisted:
        line += f" ({unlisted} verified not listed)"
    if suppressed:
        line += f", {suppressed} suppressed"
    if report.summary is not None and report.summary.baseline_matched:
        line += f", {report.summary.baseline_matched} in the baseline"
    if report.summary is not None and report.summary.baseline_stale:
        line += f", {report.summary.baseline_stale} baseline entries no longer match"
    out += [line + ".", ""]
    if counted:
        out += ["| verdict | findings |", "| --- | ---: |"]
        for verdict in sorted(counted, key=lambda v: (VERDICT_ORDER.index(v) if v in VERDICT_ORDER else 99, v)):
            out.append(f"| {verdict} | {counted[verdict]} |")
        out.append("")
    errors = [article for article in report.articles if article.error]
    if errors:
        out += ["**Could not check:**", ""]
        out += [f"- `{_md_cell(a.path)}`: {_md_cell(a.error or '')}" for a in errors]
        out.append("")
    clean = 0
    for article in report.articles:
        if article.error:
            continue
        flags = article.profile.flags if article.profile is not None else []
        if not article.findings and not flags:
            clean += 1
            continue
        out += [f"### {_md_cell(article.path)}", ""]
        if article.profile is not None:
            out += _markdown_profile(article)
        if article.findings:
            out += ["| location | verdict | rule | speaker | text | reason |", "| --- | --- | --- | --- | --- | --- |"]
            for f in article.findings:
                speaker = f.speaker.name if f.speaker is not None else ""
                out.append(
                    f"| `{article.path}:{f.location.line}:{f.location.column}` | {f.verdict} ({f.severity}) "
                    f"| `{f.rule}` | {_md_cell(speaker)} | {_md_cell(excerpt(f.text, 80))} | {_md_cell(f.reason)} |"
                )
            out.append("")
    if clean and clean != drafts:
        out += [f"{clean} other draft{'s' * (clean != 1)} had no findings.", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _markdown_profile(article: ArticleReport) -> list[str]:
    profile = article.profile
    assert profile is not None
    classes = ", ".join(f"{name} {count}" for name, count in sorted(profile.by_class.items(), key=lambda kv: (-kv[1], kv[0])))
    lines = [
        f"**Sourcing:** {profile.claims} claim{'s' * (profile.claims != 1)}, "
        f"{profile.on_record_share:.0%} on the record" + (f" ({_md_cell(classes)})" if classes else "") + ".",
    ]
    for flag in profile.flags:
        lines.append(f"- ⚠ {_md_cell(flag)}")
    return lines + [""]


def write_github_summary(report: Report, show_verified: bool = False) -> bool:
    """Append the Markdown summary to ``$GITHUB_STEP_SUMMARY`` when set (GitHub shows only ten annotations of
    each kind per step; the summary shows everything). Returns whether it wrote."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    text = render_markdown(visible(report, show_verified), all_counts=report)
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(text + "\n")
    return True


# --------------------------------------------------------------------------------------------------------------
# github


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped (``%`` first, or the others would be re-escaped)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as data, plus ``:`` and ``,`` which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, root: str = ".") -> str:
    """GitHub workflow commands, one per finding (``error``/``warning``/``notice``), then a plain summary line.

    ``endColumn`` is the last character, like ``Location.end_column``; GitHub accepts columns only on a one-line
    annotation, so a finding over several lines gives ``line`` and ``endLine`` alone.
    """
    out = []
    counts = {"error": 0, "warning": 0, "note": 0}
    for article in report.articles:
        path = artifact_path(article.path, root)
        if article.error:
            out.append(f"::error file={escape_property(path)},title={escape_property('attrib: could not check')}::"
                       f"{escape_data(article.error)}")
            continue
        for f in article.findings:
            counts[f.severity] += 1
            loc = f.location
            props = [f"file={escape_property(path)}", f"line={loc.line}"]
            if loc.line == loc.end_line:
                props.append(f"col={loc.column}")
            props.append(f"endLine={loc.end_line}")
            if loc.line == loc.end_line:
                props.append(f"endColumn={loc.end_column}")
            props.append(f"title={escape_property(f'attrib {f.rule}')}")
            text = message(f)
            urls = [e.url for e in f.evidence if e.url]
            if urls:
                text += "\nRecord: " + " ".join(dict.fromkeys(urls))
            out.append(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{escape_data(text)}")
    total = sum(counts.values())
    out.append(
        f"attrib: {total} finding{'s' * (total != 1)} ({counts['error']} error{'s' * (counts['error'] != 1)}, "
        f"{counts['warning']} warning{'s' * (counts['warning'] != 1)}, {counts['note']} note{'s' * (counts['note'] != 1)})"
    )
    return "".join(line + "\n" for line in out)


# --------------------------------------------------------------------------------------------------------------
# sarif


def _information_uri() -> str | None:
    """The project's home page from the installed package metadata, when it declares one."""
    from importlib import metadata

    try:
        meta = metadata.metadata("attrib")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository") and url.strip():
            return url.strip()
    return meta.get("Home-page") or None


def sarif_rules() -> list[dict[str, object]]:
    """One SARIF reporting descriptor per rule of the catalogue, in catalogue order (``ruleIndex`` points here)."""
    from attrib.rules import RULES

    return [
        {
            "id": rule.id,
            "name": "".join(part.capitalize() for part in rule.id.replace("-", ".").split(".")),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.help},
            "help": {"text": rule.help, "markdown": f"**{rule.summary}** ({rule.verdict}). {rule.help}"},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"verdict": rule.verdict, "tags": ["attribution", rule.verdict]},
        }
        for rule in RULES
    ]


def render_sarif(report: Report, root: str = ".") -> str:
    """SARIF 2.1.0: repository-relative URIs under ``%SRCROOT%``, 1-based columns in code points (endColumn
    exclusive, so the last character + 1), stable partial fingerprints, evidence URLs in properties."""
    from attrib import __version__
    from attrib.rules import RULES

    index = {rule.id: i for i, rule in enumerate(RULES)}
    results: list[dict[str, object]] = []
    notifications: list[dict[str, object]] = []
    for article in report.articles:
        uri = artifact_path(article.path, root)
        location: dict[str, object] = {"uri": uri}
        if not (uri.startswith("/") or uri == "-"):
            location["uriBaseId"] = "%SRCROOT%"
        elif uri.startswith("/"):
            location = {"uri": Path(uri).as_uri()}
        if article.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": article.error},
                    "locations": [{"physicalLocation": {"artifactLocation": location}}],
                }
            )
            continue
        for finding, fp in zip(article.findings, _article_fingerprints(article, uri)):
            loc = finding.location
            result: dict[str, object] = {
                "ruleId": finding.rule,
                "level": _SARIF_LEVEL[finding.severity],
                "message": {"text": message(finding)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": dict(location),
                            "region": {
                                "startLine": loc.line,
                                "startColumn": loc.column,
                                "endLine": loc.end_line,
                                "endColumn": loc.end_column + 1,
                            },
                        }
                    }
                ],
                "partialFingerprints": {FINGERPRINT_KEY: fp},
                "properties": _sarif_properties(finding),
            }
            if finding.rule in index:
                result["ruleIndex"] = index[finding.rule]
            results.append(result)
    driver: dict[str, object] = {"name": "attrib", "version": report.tool.get("version", __version__),
                                 "semanticVersion": report.tool.get("version", __version__)}
    uri = _information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = sarif_rules()
    run: dict[str, object] = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "results": results,
    }
    document = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _sarif_properties(finding: Finding) -> dict[str, object]:
    props: dict[str, object] = {"verdict": finding.verdict, "kind": finding.kind, "findingId": finding.id}
    if finding.speaker is not None:
        props["speaker"] = finding.speaker.name
    if finding.source is not None:
        props["sourceClass"] = finding.source.class_
        props["credibility"] = finding.source.credibility
    urls = list(dict.fromkeys(e.url for e in finding.evidence if e.url))
    if urls:
        props["sourceUrls"] = urls
    documents = list(dict.fromkeys(e.document_id for e in finding.evidence))
    if documents:
        props["evidenceDocuments"] = documents
    return props


# --------------------------------------------------------------------------------------------------------------

RENDERERS: dict[Format, Callable[[Report, str], str]] = {
    Format.LINE: render_line,
    Format.JSON: render_json,
    Format.MARKDOWN: render_markdown,
    Format.GITHUB: render_github,
    Format.SARIF: render_sarif,
}


def render(report: Report, fmt: str, *, show_verified: bool = False, root: str = ".") -> str:
    """The report in ``fmt`` (a ``Format`` value); verified findings appear only with ``show_verified``."""
    try:
        kind = Format(fmt)
    except ValueError:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(f.value for f in Format)})") from None
    shown = visible(report, show_verified)
    if kind is Format.MARKDOWN:
        return render_markdown(shown, root, all_counts=report)
    return RENDERERS[kind](shown, root)
