"""The terminal report: readable at 80 columns, colour only when asked, evidence and profile shown."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from attrib.check import CheckOptions, build_report
from attrib.config import load_settings
from attrib.terminal import render_terminal

ROOT = Path(__file__).resolve().parent.parent


def example_report():
    loaded = load_settings(None, str(ROOT))
    settings = loaded.settings.model_copy(update={"sources": str(ROOT / "examples" / "sources.yaml")})
    return build_report(CheckOptions(paths=[str(ROOT / "examples" / "draft.md")], settings=settings, config_root=str(ROOT)))


def render(width: int, color: bool) -> str:
    out = io.StringIO()
    render_terminal(example_report(), out, color=color, width=width)
    return out.getvalue()


def test_every_line_fits_in_80_columns():
    text = render(80, color=False)
    too_long = [line for line in text.splitlines() if len(line) > 80]
    assert too_long == []


def test_no_escape_codes_without_colour_and_some_with_it():
    assert "\x1b[" not in render(100, color=False)
    assert "\x1b[" in render(100, color=True)


def test_report_opens_with_the_profile_and_the_counts():
    head = render(100, color=False).splitlines()[:12]
    assert any(line.strip().startswith("sourcing:") for line in head)
    assert any(line.strip().startswith("findings:") for line in head)
    assert any("claims rest on unnamed sources" in line or "rests on an unnamed source" in line for line in head)


def test_misquote_evidence_shows_the_changed_words():
    text = render(120, color=False)
    assert "[-at least-]" in text  # the record's words the quote dropped
    assert "MISQUOTED" in text and "VERIFIED" in text


def test_closing_line_says_what_attrib_does_not_check():
    assert "not whether a claim is true" in render(100, color=False).splitlines()[-1]


def test_no_color_environment_switches_colour_off_on_a_terminal():
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": ""}
    result = subprocess.run(
        [sys.executable, "-m", "attrib", "check", "examples/draft.md", "--sources", "examples/sources.yaml"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert "\x1b[" not in result.stdout
