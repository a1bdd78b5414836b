"""The ``attrib check`` pipeline: read → extract → judge → classify → filter → report → render → exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from attrib.baseline import relative_path
from attrib.errors import AttribError, InputError
from attrib.models import (
    Article,
    ArticleReport,
    Finding,
    Judgement,
    Registry,
    Report,
    Settings,
    Summary,
)


@dataclass
class CheckOptions:
    """Everything ``build_report`` needs, whether it came from the command line or a test."""

    paths: list[str]
    settings: Settings = field(default_factory=Settings)
    config_root: str = "."
    date: dt.date | None = None
    stdin_format: str | None = None
    diff: str | None = None
    baseline: str | None = None
    cache_dir: str | None = None
    stdin: bytes | None = None


def options_from_args(args: argparse.Namespace) -> CheckOptions:
    from attrib.config import apply_cli, load_settings

    loaded = apply_cli(load_settings(getattr(args, "config", None), os.getcwd()), args)
    date = None
    if getattr(args, "date", None):
        from attrib.dates import parse_iso

        try:
            date = parse_iso(args.date)
        except ValueError as error:
            raise AttribError(f"--date {args.date!r}: {error} (use YYYY-MM-DD)") from None
    return CheckOptions(
        paths=list(args.paths),
        settings=loaded.settings,
        config_root=loaded.root,
        date=date,
        stdin_format=getattr(args, "stdin_format", None),
        diff=getattr(args, "diff", None),
        baseline=getattr(args, "baseline", None),
    )


def find_registry(settings: Settings, config_root: str) -> str | None:
    """The registry to use: the configured one, else ``sources.yaml`` beside the config or in the working folder."""
    if settings.sources:
        return settings.sources
    for folder in (config_root, os.getcwd()):
        candidate = Path(folder) / "sources.yaml"
        if candidate.is_file():
            return str(candidate)
    return None


def load_configured_registry(settings: Settings, config_root: str) -> Registry | None:
    path = find_registry(settings, config_root)
    if path is None:
        return None
    from attrib.registry import load_registry

    return load_registry(path)


def build_report(options: CheckOptions | argparse.Namespace) -> Report:
    """Check every article in ``options.paths`` and return the report (input errors become article errors)."""
    if isinstance(options, argparse.Namespace):
        options = options_from_args(options)
    from attrib.reader import discover

    registry = load_configured_registry(options.settings, options.config_root)
    if registry is not None:
        import gc

        # A large registry is hundreds of thousands of long-lived objects: move them out of the collector's
        # way so each later collection does not walk them again.
        gc.freeze()
    changed = None
    if options.diff:
        from attrib.gitdiff import changed_lines

        changed = changed_lines(options.diff, options.paths, os.getcwd())
    baseline = None
    if options.baseline:
        from attrib.baseline import load_baseline

        baseline = load_baseline(options.baseline)

    articles: list[ArticleReport] = []
    for path, problem in discover(options.paths):
        if problem is not None:
            articles.append(ArticleReport(path=path, error=problem.message))
            continue
        if changed is not None and path != "-" and str(Path(path).resolve()) not in changed:
            continue
        try:
            articles.append(check_article(path, options, registry, changed))
        except InputError as error:
            articles.append(ArticleReport(path=path, error=error.message))

    matched = stale = 0
    if baseline is not None:
        kept_articles = []
        for article in articles:
            new, hits = baseline.filter(article.findings, path=relative_path(article.path, options.config_root))
            matched += hits
            kept_articles.append(article.model_copy(update={"findings": new}))
        articles = kept_articles
        stale = baseline.stale
    return Report(articles=articles, summary=summarise(articles, matched, stale), tool=_tool())


def check_article(
    path: str, options: CheckOptions, registry: Registry | None, changed: dict[str, set[int]] | None = None
) -> ArticleReport:
    from attrib.extract import extract
    from attrib.policy import settings_for
    from attrib.reader import read_article
    from attrib.verify import judge

    settings = settings_for(options.settings, relative_path(path, options.config_root))
    data = None
    if path == "-":
        data = options.stdin if options.stdin is not None else sys.stdin.buffer.read()
    fmt = (options.stdin_format or "markdown") if path == "-" else None
    article = read_article(path, data=data, fmt=fmt, date=options.date, max_size=settings.max_size)
    claims = extract(article)
    judgements = judge(claims, article, registry, settings, cache_dir=options.cache_dir)
    findings = to_findings(judgements, article, registry, settings, options.config_root)

    from attrib.credibility import policy_findings, profile

    article_profile = profile(findings)
    findings += policy_findings(article_profile, article, settings, options.config_root)

    from attrib.suppress import find_suppressions

    findings, suppressed, problems = find_suppressions(article.text, article.format).apply(findings)
    findings += _problem_findings(problems, article, settings)
    if changed is not None and path != "-":
        lines = changed.get(str(Path(path).resolve()), set())
        findings = [f for f in findings if any(n in lines for n in range(f.location.line, f.location.end_line + 1))]
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.id))
    from attrib.baseline import with_fingerprints

    findings = with_fingerprints(findings, relative_path(path, options.config_root))
    return ArticleReport(
        path=path,
        date=article.date,
        title=article.title,
        findings=findings,
        profile=article_profile,
        suppressed=suppressed,
    )


def to_findings(
    judgements: list[Judgement], article: Article, registry: Registry | None, settings: Settings, root: str = "."
) -> list[Finding]:
    from attrib.credibility import Classifier
    from attrib.policy import severity_of
    from attrib.positions import LineIndex

    lines = LineIndex(article.text)
    classify = Classifier(registry, settings)
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for judgement in judgements:
        severity = severity_of(settings, judgement.rule)
        if severity is None:
            continue
        claim = judgement.claim
        span = judgement.span or claim.span
        base = claim.id if judgement.span is None else f"{claim.id}-{judgement.verdict}"
        seen[base] = seen.get(base, 0) + 1
        finding = Finding(
            id=base if seen[base] == 1 else f"{base}-{seen[base]}",
            kind=claim.kind,
            verdict=judgement.verdict,
            severity=severity,
            rule=judgement.rule,
            reason=judgement.reason,
            text=claim.text if judgement.span is None else article.text[span.start : span.end],
            span=span,
            location=lines.location(span),
            speaker=claim.speaker,
            cue=claim.cue,
            date=claim.date,
            fragment=claim.fragment,
            evidence=judgement.evidence,
            source=classify(judgement),
        )
        findings.append(finding)
    return findings


def _problem_findings(problems, article: Article, settings: Settings) -> list[Finding]:
    """Findings about the draft itself (a suppression comment without a reason), where their rule is selected."""
    from attrib.policy import severity_of
    from attrib.positions import LineIndex

    lines = LineIndex(article.text)
    findings = []
    for problem in problems:
        severity = severity_of(settings, problem.rule)
        if severity is None:
            continue
        span = problem.span
        findings.append(
            Finding(
                id=problem.id,
                kind="unattributed",
                verdict=problem.verdict,
                severity=severity,
                rule=problem.rule,
                reason=problem.reason,
                text=article.text[span.start : span.end],
                span=span,
                location=lines.location(span),
            )
        )
    return findings


def summarise(articles: list[ArticleReport], baseline_matched: int = 0, baseline_stale: int = 0) -> Summary:
    by_verdict: dict[str, int] = {}
    findings = 0
    for article in articles:
        for finding in article.findings:
            by_verdict[finding.verdict] = by_verdict.get(finding.verdict, 0) + 1
            findings += 1
    return Summary(
        articles=len(articles),
        findings=findings,
        by_verdict=dict(sorted(by_verdict.items())),
        errors=sum(1 for a in articles if a.error),
        suppressed=sum(a.suppressed for a in articles),
        baseline_matched=baseline_matched,
        baseline_stale=baseline_stale,
    )


def exit_code(report: Report, settings: Settings, config_root: str = ".") -> int:
    """2 when an article could not be read; 1 when a finding reaches the failing level; else 0."""
    from attrib.policy import fails, settings_for

    if any(article.error for article in report.articles):
        return 2
    for article in report.articles:
        file_settings = settings_for(settings, relative_path(article.path, config_root))
        if any(fails(file_settings, finding) for finding in article.findings):
            return 1
    return 0


def run_check(args: argparse.Namespace) -> int:
    options = options_from_args(args)
    report = build_report(options)
    fmt = args.format or "text"
    show_verified = options.settings.show_verified
    for article in report.articles:
        if article.error:
            print(f"attrib: {article.path}: {article.error}", file=sys.stderr)
    if fmt == "text":
        from attrib.terminal import render_terminal

        if args.output:
            import io

            buffer = io.StringIO()
            render_terminal(report, buffer, color=False, width=100)
            _write(buffer.getvalue(), args.output)
        else:
            render_terminal(report, sys.stdout, color=_use_color(args))
    else:
        from attrib.formats import render, write_github_summary

        text = render(report, fmt, show_verified=show_verified, root=options.config_root)
        _write(text, args.output)
        if fmt == "github":
            write_github_summary(report)
    return exit_code(report, options.settings, options.config_root)


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    import tempfile

    target = Path(output)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent if str(target.parent) else ".")
    except OSError as error:
        raise AttribError(f"--output {output}: cannot write there ({error.strerror}); check the folder exists") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _use_color(args: argparse.Namespace) -> bool:
    if getattr(args, "no_color", False) or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _tool() -> dict[str, str]:
    from attrib import __version__

    return {"name": "attrib", "version": __version__}
