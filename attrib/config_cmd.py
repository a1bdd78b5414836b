"""``attrib config``: print the effective configuration and the origin of every value."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from attrib.config import apply_cli, load_settings
from attrib.config_parse import FLAT_KEYS
from attrib.models import Settings


def effective_values(settings: Settings) -> dict[str, Any]:
    """Every reported key with its value as JSON data."""
    data = settings.model_dump(mode="json", exclude_none=False)
    values: dict[str, Any] = {}
    for key in FLAT_KEYS:
        value: Any = data
        for part in key.split("."):
            value = value[part]
        if key == "overrides":
            value = [{k: v for k, v in entry.items() if v is not None} for entry in value]
        values[key] = value
    return values


def run_config(args: argparse.Namespace) -> int:
    """``attrib config``: print the effective configuration and the origin of every value."""
    loaded = apply_cli(load_settings(getattr(args, "config", None), os.getcwd()), args)
    values = effective_values(loaded.settings)
    if getattr(args, "format", "text") == "json":
        document = {
            "config": loaded.path,
            "root": loaded.root,
            "values": {key: {"value": values[key], "origin": loaded.origins.get(key, "default")} for key in FLAT_KEYS},
        }
        sys.stdout.write(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        return 0
    out = [f"# config file: {loaded.path}" if loaded.path else "# no config file found: defaults"]
    rendered = [(key, json.dumps(values[key], ensure_ascii=False)) for key in FLAT_KEYS]
    width = max(len(key) + 3 + len(text) for key, text in rendered)
    for key, text in rendered:
        line = f"{key} = {text}"
        out.append(f"{line.ljust(width)}  # {loaded.origins.get(key, 'default')}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0
