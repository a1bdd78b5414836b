"""``attrib sources check | list | schema``: thin commands over the registry module."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

from attrib.cassette import cassette_path
from attrib.errors import RegistryError
from attrib.models import Document, Registry

_RECORDED_AT = re.compile(r"^\s*recorded_at:\s*['\"]?(\d{4}-\d{2}-\d{2})", re.MULTILINE)


def sources_path(args: argparse.Namespace) -> str:
    """The registry a command reads: ``--sources``, else the configured one, else ``sources.yaml`` beside the
    configuration or in the working folder."""
    given = getattr(args, "sources", None)
    if given:
        return given
    try:
        from attrib.config import load_settings
    except ImportError:
        return "sources.yaml"
    loaded = load_settings(getattr(args, "config", None))
    if loaded.settings.sources:
        return _display(loaded.settings.sources)
    for folder in (loaded.root, os.getcwd()):
        candidate = Path(folder) / "sources.yaml"
        if candidate.is_file():
            return _display(str(candidate))
    return "sources.yaml"


def _display(path: str) -> str:
    """A path as short as it can be said from the working folder."""
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _load(args: argparse.Namespace) -> tuple[str, Registry | None]:
    from attrib.registry import load_registry

    path = sources_path(args)
    try:
        return path, load_registry(path)
    except RegistryError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        if len(error.problems) > 1:
            print(f"{path}: {len(error.problems)} problems", file=sys.stderr)
        return path, None


def run_check(args: argparse.Namespace) -> int:
    """Validate the registry: a one-line summary and exit 0, or every problem on stderr and exit 2."""
    path, registry = _load(args)
    if registry is None:
        return 2
    print(
        f"{path}: {len(registry.publishers)} publishers, {len(registry.people)} people, "
        f"{len(registry.documents)} documents: OK"
    )
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from attrib.registry import dumps_schema

    sys.stdout.write(dumps_schema())
    return 0


def recorded_state(registry: Registry, document: Document) -> str:
    """Whether a document can be read offline: its cassette and when it was recorded, or its local file."""
    if document.path is not None:
        return "local file" if (Path(registry.root) / document.path).is_file() else "missing file"
    cassette = cassette_path(registry.root, document.id)
    try:
        text = cassette.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"not recorded (run `attrib sources fetch {document.id}`)"
    # recorded_at follows the body in the cassette; a regex finds it without parsing a large body as YAML
    found = _RECORDED_AT.findall(text)
    if found:
        return f"recorded {found[-1]}"
    return f"recorded {dt.date.fromtimestamp(cassette.stat().st_mtime).isoformat()}"


def run_list(args: argparse.Namespace) -> int:
    """Every document with its date, kind, publisher, speakers and whether it is recorded."""
    path, registry = _load(args)
    if registry is None:
        return 2
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    names = {p.id: p.name for p in registry.people}
    table = Table(title=f"{path}: {len(registry.documents)} documents", title_justify="left")
    for column in ("id", "date", "kind", "publisher", "speakers", "recorded"):
        table.add_column(column, overflow="fold")
    states = {"recorded": 0, "local": 0, "missing": 0}
    for document in sorted(registry.documents, key=lambda d: (d.date, d.id)):
        state = recorded_state(registry, document)
        key = "recorded" if state.startswith("recorded") or state == "local file" else "missing"
        states[key] += 1
        speakers = ", ".join(names.get(s, s) for s in document.speakers)
        table.add_row(*(Text(v) for v in (document.id, document.date.isoformat(), document.kind, document.publisher, speakers, state)))
    # Off a terminal rich would hard-wrap at 80 columns and cut the fetch hint; give it room instead.
    console = Console(width=None if sys.stdout.isatty() else 220, highlight=False)
    console.print(table)
    console.print(
        Text(f"{states['recorded']} readable offline, {states['missing']} not recorded or missing")
    )
    return 0
