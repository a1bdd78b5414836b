"""Baselines: fingerprints of accepted findings, so that later runs report only new ones."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from attrib.errors import ConfigError
from attrib.models import Finding, Report

BASELINE_VERSION = 1

# Typography a writer may change without changing the finding: curly/straight quotes, dashes, ellipses.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2026": "...",
    }
)


def normalise_text(text: str) -> str:
    """The finding's words as compared for fingerprints: NFKC, plain typography, one space, case-folded."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return " ".join(text.split()).casefold()


def fingerprint(finding: Finding, path: str, occurrence: int = 0) -> str:
    """A stable id for ``finding`` in the file at repository-relative ``path``.

    It hashes the path, rule, normalised text, speaker and ``occurrence`` (0 for the first of identical findings
    in a file, 1 for the second …), never line numbers, so it survives edits elsewhere in the file.
    """
    speaker = finding.speaker.name if finding.speaker is not None else ""
    parts = ["v1", path.replace("\\", "/").removeprefix("./"), finding.rule, normalise_text(finding.text), speaker]
    if occurrence:
        parts.append(str(occurrence))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def fingerprints(findings: list[Finding], path: str) -> list[str]:
    """Fingerprints for one file's findings, in order, with occurrence counters that tell identical ones apart."""
    seen: Counter[str] = Counter()
    result = []
    for finding in findings:
        base = fingerprint(finding, path)
        result.append(fingerprint(finding, path, seen[base]))
        seen[base] += 1
    return result


def with_fingerprints(findings: list[Finding], path: str) -> list[Finding]:
    """``findings`` with ``fingerprint`` filled in (occurrence-counted within the file)."""
    return [f.model_copy(update={"fingerprint": fp}) for f, fp in zip(findings, fingerprints(findings, path))]


def relative_path(path: str, root: str) -> str:
    """``path`` relative to ``root`` as POSIX, or as given when it lies outside (or is ``-``)."""
    if path == "-":
        return path
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    path: str
    rule: str
    line: int
    text: str


@dataclass
class Baseline:
    """Accepted findings. ``filter`` matches each entry at most once; ``stale`` counts the entries that no checked
    file matched (when ``filter`` was told the paths, entries of files not checked in this run are not stale)."""

    entries: list[Entry]
    path: str = ""
    _matched: Counter[str] = field(default_factory=Counter)
    _checked: set[str] = field(default_factory=set)

    def filter(self, findings: list[Finding], path: str | None = None) -> tuple[list[Finding], int]:
        """The findings not in the baseline, and how many were. Findings need ``fingerprint`` set, or ``path``
        (repository-relative, as the baseline was written) to compute it."""
        if path is not None:
            self._checked.add(path.replace("\\", "/").removeprefix("./"))
            missing = [f for f in findings if not f.fingerprint]
            if missing:
                computed = iter(fingerprints(findings, path))
                findings = [f.model_copy(update={"fingerprint": fp}) for f, fp in zip(findings, computed)]
        available = Counter(entry.fingerprint for entry in self.entries) - self._matched
        new: list[Finding] = []
        matched = 0
        for finding in findings:
            if finding.fingerprint and available[finding.fingerprint] > 0:
                available[finding.fingerprint] -= 1
                self._matched[finding.fingerprint] += 1
                matched += 1
            else:
                new.append(finding)
        return new, matched

    @property
    def stale(self) -> int:
        remaining = Counter(entry.fingerprint for entry in self.entries) - self._matched
        if not self._checked:
            return sum(remaining.values())
        stale = 0
        for entry in self.entries:
            if entry.path in self._checked and remaining[entry.fingerprint] > 0:
                remaining[entry.fingerprint] -= 1
                stale += 1
        return stale


def load_baseline(file: str) -> Baseline:
    """Read a baseline written by ``write_baseline``; ConfigError names the file when it is missing or invalid."""
    try:
        with open(file, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"--baseline {file}: no such file (write one with `attrib baseline {file} PATH...`)") from None
    except OSError as error:
        raise ConfigError(f"--baseline {file}: cannot read: {error.strerror or error}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        line = getattr(error, "lineno", None)
        raise ConfigError(f"{file}:{line or 1}: not a baseline file (invalid JSON)") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{file}: not an attrib baseline (version {BASELINE_VERSION} with a findings list)")
    entries = []
    for index, item in enumerate(data["findings"]):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise ConfigError(f"{file}: findings[{index}] has no fingerprint")
        entries.append(
            Entry(
                fingerprint=item["fingerprint"],
                path=str(item.get("path", "")),
                rule=str(item.get("rule", "")),
                line=int(item.get("line", 0) or 0),
                text=str(item.get("text", "")),
            )
        )
    return Baseline(entries=entries, path=file)


def baseline_entries(report: Report, root: str = ".") -> list[Entry]:
    """One entry per finding of the report (verified ones are nothing to accept, so they are left out)."""
    entries = []
    for article in report.articles:
        rel = relative_path(article.path, root)
        findings = [f for f in article.findings if f.verdict != "verified"]
        computed = fingerprints(findings, rel)
        for finding, fp in zip(findings, computed):
            entries.append(
                Entry(
                    fingerprint=finding.fingerprint or fp,
                    path=rel,
                    rule=finding.rule,
                    line=finding.location.line,
                    text=_short(finding.text),
                )
            )
    return entries


def write_baseline(file: str, report: Report, root: str = ".") -> int:
    """Write the report's findings to ``file`` (sorted, so regenerating gives small diffs); return the count."""
    entries = baseline_entries(report, root)
    entries.sort(key=lambda e: (e.path, e.line, e.rule, e.fingerprint))
    document = {
        "version": BASELINE_VERSION,
        "tool": "attrib",
        "findings": [
            {"fingerprint": e.fingerprint, "path": e.path, "rule": e.rule, "line": e.line, "text": e.text}
            for e in entries
        ],
    }
    target = Path(file)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return len(entries)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return re.sub(r"[\s,;:]+$", "", cut) + "…"


def run_baseline(args: argparse.Namespace) -> int:
    """``attrib baseline FILE PATH...``: check the drafts and record every finding in FILE."""
    from attrib.check import build_report, options_from_args

    # the baseline subcommand has no output or filtering flags; the pipeline reads them with defaults
    for name in ("format", "output", "fail_on", "show_verified", "diff", "baseline", "max_size", "window_days",
                 "stdin_format"):
        if not hasattr(args, name):
            setattr(args, name, None)
    options = options_from_args(args)
    options.baseline = None  # the baseline records everything, whatever the config says
    options.diff = None
    report = build_report(options)
    failed = [article for article in report.articles if article.error]
    for article in failed:
        print(f"attrib: {article.path}: {article.error}", file=sys.stderr)
    count = write_baseline(args.file, report, root=options.config_root)
    drafts = len(report.articles) - len(failed)
    print(f"attrib: recorded {count} finding{'s' * (count != 1)} from {drafts} draft{'s' * (drafts != 1)} in {args.file}")
    return 2 if failed else 0
