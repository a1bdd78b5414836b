"""The integration files: .pre-commit-hooks.yaml and the documented GitHub Actions workflow use real options."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from ruamel.yaml import YAML

from attrib.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def parse_attrib(command: str):
    """Parse an ``attrib …`` command line with attrib's own parser (argparse exits on an unknown option)."""
    words = shlex.split(command)
    assert words[0] == "attrib", command
    return build_parser().parse_args(words[1:])


def test_pre_commit_hook():
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert hook["id"] == "attrib"
    assert hook["entry"] == "attrib check"
    assert hook["language"] == "python"
    assert set(hook["types_or"]) == {"markdown", "html", "plain-text"}
    args = parse_attrib(hook["entry"] + " drafts/a.md drafts/b.html")
    assert args.command == "check" and args.paths == ["drafts/a.md", "drafts/b.html"]


def yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown, re.S)


def test_documented_workflow_runs_real_commands():
    doc = (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")
    workflow = YAML(typ="safe").load(yaml_blocks(doc)[0])
    steps = workflow["jobs"]["attrib"]["steps"]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = [step["run"] for step in steps if "run" in step and step["run"].startswith("attrib ")]
    assert runs, "the workflow runs attrib"
    formats = set()
    for run in runs:
        command = run.replace("${{ github.base_ref }}", "main").split("||")[0]
        args = parse_attrib(command)
        assert args.diff == "origin/main"
        formats.add(args.format)
    assert formats == {"github", "sarif"}
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert upload["with"]["sarif_file"] == "attrib.sarif"
    assert workflow["permissions"]["security-events"] == "write"


def test_documented_pre_commit_config_and_commands_parse():
    doc = (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")
    config = YAML(typ="safe").load(yaml_blocks(doc)[1])
    hook = config["repos"][0]["hooks"][0]
    assert hook["id"] == "attrib"
    parse_attrib("attrib check " + " ".join(hook["args"]) + " drafts/a.md")
    for line in re.findall(r"^(attrib [^\n]+)$", doc, re.M):
        parse_attrib(line)
    assert "attrib baseline .attrib-baseline.json drafts" in doc
