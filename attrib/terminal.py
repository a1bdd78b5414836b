"""The terminal report (rich): sourcing profile and summary first, then one entry per finding with its evidence."""

from __future__ import annotations

from typing import IO

from attrib.models import ArticleReport, DiffOp, Evidence, Finding, Report

VERDICT_STYLE = {
    "verified": "bold green",
    "misquoted": "bold red",
    "misattributed": "bold red",
    "misdated": "bold red",
    "mistitled": "bold yellow",
    "unverified": "bold yellow",
    "vague": "bold magenta",
    "unsourced": "bold magenta",
}
VERDICT_ORDER = ("misquoted", "misattributed", "misdated", "mistitled", "unverified", "vague", "unsourced", "verified")
CREDIBILITY_STYLE = {"high": "green", "medium": "yellow", "low": "red"}


def render_terminal(report: Report, file: IO[str], *, color: bool, width: int | None = None) -> None:
    from rich.console import Console

    console = Console(
        file=file,
        color_system="auto" if color else None,
        force_terminal=color or None,
        no_color=not color,
        highlight=False,
        emoji=False,
        width=width,
        soft_wrap=False,
    )
    for article in report.articles:
        _article(console, article)
    if report.summary is not None and len(report.articles) > 1:
        _out(console, _summary_line(report.summary.by_verdict, report.summary.findings), 0)
    summary = report.summary
    if summary is not None and (summary.baseline_matched or summary.baseline_stale):
        console.print(
            f"baseline: {summary.baseline_matched} known findings hidden, "
            f"{summary.baseline_stale} baseline entries no longer match"
        )
    console.print(
        "[dim]attrib checks attribution (who said these words, and when), not whether a claim is true.[/dim]"
    )


def _article(console, article: ArticleReport) -> None:
    from rich.text import Text

    header = Text(article.path, style="bold underline")
    if article.date:
        header.append(f"  {article.date.isoformat()}", style="dim")
    if article.title:
        header.append(f"  {article.title}", style="dim")
    _out(console, header, 0)
    if article.error:
        console.print(Text(f"  error: {article.error}", style="bold red"))
        console.print()
        return
    if article.profile is not None and article.profile.claims:
        _profile(console, article)
    counts: dict[str, int] = {}
    for finding in article.findings:
        counts[finding.verdict] = counts.get(finding.verdict, 0) + 1
    line = _summary_line(counts, len(article.findings))
    if article.suppressed:
        line.append(f" · {article.suppressed} suppressed", style="dim")
    _out(console, line, 2)
    console.print()
    for finding in article.findings:
        _finding(console, article.path, finding)


def _summary_line(counts: dict[str, int], total: int):
    from rich.text import Text

    text = Text("findings: ", style="bold")
    text.append(f"{total}")
    for verdict in VERDICT_ORDER:
        if counts.get(verdict):
            text.append(" · ")
            text.append(f"{counts[verdict]} {verdict}", style=VERDICT_STYLE[verdict])
    return text


def _profile(console, article: ArticleReport) -> None:
    from rich.text import Text

    profile = article.profile
    assert profile is not None
    head = Text("sourcing: ", style="bold")
    head.append(f"{profile.claims} claims, {profile.on_record_share:.0%} on the record")
    _out(console, head, 2)
    classes = Text()
    for i, (cls, n) in enumerate(profile.by_class.items()):
        if i:
            classes.append(" · ")
        classes.append(f"{cls} {n}")
    _out(console, classes, 4)
    if profile.sources:
        leans = Text("rests on: ", style="dim")
        leans.append(", ".join(f"{s.name} ({s.claims})" for s in profile.sources[:6]))
        _out(console, leans, 4)
    for flag in profile.flags:
        _out(console, Text(f"! {flag}", style="yellow"), 4)


