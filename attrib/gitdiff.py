"""Changed lines since a git ref (``--diff REF``), from ``git diff --unified=0`` plus untracked files."""

from __future__ import annotations

import os
import re
import subprocess

from attrib.errors import GitError
from attrib.models import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", '"': '"', "\\": "\\"}


def _git(args: list[str], cwd: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    env.pop("GIT_DIR", None)  # a hook's GIT_DIR would point git elsewhere than cwd
    try:
        return subprocess.run(
            ["git", "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True, env=env, check=False
        )
    except FileNotFoundError:
        raise GitError("--diff needs git, and git is not installed") from None


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else "(no message)"


def repo_root(cwd: str) -> str:
    """The top folder of the git work tree holding ``cwd``; GitError when there is none."""
    result = _git(["rev-parse", "--show-toplevel"], cwd)
    if result.returncode != 0:
        raise GitError(f"--diff: {os.path.abspath(cwd)} is not inside a git repository")
    return os.path.realpath(result.stdout.decode("utf-8").strip())


def find_repo_root(start: str) -> str | None:
    """The nearest folder at or above ``start`` holding ``.git`` (no subprocess: used by the formatters)."""
    folder = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _resolve_base(ref: str, cwd: str) -> str:
    """The commit to diff against: the merge base of REF and HEAD when there is one (what a pull request shows),
    else REF itself (e.g. a shallow clone whose history does not reach the fork point)."""
    result = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd)
    if result.returncode != 0:
        branch = ref.split("/", 1)[1] if ref.startswith("origin/") else "main"
        shallow = _git(["rev-parse", "--is-shallow-repository"], cwd).stdout.strip() == b"true"
        hint = (
            f"this is a shallow clone: run `git fetch --depth=50 origin {branch}` first, "
            "or set fetch-depth: 0 in actions/checkout"
            if shallow
            else f"fetch it first (`git fetch origin {branch}`) or check the name"
        )
        raise GitError(f"--diff {ref}: no such commit in this repository; {hint}")
    commit = result.stdout.decode().strip()
    base = _git(["merge-base", commit, "HEAD"], cwd)
    if base.returncode == 0 and base.stdout.strip():
        return base.stdout.decode().strip()
    return commit


def changed_lines(ref: str, paths: list[str], cwd: str) -> dict[str, set[int]]:
    """Absolute real path → line numbers added or changed in the working tree since ``ref`` (its merge base with
    HEAD), limited to ``paths``; untracked files count as wholly changed. Deleted lines leave nothing to report."""
    top = repo_root(cwd)
    base = _resolve_base(ref, cwd)
    pathspec = [p for p in paths if p != "-"] or ["."]
    diff = _git(
        ["diff", "--unified=0", "--no-color", "--no-ext-diff", "--find-renames", "--src-prefix=a/", "--dst-prefix=b/",
         base, "--", *pathspec],
        cwd,
    )
    if diff.returncode != 0:
        raise GitError(f"--diff {ref}: git diff failed: {_first_line(diff.stderr)}")
    changed = _parse_diff(diff.stdout.decode("utf-8", "replace"), top)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--", *pathspec], cwd)
    if untracked.returncode != 0:
        raise GitError(f"--diff {ref}: git ls-files failed: {_first_line(untracked.stderr)}")
    for name in untracked.stdout.decode("utf-8", "replace").split("\0"):
        if name:
            path = os.path.realpath(os.path.join(cwd, name))
            changed[path] = set(range(1, _count_lines(path) + 1))
    return changed


def _parse_diff(text: str, top: str) -> dict[str, set[int]]:
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in text.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            if name == "/dev/null":
                current = None  # a deleted file
                continue
            name = _unquote(name)
            current = changed.setdefault(os.path.realpath(os.path.join(top, name.removeprefix("b/"))), set())
        elif line.startswith("@@") and current is not None:
            match = _HUNK.match(line)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or "1")
                current.update(range(start, start + count))
    return changed


def _unquote(name: str) -> str:
    """git quotes unusual paths C-style ("b/caf\\303\\251.md"); octal escapes are UTF-8 bytes."""
    name = name.rstrip("\t")
    if not (name.startswith('"') and name.endswith('"')):
        return name
    body, out, i = name[1:-1], bytearray(), 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567":
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            out += _ESCAPES.get(nxt, nxt).encode()
            i += 2
            continue
        out += char.encode("utf-8")
        i += 1
    return out.decode("utf-8", "replace")


def _count_lines(path: str) -> int:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return 0
    if not data:
        return 0
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


def lines_for(changed: dict[str, set[int]], path: str) -> set[int] | None:
    """The changed lines of ``path`` (any spelling of it), or ``None`` when the file is outside the diff."""
    return changed.get(os.path.realpath(path))


def touches(finding: Finding, lines: set[int]) -> bool:
    """Whether any line of the finding was added or changed."""
    return any(n in lines for n in range(finding.location.line, finding.location.end_line + 1))
