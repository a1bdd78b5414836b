"""Rule selection and severity: which rules run on a file, at what severity, and which findings fail the run."""

from __future__ import annotations

import os
import re
from typing import Any, get_args

from attrib import rules
from attrib.models import Finding, Settings, Severity, Verdict

SEVERITIES: tuple[str, ...] = get_args(Severity)  # worst first
_RANK = {"error": 3, "warning": 2, "note": 1}
VERDICTS: tuple[str, ...] = get_args(Verdict)


# --------------------------------------------------------------------------------------------------------------
# Rule patterns, severities and the failing level


def pattern_matches(pattern: str, rule_id: str) -> bool:
    """A rule id or a dotted prefix of one: ``vague`` matches ``vague.agentless``, ``vague.agent`` does not."""
    return rule_id == pattern or rule_id.startswith(pattern + ".")


def rule_pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` names no rule in the catalogue, or ``None`` when it names at least one."""
    if any(pattern_matches(pattern, rule.id) for rule in rules.RULES):
        return None
    prefixes = sorted({rule.id.split(".")[0] for rule in rules.RULES})
    return f"unknown rule {pattern!r} (rule ids look like 'vague.agentless'; prefixes: {', '.join(prefixes)})"


def parse_fail_on(value: Any) -> list[str]:
    """``"error"``, ``"misquoted,misdated"`` or a list of severities, verdicts and rule ids; ValueError if bad."""
    if isinstance(value, str):
        terms = [term.strip() for term in value.split(",") if term.strip()]
    elif isinstance(value, list) and all(isinstance(term, str) for term in value):
        terms = [term.strip() for term in value]
    else:
        raise ValueError("must be a severity (error, warning, note) or a list of verdicts and rule ids")
    if not terms:
        raise ValueError("is empty (give a severity such as 'error', or verdicts such as 'misquoted')")
    for term in terms:
        if term in SEVERITIES or term in VERDICTS:
            continue
        if rule_pattern_problem(term) is not None:
            raise ValueError(
                f"unknown {term!r} (a severity: {', '.join(SEVERITIES)}; a verdict: {', '.join(VERDICTS)}; or a rule id)"
            )
    return terms


def _specificity(patterns: list[str], rule_id: str) -> int:
    """Dotted depth of the most specific pattern matching ``rule_id``; -1 when none does."""
    return max((pattern.count(".") + 1 for pattern in patterns if pattern_matches(pattern, rule_id)), default=-1)


def severity_of(settings: Settings, rule_id: str) -> Severity | None:
    """The severity of ``rule_id`` under ``settings``, or ``None`` when the rule is not selected.

    Selection: every rule unless ``select`` is given; the most specific of ``select``/``ignore`` decides and a tie
    goes to ``ignore``. Severity: the catalogue default, then the most specific ``severity`` entry.
    """
    default = rules.rule(rule_id).severity  # an unknown id is a bug in the caller: let it raise
    selected = _specificity(settings.select, rule_id) if settings.select else 0
    ignored = _specificity(settings.ignore, rule_id)
    if selected < 0 or ignored >= selected:
        return None
    best: tuple[int, Severity] = (0, default)
    for pattern, severity in settings.severity.items():
        if pattern_matches(pattern, rule_id):
            depth = pattern.count(".") + 1
            if depth > best[0]:
                best = (depth, severity)
    return best[1]


def fails(settings: Settings, finding: Finding) -> bool:
    """Whether ``finding`` makes the exit code 1: its severity reaches a severity in ``fail_on``, or its verdict
    or rule is listed there."""
    for term in settings.fail_on:
        if term in _RANK:
            if _RANK[finding.severity] >= _RANK[term]:
                return True
        elif term == finding.verdict or pattern_matches(term, finding.rule):
            return True
    return False


# --------------------------------------------------------------------------------------------------------------
# Per-glob overrides


def glob_matches(glob: str, path: str) -> bool:
    """gitignore-style matching: ``*`` and ``?`` stay inside a folder, ``**`` crosses folders, a glob with no
    slash matches a file or folder name at any depth, a trailing slash means everything below."""
    return re.fullmatch(_glob_regex(glob), path.replace("\\", "/").removeprefix("./")) is not None


def _glob_regex(glob: str) -> str:
    glob = glob.replace("\\", "/")
    anywhere = "/" not in glob.rstrip("/")
    glob = glob.lstrip("/")
    if glob.endswith("/"):
        glob += "**"
    out: list[str] = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        char = glob[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            close = glob.find("]", i + 2)
            if close == -1:
                out.append(re.escape(char))
            else:
                body = glob[i + 1 : close]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = close
        else:
            out.append(re.escape(char))
        i += 1
    regex = "".join(out)
    if anywhere:
        # like .gitignore: "opinion" or "*.html" match at any depth, and a matching folder covers what is inside
        regex = f"(?:.*/)?{regex}(?:/.*)?"
    return f"(?s:{regex})"


def settings_for(settings: Settings, path: str, root: str | None = None) -> Settings:
    """``settings`` with every override whose glob matches ``path`` applied in order.

    ``path`` is relative to the config root (pass ``root`` to have an absolute or cwd-relative path made so). An
    override's ``select`` and ``fail_on`` replace the base lists, its ``ignore`` extends them and its
    ``severity`` entries win over the base table. The result carries no overrides, so applying it twice is safe.
    """
    if not settings.overrides:
        return settings
    if root is not None and path != "-":
        full = os.path.abspath(path)
        rel = os.path.relpath(full, os.path.abspath(root))
        path = full if rel.startswith("..") else rel
    select, ignore = list(settings.select), list(settings.ignore)
    severity, fail_on = dict(settings.severity), list(settings.fail_on)
    for override in settings.overrides:
        if not glob_matches(override.glob, path):
            continue
        if override.select is not None:
            select = list(override.select)
        if override.ignore is not None:
            ignore += [pattern for pattern in override.ignore if pattern not in ignore]
        if override.severity is not None:
            severity.update(override.severity)
        if override.fail_on is not None:
            fail_on = list(override.fail_on)
    return settings.model_copy(
        update={"select": select, "ignore": ignore, "severity": severity, "fail_on": fail_on, "overrides": []}
    )
