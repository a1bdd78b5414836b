"""Tests for attrib.gitdiff against real temporary git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from attrib.errors import GitError
from attrib.gitdiff import _parse_diff, _unquote, changed_lines, lines_for, touches
from attrib.models import Finding, Location, Span

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
    "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
}


def git(cwd, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    (root / "drafts").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "drafts" / "a.md").write_text("one\ntwo\nthree\nfour\nfive\n", encoding="utf-8")
    (root / "drafts" / "b.md").write_text("alpha\nbeta\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first drafts")
    return root


def key(path) -> str:
    return os.path.realpath(str(path))


def test_changed_and_added_lines_in_working_tree(repo):
    (repo / "drafts" / "a.md").write_text("one\nTWO\nthree\nnew line\nfour\n", encoding="utf-8")  # "five" deleted
    changed = changed_lines("HEAD", ["drafts"], str(repo))
    assert changed == {key(repo / "drafts" / "a.md"): {2, 4}}


def test_staged_and_committed_changes_since_ref(repo):
    git(repo, "branch", "base")
    (repo / "drafts" / "b.md").write_text("alpha\nbeta\ngamma\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "gamma")
    (repo / "drafts" / "a.md").write_text("zero\none\ntwo\nthree\nfour\nfive\n", encoding="utf-8")
    git(repo, "add", "drafts/a.md")
    changed = changed_lines("base", ["drafts"], str(repo))
    assert changed == {key(repo / "drafts" / "a.md"): {1}, key(repo / "drafts" / "b.md"): {3}}


def test_untracked_files_are_wholly_changed_and_ignored_ones_skipped(repo):
    (repo / "drafts" / "new.md").write_text("a\nb\nc", encoding="utf-8")
    (repo / ".gitignore").write_text("*.tmp.md\n", encoding="utf-8")
    (repo / "drafts" / "scratch.tmp.md").write_text("x\n", encoding="utf-8")
    changed = changed_lines("HEAD", ["drafts"], str(repo))
    assert changed == {key(repo / "drafts" / "new.md"): {1, 2, 3}}


def test_paths_limit_the_diff_and_cwd_may_be_a_subfolder(repo):
    (repo / "drafts" / "a.md").write_text("ONE\ntwo\nthree\nfour\nfive\n", encoding="utf-8")
    (repo / "drafts" / "b.md").write_text("ALPHA\nbeta\n", encoding="utf-8")
    changed = changed_lines("HEAD", ["b.md"], str(repo / "drafts"))
    assert changed == {key(repo / "drafts" / "b.md"): {1}}
    assert lines_for(changed, str(repo / "drafts" / ".." / "drafts" / "b.md")) == {1}
    assert lines_for(changed, str(repo / "drafts" / "a.md")) is None


def test_diff_against_merge_base_not_the_moving_branch(repo):
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "drafts" / "a.md").write_text("one\ntwo\nthree\nfour\nfive\nsix\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "six")
    git(repo, "checkout", "-q", "main")
    (repo / "drafts" / "b.md").write_text("alpha\nbeta changed on main\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "main moves on")
    git(repo, "checkout", "-q", "feature")
    changed = changed_lines("main", ["drafts"], str(repo))
    # b.md differs from main only because main moved: the feature branch did not touch it
    assert changed == {key(repo / "drafts" / "a.md"): {6}}


def test_missing_ref_gives_a_one_line_hint(repo):
    with pytest.raises(GitError) as caught:
        changed_lines("origin/main", ["drafts"], str(repo))
    message = str(caught.value)
    assert message.startswith("--diff origin/main: no such commit")
    assert "git fetch origin main" in message
    assert "\n" not in message


def test_missing_ref_on_shallow_clone_suggests_fetch_depth(repo, tmp_path):
    for n in range(2):
        (repo / "drafts" / "a.md").write_text(f"version {n}\n", encoding="utf-8")
        git(repo, "commit", "-q", "-am", f"v{n}")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=1", f"file://{repo}", str(clone))
    with pytest.raises(GitError) as caught:
        changed_lines("HEAD~2", ["drafts"], str(clone))
    message = str(caught.value)
    assert "shallow clone" in message and "fetch-depth: 0" in message and "git fetch --depth=50 origin main" in message


def test_not_a_repository(tmp_path, monkeypatch):
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # never find a repository above the test folder
    with pytest.raises(GitError, match="is not inside a git repository"):
        changed_lines("HEAD", ["."], str(plain))


def test_parse_diff_hunks_and_quoted_names():
    text = (
        "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n@@ -1 +1 @@\n-a\n+b\n@@ -5,0 +6,3 @@\n+c\n+d\n+e\n"
        "@@ -9,2 +11,0 @@\n-f\n-g\n"
        'diff --git "a/caf\\303\\251.md" "b/caf\\303\\251.md"\n+++ "b/caf\\303\\251.md"\n@@ -2 +2,2 @@\n'
        "--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
    )
    parsed = _parse_diff(text, "/top")
    assert parsed == {os.path.realpath("/top/x.md"): {1, 6, 7, 8}, os.path.realpath("/top/café.md"): {2, 3}}
    assert _unquote('"b/tab\\there"') == "b/tab\there"


def test_touches():
    f = Finding(id="c1", kind="quote", verdict="vague", severity="warning", rule="vague.agentless", reason="r",
                text="t", span=Span(start=0, end=1), location=Location(line=4, column=1, end_line=6, end_column=2))
    assert touches(f, {6}) and touches(f, {4}) and not touches(f, {3, 7})
