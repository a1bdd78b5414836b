"""The registry of primary sources: read and validate ``sources.yaml``, cache it, and publish its JSON Schema."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from attrib.errors import RegistryError
from attrib.models import Registry
from attrib.registry_validate import (
    CREDIBILITY_LEVELS,
    DATE_PATTERN,
    DOCUMENT_KINDS,
    ID_PATTERN,
    PUBLISHER_TYPES,
    SOURCE_CLASSES,
    URL_PATTERN,
    Validator,
)

# Bump when validation or the models change, so that no cache written by an older attrib is trusted.
CACHE_FORMAT = "attrib-registry-cache-2"
CACHE_KEEP = 8  # registry caches kept per cache folder (one per recent version of each sources.yaml)


# --------------------------------------------------------------------------------------------------------------
# Loading


def load_registry(path: str) -> Registry:
    """Read and validate a ``sources.yaml``; every problem is reported at once as ``path:line:col: message``.

    A validated registry is cached as JSON keyed by the file's sha256 (in ``ATTRIB_CACHE_DIR`` or ``.attrib-cache/``
    beside the file), so an unchanged registry of any size loads without parsing YAML again.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise RegistryError(
            [f"{path}: no such file; create a sources.yaml (`attrib sources schema` prints its shape) or pass --sources FILE"]
        ) from None
    except IsADirectoryError:
        raise RegistryError([f"{path}: is a folder; pass the registry file with --sources FILE"]) from None
    except OSError as error:
        raise RegistryError([f"{path}: cannot be read ({error.strerror})"]) from None
    root = str(file.resolve().parent)
    key = hashlib.sha256(CACHE_FORMAT.encode() + b"\0" + data).hexdigest()
    cache = _cache_dir(root)
    cached = _read_cache(cache, key, root)
    if cached is not None:
        return cached.model_copy(update={"root": root, "path": path})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegistryError([f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"]) from None
    with without_gc():
        fields = Validator(path, root).validate(text)
        registry = Registry.model_validate({**fields, "root": root, "path": path})
    _write_cache(cache, key, registry)
    return registry


@contextlib.contextmanager
def without_gc() -> Any:
    """Building a large registry allocates millions of objects and no cycles; the cyclic collector's passes over
    the growing heap then cost more than the work itself (2.5x on a cached 100,000-document load)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _cache_dir(root: str) -> Path:
    return Path(os.environ.get("ATTRIB_CACHE_DIR") or Path(root) / ".attrib-cache")


def _read_cache(cache: Path, key: str, root: str) -> Registry | None:
    try:
        text = (cache / f"registry-{key}.json").read_text(encoding="utf-8")
        with without_gc():
            registry = Registry.model_validate_json(text)
    except (OSError, ValueError):
        return None
    # The file's bytes are unchanged, but a local document it names may have gone since: validate afresh then.
    if not _files_exist(root, [d.path for d in registry.documents if d.path is not None]):
        return None
    return registry


def _files_exist(root: str, paths: list[str]) -> bool:
    """Whether every path (relative to root) is a file: one directory listing per folder, not one stat per file
    (this runs for every document of every check)."""
    folders: dict[str, list[str]] = {}
    join, split = os.path.join, os.path.split
    for path in paths:
        folder, name = split(join(root, path))
        folders.setdefault(folder, []).append(name)
    for folder, names in folders.items():
        try:
            with os.scandir(folder) as entries:
                present = {entry.name for entry in entries if entry.is_file()}
        except OSError:
            return False
        if not present.issuperset(names):
            return False
    return True


def _write_cache(cache: Path, key: str, registry: Registry) -> None:
    """Best effort: a cache folder that cannot be written only means the next load parses YAML again."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".registry-", suffix=".tmp", dir=cache)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(registry.model_dump_json(exclude={"root", "path"}))
        os.replace(tmp, cache / f"registry-{key}.json")
        old = sorted(cache.glob("registry-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[CACHE_KEEP:]
        for stale in old:
            stale.unlink(missing_ok=True)
    except OSError:
        return


# --------------------------------------------------------------------------------------------------------------
# The JSON Schema users' editors read (generated from the same key lists and enums the validator uses)


def registry_schema() -> dict[str, Any]:
    """The JSON Schema of ``sources.yaml`` as users write it (``from``/``to``, enums, ``url`` or ``path``)."""
    text = {"type": "string", "minLength": 1}
    texts = {"type": "array", "items": text}
    ident = {"type": "string", "pattern": ID_PATTERN}
    date = {"type": "string", "format": "date", "pattern": DATE_PATTERN, "description": "YYYY-MM-DD"}
    url = {"type": "string", "pattern": URL_PATTERN}

    def entity(properties: dict[str, Any], required: list[str], description: str, **extra: Any) -> dict[str, Any]:
        return {"type": "object", "description": description, "properties": properties, "required": required,
                "additionalProperties": False, **extra}

    credibility = entity(
        {"level": {"enum": list(CREDIBILITY_LEVELS)}, "note": {**text, "description": "why; whose standard a rating follows"}},
        ["level", "note"],
        "a credibility level and the reason for it",
    )
    publisher = entity(
        {"id": ident, "name": text, "aliases": texts, "type": {"enum": list(PUBLISHER_TYPES)},
         "credibility": {"$ref": "#/$defs/credibility"}, "url": url, "note": text},
        ["id", "name"],
        "an organisation that publishes documents or employs people",
    )
    role = entity(
        {"title": text, "publisher": {**ident, "description": "a publisher id"},
         "from": {**date, "description": "first day held (YYYY-MM-DD); open when absent"},
         "to": {**date, "description": "last day held (YYYY-MM-DD); open when absent"}},
        ["title"],
        "a title a person held, at a publisher, between two days",
    )
    person = entity(
        {"id": ident, "name": text, "aliases": texts, "roles": {"type": "array", "items": {"$ref": "#/$defs/role"}}, "note": text},
        ["id", "name"],
        "a person who speaks in the record",
    )
    document = entity(
        {"id": ident, "title": text, "publisher": {**ident, "description": "a publisher id"}, "date": date,
         "kind": {"enum": list(DOCUMENT_KINDS)},
         "url": {**url, "description": "recorded into cassettes/<id>.yaml by `attrib sources fetch`"},
         "path": {**text, "description": "a local file (txt, md, html, pdf), relative to sources.yaml"},
         "speakers": {"type": "array", "items": {**ident, "description": "a person id"}}, "note": text},
        ["id", "title", "publisher", "date", "kind"],
        "a document of the record; exactly one of `url` and `path`",
        oneOf=[{"required": ["url"], "not": {"required": ["path"]}}, {"required": ["path"], "not": {"required": ["url"]}}],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "attrib sources.yaml",
        "description": "The registry of primary sources attrib checks attributions against.",
        "type": "object",
        "properties": {
            "version": {"const": 1},
            "publishers": {"type": "array", "items": {"$ref": "#/$defs/publisher"}},
            "people": {"type": "array", "items": {"$ref": "#/$defs/person"}},
            "documents": {"type": "array", "items": {"$ref": "#/$defs/document"}},
            "credibility": {
                "type": "object",
                "description": "the credibility of a source class, overriding attrib's default",
                "propertyNames": {"enum": list(SOURCE_CLASSES)},
                "additionalProperties": {"$ref": "#/$defs/credibility"},
            },
        },
        "required": ["version"],
        "additionalProperties": False,
        "$defs": {"credibility": credibility, "publisher": publisher, "role": role, "person": person, "document": document},
    }


def dumps_schema() -> str:
    """The schema as committed in ``sources.schema.json`` and ``attrib/schemas/sources.schema.json``."""
    return json.dumps(registry_schema(), indent=2, ensure_ascii=False) + "\n"
