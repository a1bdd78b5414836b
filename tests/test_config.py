"""Tests for attrib.config (finding and reading the file, errors with lines, CLI merge) and attrib.policy (rule selection, overrides)."""

from __future__ import annotations

import argparse
import json
import os

import pytest

from attrib import rules
from attrib.config import apply_cli, load_settings
from attrib.config_cmd import run_config
from attrib.config_parse import FLAT_KEYS
from attrib.errors import ConfigError
from attrib.models import FileOverride, Finding, Location, Settings, Span
from attrib.policy import fails, glob_matches, parse_fail_on, settings_for, severity_of


def write(path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def finding(rule_id: str = "vague.agentless", severity: str = "warning") -> Finding:
    return Finding(
        id="c1",
        kind="unattributed",
        verdict=rules.rule(rule_id).verdict,
        severity=severity,
        rule=rule_id,
        reason="r",
        text="t",
        span=Span(start=0, end=1),
        location=Location(line=1, column=1, end_line=1, end_column=1),
    )


# ------------------------------------------------------------------------------------------------------------
# finding the file


def test_no_config_gives_defaults_with_cwd_root(tmp_path):
    loaded = load_settings(cwd=str(tmp_path))
    assert loaded.path is None
    assert loaded.root == str(tmp_path)
    assert loaded.settings == Settings()
    assert set(loaded.origins) == set(FLAT_KEYS)
    assert set(loaded.origins.values()) == {"default"}


def test_attrib_toml_found_by_walking_up(tmp_path):
    write(tmp_path / "attrib.toml", "window_days = 30\n")
    deep = tmp_path / "drafts" / "2024"
    deep.mkdir(parents=True)
    loaded = load_settings(cwd=str(deep))
    assert loaded.path == str(tmp_path / "attrib.toml")
    assert loaded.root == str(tmp_path)
    assert loaded.settings.window_days == 30
    assert loaded.origins["window_days"].endswith("attrib.toml:1")


def test_attrib_toml_wins_over_pyproject_in_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.attrib]\nwindow_days = 1\n")
    write(tmp_path / "attrib.toml", "window_days = 2\n")
    assert load_settings(cwd=str(tmp_path)).settings.window_days == 2


def test_pyproject_without_tool_attrib_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.attrib]\nwindow_days = 7\n")
    inner = tmp_path / "sub"
    inner.mkdir()
    write(inner / "pyproject.toml", "[project]\nname = 'x'\n")
    loaded = load_settings(cwd=str(inner))
    assert loaded.path == str(tmp_path / "pyproject.toml")
    assert loaded.settings.window_days == 7
    assert loaded.origins["window_days"].endswith("pyproject.toml:2")


def test_explicit_config_overrides_search(tmp_path):
    write(tmp_path / "attrib.toml", "window_days = 2\n")
    other = write(tmp_path / "ci.toml", "window_days = 9\n")
    assert load_settings(other, cwd=str(tmp_path)).settings.window_days == 9


def test_explicit_config_missing_is_config_error(tmp_path):
    with pytest.raises(ConfigError, match="--config nope.toml: no such file"):
        load_settings("nope.toml", cwd=str(tmp_path))


def test_attrib_toml_with_tool_attrib_table_is_accepted(tmp_path):
    write(tmp_path / "attrib.toml", "[tool.attrib]\nmax_size = 10\n")
    loaded = load_settings(cwd=str(tmp_path))
    assert loaded.settings.max_size == 10
    assert loaded.origins["max_size"].endswith("attrib.toml:2")


# ------------------------------------------------------------------------------------------------------------
# every key


FULL = """\
# drafts desk settings
[tool.attrib]
sources = "registry/sources.yaml"
fail_on = ["misquoted", "misdated"]
select = ["vague", "misquoted", "unsourced"]
ignore = ["vague.expectation"]
window_days = 21
max_size = 1000
show_verified = true
user_agent_contact = "desk@example.org"

[tool.attrib.severity]
"vague.agentless" = "note"
unsourced = "error"

[tool.attrib.thresholds]
close = 70
paraphrase = 0.5

[tool.attrib.class_credibility]
other-outlet = "low"

[tool.attrib.profile]
max_anonymous_share = 0.4
max_unsourced = 3
forbid_state_media = true

[[tool.attrib.overrides]]
glob = "opinion/**"
ignore = ["vague"]
"""


