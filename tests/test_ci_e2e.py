"""End to end: `attrib check` as a subprocess in a temporary git repository with drafts, a config file and commits.

Covers exit codes under each fail_on, --diff, suppressions, the baseline, and output that does not depend on
the terminal. Drafts are fictional; they lean on vague attributions and unsourced figures, which need no registry.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

pytest.importorskip("attrib.check")
pytest.importorskip("attrib.extract")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
    "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
}

HARBOUR = """\
The harbour board met on Tuesday.

It is believed that the harbour will reopen next week.

The ferry carried 12,000 passengers in March.

Sources say the port authority will resign.
"""

COLUMN = """\
Our town deserves a better ferry.

It is understood that the council has no plan.
"""

SUPPRESSED = """\
# Pier

<!-- attrib: ignore-next-line reason="two named engineers confirmed it off the record" -->
It is believed that the pier is unsafe.

<!-- attrib: ignore-next-line -->
Officials said the pier would close.

A person familiar with the talks said the deal was close.
"""


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stderr
    return result.stdout


def attrib(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR")}
    full_env.update(GIT_ENV)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "attrib", *args], cwd=cwd, capture_output=True, text=True, env=full_env, timeout=120
    )


def lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return result.stdout.splitlines()


def rules_of(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line.split(": ", 2)[1].split(" ")[1] for line in lines(result)]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    (root / "drafts" / "opinion").mkdir(parents=True)
    (root / "drafts" / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (root / "drafts" / "opinion" / "column.txt").write_text(COLUMN, encoding="utf-8")
    (root / "attrib.toml").write_text('fail_on = "error"\n', encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "drafts")
    return root


def set_config(repo: Path, text: str) -> None:
    (repo / "attrib.toml").write_text(text, encoding="utf-8")


# ------------------------------------------------------------------------------------------------------------
# exit codes under each fail_on


def test_findings_are_reported_with_line_format(repo):
    result = attrib(repo, "check", "drafts/harbour.txt", "--format", "line")
    assert result.returncode == 0, result.stderr
    assert rules_of(result) == ["vague.agentless", "unsourced.figure", "vague.anonymous-source"]
    assert lines(result)[0].startswith("drafts/harbour.txt:3:")


def test_default_fail_on_error_passes_warnings(repo):
    assert attrib(repo, "check", "drafts", "--format", "line").returncode == 0


@pytest.mark.parametrize(
    "config, flag, expected",
    [
        ('fail_on = "warning"\n', None, 1),
        ('fail_on = "note"\n', None, 1),
        ('fail_on = ["misquoted", "misdated"]\n', None, 0),
        ('fail_on = ["unsourced"]\n', None, 1),
        ('fail_on = ["vague.anonymous-source"]\n', None, 1),
        ('fail_on = ["vague.weasel-words"]\n', None, 0),
        ('fail_on = "warning"\n', "error", 0),  # the flag wins over the file
        ('fail_on = "error"\n', "vague,unsourced", 1),
        ('fail_on = "warning"\nignore = ["vague", "unsourced"]\n', None, 0),  # ignored rules cannot fail
        ('fail_on = "warning"\n[severity]\nvague = "note"\nunsourced = "note"\n', None, 0),
    ],
)
def test_exit_codes_under_fail_on(repo, config, flag, expected):
    set_config(repo, config)
    args = ["check", "drafts/harbour.txt", "--format", "line"]
    if flag:
        args += ["--fail-on", flag]
    result = attrib(repo, *args)
    assert result.returncode == expected, result.stdout + result.stderr


def test_per_glob_override_relaxes_opinion_pieces(repo):
    set_config(repo, 'fail_on = "warning"\n\n[[overrides]]\nglob = "drafts/opinion/**"\nignore = ["vague"]\n')
    result = attrib(repo, "check", "drafts/opinion/column.txt", "--format", "line")
    assert result.returncode == 0 and result.stdout == ""
    assert attrib(repo, "check", "drafts/harbour.txt", "--format", "line").returncode == 1


def test_config_found_from_a_subfolder(repo):
    set_config(repo, 'fail_on = "warning"\n')
    assert attrib(repo / "drafts", "check", "harbour.txt", "--format", "line").returncode == 1


def test_bad_config_and_missing_file_exit_2(repo):
    set_config(repo, 'fail_on = "warning"\nverbose = true\n')
    result = attrib(repo, "check", "drafts", "--format", "line")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "attrib: attrib.toml:2: unknown key 'verbose' (known: sources, fail_on, select, ignore, severity, overrides, "
        "thresholds, window_days, max_size, show_verified, user_agent_contact, class_credibility, profile)"
    )
    set_config(repo, "")
    missing = attrib(repo, "check", "drafts/nope.txt", "--format", "line")
    assert missing.returncode == 2 and "nope.txt" in missing.stderr and "Traceback" not in missing.stderr


def test_attrib_config_shows_origins(repo):
    set_config(repo, 'fail_on = "warning"\n')
    result = attrib(repo, "config", "--format", "json")
    data = json.loads(result.stdout)
    assert data["values"]["fail_on"] == {"value": ["warning"], "origin": "attrib.toml:1"}


# ------------------------------------------------------------------------------------------------------------
# --diff


def test_diff_reports_only_changed_lines(repo):
    harbour = repo / "drafts" / "harbour.txt"
    text = harbour.read_text(encoding="utf-8")
    text = text.replace("12,000 passengers", "14,000 passengers")  # line 5 changed
    text += "\nIt is understood that the dredging has stopped.\n"  # lines 8-9 added
    harbour.write_text(text, encoding="utf-8")
    (repo / "drafts" / "new.txt").write_text("Officials said the bridge is closed.\n", encoding="utf-8")  # untracked
    result = attrib(repo, "check", "drafts", "--format", "line", "--diff", "HEAD")
    assert result.returncode == 0, result.stderr
    found = [(line.split(":")[0], int(line.split(":")[1]), line.split(": ", 2)[1].split(" ")[1]) for line in lines(result)]
    assert found == [
        ("drafts/harbour.txt", 5, "unsourced.figure"),
        ("drafts/harbour.txt", 9, "vague.agentless"),
        ("drafts/new.txt", 1, "vague.anonymous-source"),
    ]  # the untouched column and the unchanged lines of harbour.txt are not reported


def test_diff_against_a_branch_after_commits(repo):
    git(repo, "checkout", "-q", "-b", "edit")
    column = repo / "drafts" / "opinion" / "column.txt"
    column.write_text(COLUMN + "\nSources say the ferry will be sold.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "more")
    result = attrib(repo, "check", "drafts", "--format", "json", "--diff", "main")
    data = json.loads(result.stdout)
    reported = {(a["path"], f["location"]["line"]) for a in data["articles"] for f in a["findings"]}
    assert reported == {("drafts/opinion/column.txt", 5)}


def test_diff_with_missing_ref_is_a_clear_error(repo):
    result = attrib(repo, "check", "drafts", "--format", "line", "--diff", "origin/main")
    assert result.returncode == 2
    assert result.stderr.startswith("attrib: --diff origin/main: no such commit")
    assert len(result.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------------------------------------------------
# suppressions


def test_suppressions_with_and_without_reason(repo):
    (repo / "drafts" / "pier.md").write_text(SUPPRESSED, encoding="utf-8")
    result = attrib(repo, "check", "drafts/pier.md", "--format", "json")
    data = json.loads(result.stdout)
    article = data["articles"][0]
    rules = [(f["rule"], f["location"]["line"]) for f in article["findings"]]
    assert ("suppression.no-reason", 6) in rules  # the comment with no reason is itself a warning
    assert not any(line in (4, 7) for _, line in rules)  # both suppressed lines are hidden …
    assert ("vague.anonymous-source", 9) in rules  # … and the line after them is not
    assert article["suppressed"] == 2 and data["summary"]["suppressed"] == 2  # counted, not hidden silently
    line_result = attrib(repo, "check", "drafts/pier.md", "--format", "line")
    assert any(":6:1: warning suppression.no-reason:" in line for line in lines(line_result))
    set_config(repo, 'fail_on = ["suppression"]\n')
    assert attrib(repo, "check", "drafts/pier.md", "--format", "line").returncode == 1


# ------------------------------------------------------------------------------------------------------------
# baseline


def test_baseline_hides_old_findings_and_reports_new_after_edit_elsewhere(repo):
    set_config(repo, 'fail_on = "warning"\n')
    made = attrib(repo, "baseline", ".attrib-baseline.json", "drafts")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == "attrib: recorded 4 findings from 2 drafts in .attrib-baseline.json"
    clean = attrib(repo, "check", "drafts", "--format", "json", "--baseline", ".attrib-baseline.json")
    assert clean.returncode == 0
    data = json.loads(clean.stdout)
    assert sum(len(a["findings"]) for a in data["articles"]) == 0
    assert data["summary"]["baseline_matched"] == 4 and data["summary"]["baseline_stale"] == 0
    # edit elsewhere: a new paragraph at the top moves every old finding down two lines, and one old one goes
    harbour = repo / "drafts" / "harbour.txt"
    text = harbour.read_text(encoding="utf-8").replace("Sources say the port authority will resign.\n", "")
    harbour.write_text("It is understood that the mayor will visit.\n\n" + text, encoding="utf-8")
    result = attrib(repo, "check", "drafts", "--format", "line", "--baseline", ".attrib-baseline.json")
    assert result.returncode == 1
    assert [line.split(": ", 2)[0] for line in lines(result)] == ["drafts/harbour.txt:1:1"]  # a vague claim is its whole sentence
    assert rules_of(result) == ["vague.agentless"]
    summary = json.loads(attrib(repo, "check", "drafts", "--format", "json", "--baseline", ".attrib-baseline.json").stdout)["summary"]
    assert summary["baseline_matched"] == 3 and summary["baseline_stale"] == 1


def test_missing_baseline_file_is_exit_2(repo):
    result = attrib(repo, "check", "drafts", "--format", "line", "--baseline", "nope.json")
    assert result.returncode == 2 and "nope.json: no such file" in result.stderr


# ------------------------------------------------------------------------------------------------------------
# CI output


@pytest.mark.parametrize("fmt", ["line", "json", "github", "sarif", "markdown"])
def test_machine_output_ignores_terminal_width_and_colour(repo, fmt):
    narrow = attrib(repo, "check", "drafts", "--format", fmt, env={"COLUMNS": "40", "FORCE_COLOR": "1"})
    wide = attrib(repo, "check", "drafts", "--format", fmt, env={"COLUMNS": "200", "TERM": "xterm-256color"})
    assert narrow.returncode == wide.returncode == 0
    assert narrow.stdout == wide.stdout
    assert "\x1b[" not in narrow.stdout
    if fmt == "line":
        assert all(len(line) > 40 for line in lines(narrow))  # long lines, never wrapped


def test_output_file_equals_stdout(repo):
    stdout = attrib(repo, "check", "drafts", "--format", "sarif").stdout
    attrib(repo, "check", "drafts", "--format", "sarif", "--output", "report.sarif")
    assert (repo / "report.sarif").read_text(encoding="utf-8") == stdout


def test_github_format_writes_step_summary(repo, tmp_path):
    summary = tmp_path / "step-summary.md"
    result = attrib(repo, "check", "drafts", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0
    assert lines(result)[0].startswith("::warning file=drafts/harbour.txt,line=3,col=")
    assert "title=attrib vague.agentless::" in lines(result)[0]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## attrib report")
    assert "| `drafts/harbour.txt:5:1` | unsourced (warning) | `unsourced.figure` |" in text


def test_json_and_sarif_from_the_pipeline_are_valid(repo):
    from attrib.report_schema import schema_text

    data = json.loads(attrib(repo, "check", "drafts", "--format", "json").stdout)
    jsonschema.validate(data, json.loads(schema_text()))
    sarif = json.loads(attrib(repo / "drafts", "check", ".", "--format", "sarif").stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"drafts/harbour.txt", "drafts/opinion/column.txt"}  # relative to the repository, not cwd
