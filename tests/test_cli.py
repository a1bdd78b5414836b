"""The command line as a user runs it: documentation coverage, the bundled example's golden reports, exit codes."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from attrib.cli import FORMATS, build_parser

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, stdin: bytes | None = None):
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "ATTRIB_CACHE_DIR": str(ROOT / ".attrib-cache" / "tests")}
    environment.pop("GITHUB_STEP_SUMMARY", None)
    environment.pop("FORCE_COLOR", None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "attrib", *args], cwd=cwd, env=environment, capture_output=True, input=stdin
    )


def _subcommands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from _subcommands(sub, (*prefix, name))


def test_every_command_and_option_is_documented_in_the_readme():
    missing = []
    for path, parser in _subcommands(build_parser()):
        if f"attrib {' '.join(path)}" not in README and not (len(path) == 2 and path[1] in README):
            missing.append(" ".join(path))
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help" and option not in README:
                    missing.append(f"{' '.join(path)} {option}")
    assert missing == []


def test_every_format_is_documented_in_the_readme():
    for fmt in FORMATS:
        assert f"`{fmt}`" in README


def test_python_dash_m_runs_attrib():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("attrib ")


def test_no_command_prints_help_and_exits_2():
    result = run()
    assert result.returncode == 2
    assert b"usage: attrib" in result.stdout


def test_a_bad_date_is_a_one_line_error_with_exit_2():
    result = run("check", "examples/draft.md", "--sources", "examples/sources.yaml", "--date", "12/11/2024")
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "--date" in lines[0] and "YYYY-MM-DD" in lines[0]
    assert b"Traceback" not in result.stderr


def test_a_broken_registry_is_reported_with_its_line_and_exit_2(tmp_path):
    (tmp_path / "sources.yaml").write_text("version: 1\npublishers:\n  - id: x\n    nmae: X\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Officials said the port reopened.\n", encoding="utf-8")
    result = run("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "sources.yaml:4:5:" in result.stderr.decode()


def test_stdin_is_read_as_markdown(tmp_path):
    result = run("check", "-", "--format", "line", "--date", "2030-05-01", cwd=tmp_path, stdin="It is believed that the dam will hold.\n".encode())
    assert result.returncode == 0
    assert result.stdout.decode().startswith("-:1:1: warning vague.agentless:")


def test_input_errors_do_not_stop_the_other_files(tmp_path):
    (tmp_path / "good.md").write_text("Officials said the port reopened.\n", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00binary")
    result = run("check", "bad.md", "good.md", "missing.md", "--format", "line", cwd=tmp_path)
    assert result.returncode == 2
    errors = result.stderr.decode().strip().splitlines()
    assert len(errors) == 2
    assert errors[0].startswith("attrib: bad.md:") and errors[1].startswith("attrib: missing.md:")
    assert "good.md:1:1: warning vague.anonymous-source" in result.stdout.decode()


def test_output_file_is_written_whole(tmp_path):
    target = tmp_path / "report.json"
    result = run("check", "examples/draft.md", "--sources", "examples/sources.yaml", "--format", "json", "--output", str(target))
    assert result.returncode == 1
    assert result.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1


# -- golden reports of the bundled example -----------------------------------------------------------------


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ATTRIB_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; rerun with ATTRIB_UPDATE_GOLDEN=1 if intended"


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "text"])
def test_bundled_example_golden(fmt):
    result = run("check", "examples/draft.md", "--sources", "examples/sources.yaml", "--format", fmt, "--show-verified")
    assert result.returncode == 1, result.stderr.decode()
    _golden(f"example.{fmt}", result.stdout.decode())


def test_bundled_example_terminal_report_golden():
    result = run("check", "examples/draft.md", "--sources", "examples/sources.yaml", env={"COLUMNS": "100"})
    assert result.returncode == 1
    _golden("example.text", result.stdout.decode())


def test_bundled_example_exercises_every_verdict_and_misquote_class():
    result = run("check", "examples/draft.md", "--sources", "examples/sources.yaml", "--format", "json", "--show-verified")
    findings = json.loads(result.stdout)["articles"][0]["findings"]
    rules = {f["rule"] for f in findings}
    verdicts = {f["verdict"] for f in findings}
    assert verdicts >= {"verified", "misquoted", "misattributed", "misdated", "mistitled", "unverified", "vague", "unsourced"}
    for cls in ("number-changed", "hedge-changed", "negation-flipped", "words-substituted", "words-added",
                "words-omitted", "word-order", "paraphrase"):
        assert f"misquoted.{cls}" in rules
    for who in ("reporter", "other-speaker", "narration", "read-out"):
        assert f"misattributed.{who}" in rules


def test_every_line_finding_points_at_its_words_in_the_example():
    result = run("check", "examples/draft.md", "--sources", "examples/sources.yaml", "--format", "json", "--show-verified")
    text = (ROOT / "examples" / "draft.md").read_text(encoding="utf-8")
    lines = text.split("\n")
    for finding in json.loads(result.stdout)["articles"][0]["findings"]:
        span, loc = finding["span"], finding["location"]
        assert text[span["start"] : span["end"]] == finding["text"]
        line = lines[loc["line"] - 1]
        assert line[loc["column"] - 1 :].startswith(finding["text"][:20].split("\n")[0])


def test_readme_shows_the_real_output_of_the_example():
    result = run("check", "examples/draft.md", "--sources", "examples/sources.yaml", "--format", "line")
    for line in result.stdout.decode().splitlines():
        assert line in README
    block = re.search(r"```text\n(examples/draft\.md  .*?)```", README, re.S)
    assert block is not None
    terminal = run("check", "examples/draft.md", "--sources", "examples/sources.yaml").stdout.decode()
    assert terminal.startswith(block.group(1))


def test_output_into_a_missing_folder_is_a_one_line_error(tmp_path):
    result = run("check", "examples/draft.md", "--sources", "examples/sources.yaml", "--output", str(tmp_path / "no" / "r.txt"))
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "--output" in result.stderr.decode()
    assert not (tmp_path / "no").exists()


def test_every_module_is_placed_in_the_readme_layout():
    modules = {p.stem for p in (ROOT / "attrib").glob("*.py")} - {"__init__", "__main__", "cli", "models", "errors", "rules"}
    missing = sorted(m for m in modules if f"`{m}`" not in README)
    assert missing == []


def test_the_readme_configuration_example_is_valid(tmp_path):
    block = re.search(r"```toml\n(\[tool\.attrib\].*?)```", README, re.S)
    assert block is not None
    (tmp_path / "pyproject.toml").write_text(block.group(1), encoding="utf-8")
    result = run("config", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert 'ignore = ["vague.expectation"]' in result.stdout.decode()