def test_full_pyproject_parses_every_key_with_origins(tmp_path):
    write(tmp_path / "pyproject.toml", FULL)
    loaded = load_settings(cwd=str(tmp_path))
    s = loaded.settings
    assert s.sources == str(tmp_path / "registry" / "sources.yaml")  # resolved against the config's folder
    assert s.fail_on == ["misquoted", "misdated"]
    assert s.select == ["vague", "misquoted", "unsourced"]
    assert s.ignore == ["vague.expectation"]
    assert s.severity == {"vague.agentless": "note", "unsourced": "error"}
    assert s.thresholds.close == 70 and s.thresholds.paraphrase == 0.5
    assert (s.window_days, s.max_size, s.show_verified) == (21, 1000, True)
    assert s.user_agent_contact == "desk@example.org"
    assert s.class_credibility == {"other-outlet": "low"}
    assert s.profile.max_anonymous_share == 0.4 and s.profile.max_unsourced == 3 and s.profile.forbid_state_media
    assert s.overrides == [FileOverride(glob="opinion/**", ignore=["vague"])]
    o = loaded.origins
    assert o["sources"] == "pyproject.toml:3" or o["sources"].endswith("pyproject.toml:3")
    assert o["severity"].endswith(":12")
    assert o["thresholds.close"].endswith(":17")
    assert o["thresholds.paraphrase"].endswith(":18")
    assert o["profile.max_unsourced"].endswith(":25")
    assert o["overrides"].endswith(":28")


