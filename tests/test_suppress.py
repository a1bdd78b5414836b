"""Tests for attrib.suppress: ignore-next-line, off/on regions, rule lists, reasons, code examples."""

from __future__ import annotations

from attrib import rules
from attrib.models import Finding, Location, Span
from attrib.suppress import NO_REASON, find_suppressions


def finding_on(text: str, needle: str, rule_id: str = "vague.agentless", fid: str = "c1") -> Finding:
    """A finding on the first occurrence of ``needle`` in ``text``, with its real line and column."""
    start = text.index(needle)
    end = start + len(needle)
    line = text.count("\n", 0, start) + 1
    end_line = text.count("\n", 0, end - 1) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    end_column = end - 1 - (text.rfind("\n", 0, end - 1) + 1) + 1
    rule = rules.rule(rule_id)
    return Finding(
        id=fid, kind="unattributed", verdict=rule.verdict, severity=rule.severity, rule=rule_id, reason="r",
        text=needle, span=Span(start=start, end=end),
        location=Location(line=line, column=column, end_line=end_line, end_column=end_column),
    )


DRAFT = """\
# Harbour report

<!-- attrib: ignore-next-line reason="the desk confirmed this with two people" -->
It is believed that the harbour will reopen.

It is understood that the ferry is late.

<!-- attrib: ignore-next-line vague.weasel-words reason="style guide allows it here" -->
Experts say the tide is high. It is believed the pier is safe.
"""


def test_ignore_next_line_with_reason_hides_the_next_line_only():
    first = finding_on(DRAFT, "It is believed that the harbour will reopen.")
    second = finding_on(DRAFT, "It is understood that the ferry is late.", fid="c2")
    kept, suppressed, problems = find_suppressions(DRAFT, "markdown").apply([first, second])
    assert kept == [second]
    assert suppressed == 1
    assert problems == []


def test_ignore_next_line_with_rules_hides_only_those_rules():
    weasel = finding_on(DRAFT, "Experts say the tide is high.", "vague.weasel-words", "c3")
    agentless = finding_on(DRAFT, "It is believed the pier is safe.", "vague.agentless", "c4")
    kept, suppressed, _ = find_suppressions(DRAFT, "markdown").apply([weasel, agentless])
    assert kept == [agentless]
    assert suppressed == 1


def test_rule_prefix_in_a_suppression():
    text = "<!-- attrib: ignore-next-line vague reason='opinion piece' -->\nExperts say so. It is said too.\n"
    a = finding_on(text, "Experts say so.", "vague.weasel-words")
    b = finding_on(text, "It is said too.", "vague.agentless", "c2")
    c = finding_on(text, "It is said too.", "unsourced.figure", "c3")
    kept, suppressed, problems = find_suppressions(text, "markdown").apply([a, b, c])
    assert kept == [c] and suppressed == 2 and problems == []


def test_ignore_next_line_skips_blank_lines_and_covers_multiline_findings():
    text = "<!-- attrib: ignore-next-line reason=\"x\" -->\n\nIt is believed\nthat it rained.\nOfficials said so.\n"
    wrapped = finding_on(text, "It is believed\nthat it rained.")
    later = finding_on(text, "Officials said so.", "vague.anonymous-source", "c2")
    kept, suppressed, _ = find_suppressions(text, "markdown").apply([wrapped, later])
    assert kept == [later] and suppressed == 1


def test_suppression_without_reason_is_a_warning_but_still_suppresses():
    text = "Intro.\n\n<!-- attrib: ignore-next-line -->\nIt is believed that it rained.\n"
    f = finding_on(text, "It is believed that it rained.")
    kept, suppressed, problems = find_suppressions(text, "markdown").apply([f])
    assert kept == [] and suppressed == 1
    assert len(problems) == 1
    problem = problems[0]
    assert problem.rule == NO_REASON
    assert problem.severity == rules.rule(NO_REASON).severity == "warning"
    assert problem.verdict == rules.rule(NO_REASON).verdict
    assert problem.id == "s1"
    assert problem.line == 3
    assert text[problem.span.start : problem.span.end] == "<!-- attrib: ignore-next-line -->"
    assert "reason" in problem.reason


def test_empty_reason_counts_as_none():
    text = '<!-- attrib: off reason="" -->\nIt is said.\n<!-- attrib: on -->\n'
    assert len(find_suppressions(text, "markdown").problems) == 1


def test_off_on_region():
    text = (
        "It is said one.\n"
        "<!-- attrib: off reason=\"quoted letter, checked by the desk\" -->\n"
        "It is said two.\n\nSources say three.\n"
        "<!-- attrib: on -->\n"
        "It is said four.\n"
    )
    findings = [finding_on(text, f"It is said {n}.", fid=f"c{n}") for n in ("one", "two", "four")]
    findings.insert(2, finding_on(text, "Sources say three.", "vague.anonymous-source", "c3"))
    kept, suppressed, problems = find_suppressions(text, "markdown").apply(findings)
    assert [f.id for f in kept] == ["cone", "cfour"]
    assert suppressed == 2
    assert problems == []  # "on" needs no reason


def test_off_without_on_runs_to_the_end_and_off_with_rules():
    text = "<!-- attrib: off unsourced reason='tables of figures' -->\nIn 2023, 40 boats.\nIt is said.\n"
    figure = finding_on(text, "In 2023, 40 boats.", "unsourced.figure")
    vague = finding_on(text, "It is said.", "vague.agentless", "c2")
    kept, suppressed, _ = find_suppressions(text, "markdown").apply([figure, vague])
    assert kept == [vague] and suppressed == 1


def test_html_drafts_use_the_same_comments():
    text = "<p>Intro.</p>\n<!-- attrib: ignore-next-line reason='ok' -->\n<p>It is said.</p>\n"
    f = finding_on(text, "It is said.")
    assert find_suppressions(text, "html").apply([f])[1] == 1


def test_plain_text_has_no_suppressions():
    text = "<!-- attrib: ignore-next-line reason='x' -->\nIt is said.\n"
    f = finding_on(text, "It is said.")
    kept, suppressed, problems = find_suppressions(text, "text").apply([f])
    assert kept == [f] and suppressed == 0 and problems == []


def test_examples_in_code_are_not_suppressions():
    text = (
        "Write `<!-- attrib: off -->` to stop checking.\n\n"
        "```markdown\n<!-- attrib: ignore-next-line -->\n```\n"
        "It is said.\n"
    )
    f = finding_on(text, "It is said.")
    result = find_suppressions(text, "markdown")
    assert result.directives == [] and result.problems == []
    assert result.apply([f])[0] == [f]


def test_unknown_directive_and_other_comments_are_ignored():
    text = "<!-- attrib: ignore reason='x' -->\n<!-- a note to the editor -->\nIt is said.\n"
    f = finding_on(text, "It is said.")
    result = find_suppressions(text, "markdown")
    assert result.directives == []
    assert result.apply([f]) == ([f], 0, [])


def test_reason_quoting_styles():
    for reason in ('reason="a b"', "reason='a b'", "reason=“a b”"):
        text = f"<!-- attrib: ignore-next-line {reason} -->\nx\n"
        directive = find_suppressions(text, "markdown").directives[0]
        assert directive.reason == "a b"
        assert directive.rules == ()