def _finding(console, path: str, finding: Finding) -> None:
    from rich.text import Text

    loc = finding.location
    head = Text(f"{path}:{loc.line}:{loc.column}", style="bold")
    head.append(f"  {finding.kind}{' (fragment)' if finding.fragment else ''}", style="dim")
    if finding.speaker is not None:
        who = finding.speaker.name
        extra = ", ".join(x for x in (finding.speaker.title, finding.speaker.affiliation) if x)
        head.append(f"  {who}" + (f" ({extra})" if extra else ""), style="cyan")
        if finding.speaker.via:
            head.append(f" via {finding.speaker.via}", style="dim")
    if finding.date is not None and finding.date.start is not None:
        span = finding.date.start.isoformat()
        if finding.date.end and finding.date.end != finding.date.start:
            span += f"…{finding.date.end.isoformat()}"
        head.append(f"  {span}", style="dim")
    _out(console, head, 0)

    words = Text()
    if finding.kind == "quote":
        words.append("“")
        words.append(_clip(finding.text, 300), style="italic")
        words.append("”")
    else:
        words.append(_clip(finding.text, 300))
    _out(console, words, 2)

    verdict = Text()
    verdict.append(finding.verdict.upper(), style=VERDICT_STYLE.get(finding.verdict, "bold"))
    verdict.append(f" {finding.severity}", style="dim")
    verdict.append(f"  {finding.rule}", style="dim")
    verdict.append(f"  {finding.reason}")
    _out(console, verdict, 2)
    if finding.source is not None:
        source = Text("source: ", style="dim")
        source.append(finding.source.class_, style=CREDIBILITY_STYLE.get(finding.source.credibility, ""))
        source.append(f" ({finding.source.credibility})", style="dim")
        if finding.source.publisher:
            source.append(f"  {finding.source.publisher}", style="dim")
        if finding.source.channel:
            source.append(f"  via {finding.source.channel}", style="dim")
        _out(console, source, 2)
    for evidence in finding.evidence[:2]:
        _evidence(console, evidence)
    console.print()


def _evidence(console, evidence: Evidence) -> None:
    from rich.text import Text

    head = Text("↳ ", style="dim")
    head.append(evidence.document_id, style="bold")
    if evidence.date:
        head.append(f" ({evidence.date.isoformat()})")
    who = evidence.speaker or ("narration" if evidence.speaker_role == "narration" else evidence.speaker_role)
    head.append(f"  {who}", style="cyan")
    head.append(f"  {evidence.match}, score {evidence.score:.0f}", style="dim")
    if evidence.record == "third-party":
        head.append("  third-party record", style="yellow")
    _out(console, head, 4)
    # a word diff explains a misquote or an elision; a paraphrase is better read as the passage itself
    if evidence.match != "paraphrase" and evidence.diff and any(op.op != "equal" for op in evidence.diff):
        _out(console, _diff_text(evidence.diff), 6)
    else:
        _out(console, Text("“").append(_clip(evidence.passage, 300), style="italic").append("”"), 6)
    if evidence.url or evidence.path:
        _out(console, Text(f"{evidence.url or evidence.path}", style="dim"), 6)


def _diff_text(ops: list[DiffOp]):
    """The record's wording with the quote's changes marked: [-record-] struck, {+quote+} added."""
    from rich.text import Text

    text = Text()
    for op in ops:
        if op.op == "equal":
            text.append(op.source + " ")
        elif op.op == "replace":
            text.append(f"[-{op.source}-]", style="red strike")
            text.append(f"{{+{op.claim}+}} ", style="green")
        elif op.op == "delete":
            text.append(f"[-{op.source}-] ", style="red strike")
        else:
            text.append(f"{{+{op.claim}+}} ", style="green")
    return text


def _out(console, text, indent: int) -> None:
    """Print ``text`` indented, wrapping under the indent rather than at the left margin."""
    from rich.text import Text

    if isinstance(text, str):
        text = Text(text)
    for line in text.wrap(console, max(20, console.width - indent), justify="left", overflow="fold"):
        line.rstrip()
        console.print(Text(" " * indent).append_text(line), soft_wrap=True)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