def test_fail_on_severity_string(tmp_path):
    write(tmp_path / "attrib.toml", 'fail_on = "warning"\n')
    assert load_settings(cwd=str(tmp_path)).settings.fail_on == ["warning"]


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("window_days = 3\ncolour = 'red'\n", 2, "unknown key 'colour' (known: sources, fail_on"),
        ("window_days = 'ten'\n", 1, "window_days must be an integer, not a string"),
        ("max_size = 0\n", 1, "max_size must be at least 1"),
        ("show_verified = 1\n", 1, "show_verified must be true or false"),
        ("\n\nfail_on = 'sometimes'\n", 3, "unknown 'sometimes'"),
        ("select = ['vague.agent']\n", 1, "unknown rule 'vague.agent'"),
        ("[severity]\nvague = 'loud'\n", 2, "severity.vague must be one of error, warning, note"),
        ("[thresholds]\nclose = 70\nfuzz = 1\n", 3, "unknown key 'fuzz' in thresholds"),
        ("[thresholds]\nclose = 170\n", 2, "thresholds.close must be between 0 and 100"),
        ("[profile]\nmax_unsourced = -1\n", 2, "profile.max_unsourced must be at least 0"),
        ("[class_credibility]\nblogs = 'low'\n", 2, "unknown source class 'blogs'"),
        ("[[overrides]]\nglob = 'a/**'\n[[overrides]]\nglob = 'b/**'\nsilence = true\n", 5, "unknown key 'silence' in overrides"),
        ("[[overrides]]\nignore = ['vague']\n", 1, "overrides entry has no glob"),
        ("window_days = [\n", 1, "invalid TOML"),
    ],
)
def test_bad_config_names_file_and_line(tmp_path, text, line, fragment):
    write(tmp_path / "attrib.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_settings(cwd=str(tmp_path))
    message = str(caught.value)
    assert f"attrib.toml:{line}: " in message
    assert fragment in message
    assert "\n" not in message


def test_unknown_key_in_pyproject_points_at_its_line(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.attrib]\nwindow_days = 3\nfail = 'error'\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml:6: unknown key 'fail'"):
        load_settings(cwd=str(tmp_path))


# ------------------------------------------------------------------------------------------------------------
# command line


def args(**values) -> argparse.Namespace:
    base = {"sources": None, "fail_on": None, "show_verified": None, "window_days": None, "max_size": None}
    base.update(values)
    return argparse.Namespace(**base)


def test_apply_cli_overrides_file_and_marks_origin(tmp_path):
    write(tmp_path / "attrib.toml", "window_days = 3\nfail_on = 'error'\n")
    loaded = apply_cli(
        load_settings(cwd=str(tmp_path)),
        args(fail_on="misquoted,misdated", window_days=5, show_verified=True, max_size=99, sources="s.yaml"),
    )
    s = loaded.settings
    assert s.fail_on == ["misquoted", "misdated"]
    assert (s.window_days, s.show_verified, s.max_size, s.sources) == (5, True, 99, "s.yaml")
    for key in ("fail_on", "window_days", "show_verified", "max_size", "sources"):
        assert loaded.origins[key] == "command line"


def test_apply_cli_without_flags_keeps_file_values(tmp_path):
    write(tmp_path / "attrib.toml", "window_days = 3\n")
    loaded = load_settings(cwd=str(tmp_path))
    assert apply_cli(loaded, args()) == loaded


def test_apply_cli_bad_fail_on(tmp_path):
    with pytest.raises(ConfigError, match="--fail-on 'loud'"):
        apply_cli(load_settings(cwd=str(tmp_path)), args(fail_on="loud"))


def test_parse_fail_on_forms():
    assert parse_fail_on("error") == ["error"]
    assert parse_fail_on(" misquoted , misdated ") == ["misquoted", "misdated"]
    assert parse_fail_on(["warning", "vague.agentless"]) == ["warning", "vague.agentless"]
    with pytest.raises(ValueError):
        parse_fail_on("")
    with pytest.raises(ValueError):
        parse_fail_on(3)


# ------------------------------------------------------------------------------------------------------------
# rule selection and severity


def test_severity_defaults_come_from_the_catalogue():
    for rule in rules.RULES:
        assert severity_of(Settings(), rule.id) == rule.severity


def test_ignore_prefix_and_specific_select_wins():
    s = Settings(ignore=["vague"], select=["vague.agentless", "misquoted"])
    assert severity_of(s, "vague.agentless") == "warning"
    assert severity_of(s, "vague.weasel-words") is None
    assert severity_of(s, "misquoted.words-added") == "error"
    assert severity_of(s, "unsourced.figure") is None  # not selected


def test_specific_ignore_beats_broad_select_and_ties_go_to_ignore():
    assert severity_of(Settings(select=["vague"], ignore=["vague.expectation"]), "vague.expectation") is None
    assert severity_of(Settings(select=["vague"], ignore=["vague"]), "vague.agentless") is None


def test_prefix_matches_whole_segments_only():
    assert severity_of(Settings(ignore=["vague.agent"]), "vague.agentless") == "warning"


def test_most_specific_severity_entry_wins():
    s = Settings(severity={"vague": "error", "vague.agentless": "note"})
    assert severity_of(s, "vague.agentless") == "note"
    assert severity_of(s, "vague.weasel-words") == "error"
    assert severity_of(s, "misquoted.words-added") == "error"


def test_unknown_rule_id_is_a_bug():
    with pytest.raises(KeyError):
        severity_of(Settings(), "no.such-rule")


@pytest.mark.parametrize(
    "fail_on, rule_id, severity, expected",
    [
        (["error"], "misquoted.words-added", "error", True),
        (["error"], "vague.agentless", "warning", False),
        (["warning"], "vague.agentless", "warning", True),
        (["warning"], "misquoted.words-added", "error", True),
        (["warning"], "verified.verbatim", "note", False),
        (["note"], "verified.verbatim", "note", True),
        (["misdated"], "misdated.date", "error", True),
        (["misdated"], "misquoted.words-added", "error", False),
        (["vague.agentless"], "vague.agentless", "warning", True),
        (["vague.agentless"], "vague.weasel-words", "warning", False),
        (["vague"], "vague.weasel-words", "warning", True),
    ],
)
def test_fails(fail_on, rule_id, severity, expected):
    assert fails(Settings(fail_on=fail_on), finding(rule_id, severity)) is expected


# ------------------------------------------------------------------------------------------------------------
# per-glob overrides


@pytest.mark.parametrize(
    "glob, path, expected",
    [
        ("opinion/**", "opinion/a.md", True),
        ("opinion/**", "opinion/2024/a.md", True),
        ("opinion/**", "news/opinion.md", False),
        ("opinion/**", "drafts/opinion/a.md", False),
        ("**/opinion/**", "drafts/opinion/a.md", True),
        ("**/opinion/**", "opinion/a.md", True),
        ("opinion/*.md", "opinion/a.md", True),
        ("opinion/*.md", "opinion/x/a.md", False),
        ("*.html", "deep/in/page.html", True),
        ("*.html", "page.md", False),
        ("opinion", "drafts/opinion/a.md", True),
        ("opinion/", "opinion/x/y.md", True),
        ("draft-?.md", "draft-1.md", True),
        ("draft-[0-9].md", "draft-7.md", True),
        ("draft-[!0-9].md", "draft-7.md", False),
        ("./opinion/**", "opinion/a.md", False),
    ],
)
def test_glob_matches(glob, path, expected):
    assert glob_matches(glob, path) is expected


def test_settings_for_applies_matching_overrides_in_order():
    base = Settings(
        ignore=["unsourced"],
        severity={"vague": "warning"},
        overrides=[
            FileOverride(glob="opinion/**", ignore=["vague"], fail_on=["misquoted"]),
            FileOverride(glob="**/*.html", severity={"misdated": "warning"}, select=["misdated", "misquoted"]),
        ],
    )
    opinion = settings_for(base, "opinion/col.md")
    assert opinion.ignore == ["unsourced", "vague"]
    assert opinion.fail_on == ["misquoted"]
    assert opinion.overrides == []
    assert severity_of(opinion, "vague.agentless") is None
    both = settings_for(base, "opinion/col.html")
    assert both.select == ["misdated", "misquoted"]
    assert severity_of(both, "misdated.date") == "warning"
    news = settings_for(base, "news/a.md")
    assert (news.select, news.ignore, news.severity, news.fail_on) == ([], ["unsourced"], {"vague": "warning"}, ["error"])
    assert settings_for(opinion, "opinion/col.md") == opinion  # idempotent


def test_settings_for_with_root_relativises(tmp_path):
    base = Settings(overrides=[FileOverride(glob="opinion/**", ignore=["vague"])])
    path = str(tmp_path / "opinion" / "a.md")
    assert settings_for(base, path, root=str(tmp_path)).ignore == ["vague"]
    assert settings_for(base, path, root=str(tmp_path / "opinion")).ignore == []


# ------------------------------------------------------------------------------------------------------------
# attrib config


def test_run_config_text_shows_values_and_origins(tmp_path, monkeypatch, capsys):
    write(tmp_path / "attrib.toml", "window_days = 30\n\n[thresholds]\nclose = 75\n")
    monkeypatch.chdir(tmp_path)
    assert run_config(argparse.Namespace(config=None, format="text")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"# config file: {tmp_path / 'attrib.toml'}"
    by_key = {line.split(" = ")[0]: line for line in out[1:]}
    assert set(by_key) == set(FLAT_KEYS)
    assert by_key["window_days"].startswith("window_days = 30 ") and by_key["window_days"].endswith("# attrib.toml:1")
    assert by_key["thresholds.close"].endswith("# attrib.toml:4")
    assert by_key["max_size"].endswith("# default")


def test_run_config_json(tmp_path, monkeypatch, capsys):
    write(tmp_path / "attrib.toml", "fail_on = 'warning'\n")
    monkeypatch.chdir(tmp_path)
    assert run_config(argparse.Namespace(config=None, format="json")) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["config"] == str(tmp_path / "attrib.toml")
    assert data["values"]["fail_on"] == {"value": ["warning"], "origin": "attrib.toml:1"}
    assert data["values"]["window_days"] == {"value": 14, "origin": "default"}


def test_attrib_config_subprocess_reports_bad_key_with_exit_2(tmp_path):
    import subprocess
    import sys

    write(tmp_path / "attrib.toml", "\nfial_on = 'error'\n")
    result = subprocess.run(
        [sys.executable, "-m", "attrib", "config"], cwd=tmp_path, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))},
    )
    assert result.returncode == 2
    assert result.stderr.startswith("attrib: attrib.toml:2: unknown key 'fial_on'")
    assert "Traceback" not in result.stderr
