"""Inline suppressions in drafts: ``<!-- attrib: ignore-next-line [rule…] reason="…" -->`` and ``off`` / ``on``."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from attrib.models import Finding, Severity, Span, Verdict

NO_REASON = "suppression.no-reason"

# One comment; the body is parsed separately so a malformed one is still seen (and can be reported).
_COMMENT = re.compile(r"<!--\s*attrib\s*:(?P<body>.*?)-->", re.S)
_REASON = re.compile(r"""\breason\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|“(?P<curly>[^”]*)”)""")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})", re.M)

DIRECTIVES = ("ignore-next-line", "off", "on")


@dataclass(frozen=True)
class Problem:
    """A finding about a suppression comment itself; the pipeline turns it into a ``Finding``."""

    id: str
    rule: str
    verdict: Verdict
    severity: Severity
    reason: str
    span: Span
    line: int


@dataclass(frozen=True)
class Directive:
    """One parsed ``<!-- attrib: … -->`` comment."""

    action: str  # ignore-next-line | off | on
    rules: tuple[str, ...]  # empty: every rule
    reason: str | None
    span: Span  # the whole comment
    line: int  # 1-based line of the comment's end
    target: int | None = None  # ignore-next-line: the line it covers


@dataclass
class Suppressions:
    """The suppressions of one draft; ``apply`` removes the findings they cover."""

    directives: list[Directive] = field(default_factory=list)
    regions: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)  # [start, end) offsets, rules
    problems: list[Problem] = field(default_factory=list)

    def covers(self, finding: Finding) -> bool:
        for directive in self.directives:
            if directive.action != "ignore-next-line" or directive.target is None:
                continue
            if finding.location.line <= directive.target <= finding.location.end_line and _rule_in(
                finding.rule, directive.rules
            ):
                return True
        for start, end, rules in self.regions:
            if start <= finding.span.start < end and _rule_in(finding.rule, rules):
                return True
        return False

    def apply(self, findings: list[Finding]) -> tuple[list[Finding], int, list[Problem]]:
        """(kept findings, number suppressed, a warning for each suppression without a reason)."""
        kept = [finding for finding in findings if not self.covers(finding)]
        return kept, len(findings) - len(kept), list(self.problems)


def _rule_in(rule_id: str, patterns: tuple[str, ...]) -> bool:
    return not patterns or any(rule_id == p or rule_id.startswith(p + ".") for p in patterns)


def find_suppressions(text: str, fmt: str) -> Suppressions:
    """Parse the suppression comments of a Markdown or HTML draft (plain text has no comments: none apply).

    ``ignore-next-line`` covers the next non-blank line after the comment (so a blank line between a comment
    block and its paragraph is fine); ``off`` covers everything from the comment to the next ``on`` (or the end of
    the file). Comments inside fenced code blocks or inline code are examples, not suppressions.
    """
    result = Suppressions()
    if fmt not in ("markdown", "html"):
        return result
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    fences = _fenced_blocks(text) if fmt == "markdown" else []
    open_regions: list[tuple[int, tuple[str, ...]]] = []
    for match in _COMMENT.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in fences) or (start > 0 and text[start - 1] == "`"):
            continue
        directive = _parse(match.group("body"), Span(start=start, end=end), text, line_starts)
        if directive is None:
            continue
        result.directives.append(directive)
        if directive.action == "off":
            open_regions.append((end, directive.rules))
        elif directive.action == "on":
            # "on" closes every open region: nested off/on with different rule lists are not worth the confusion
            result.regions += [(region_start, start, rules) for region_start, rules in open_regions]
            open_regions = []
        if directive.action != "on" and not directive.reason:
            number = len(result.problems) + 1
            result.problems.append(
                Problem(
                    id=f"s{number}",
                    rule=NO_REASON,
                    verdict="unverified",
                    severity="warning",
                    reason=f'suppression "attrib: {directive.action}" gives no reason (add reason="…")',
                    span=directive.span,
                    line=bisect.bisect_right(line_starts, start),
                )
            )
    result.regions += [(region_start, len(text), rules) for region_start, rules in open_regions]
    return result


def _parse(body: str, span: Span, text: str, line_starts: list[int]) -> Directive | None:
    reason_match = _REASON.search(body)
    reason = None
    if reason_match:
        reason = next(g for g in reason_match.group("double", "single", "curly") if g is not None).strip() or None
        body = body[: reason_match.start()] + body[reason_match.end() :]
    words = [word for word in re.split(r"[\s,]+", body) if word]
    if not words or words[0].lower() not in DIRECTIVES:
        return None  # not one of ours (or a typo): the findings stay visible, which shows it did nothing
    action = words[0].lower()
    end_line = bisect.bisect_right(line_starts, span.end - 1)
    target = None
    if action == "ignore-next-line":
        target = _next_nonblank_line(text, line_starts, end_line)
    return Directive(action=action, rules=tuple(words[1:]), reason=reason, span=span, line=end_line, target=target)


def _next_nonblank_line(text: str, line_starts: list[int], after: int) -> int | None:
    for index in range(after, len(line_starts)):  # line_starts[index] is the start of line index + 1
        start = line_starts[index]
        end = line_starts[index + 1] if index + 1 < len(line_starts) else len(text)
        if text[start:end].strip():
            return index + 1
    return None


def _fenced_blocks(text: str) -> list[tuple[int, int]]:
    blocks = []
    opening: re.Match[str] | None = None
    for match in _FENCE.finditer(text):
        if opening is None:
            opening = match
        elif match.group(1)[0] == opening.group(1)[0] and len(match.group(1)) >= len(opening.group(1)):
            blocks.append((opening.start(), match.end()))
            opening = None
    if opening is not None:
        blocks.append((opening.start(), len(text)))
    return blocks
