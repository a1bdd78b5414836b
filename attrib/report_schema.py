"""The JSON Schema of ``attrib check --format json``, generated from the report model and shipped in the package."""

from __future__ import annotations

import json
from pathlib import Path

SCHEMA_PATH = Path(__file__).parent / "schemas" / "report.schema.json"


def report_schema() -> dict:
    """The schema as generated now from ``models.Report`` (the committed file must equal this)."""
    from attrib.models import SCHEMA_VERSION, Report

    body = Report.model_json_schema(by_alias=True, mode="serialization")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "attrib report",
        "description": f"The output of `attrib check --format json`, schema_version {SCHEMA_VERSION}.",
    }
    schema.update({key: value for key, value in body.items() if key not in ("title", "description")})
    # model_dump writes every field, defaults included, so every property is required in the output
    for definition in [schema, *schema.get("$defs", {}).values()]:
        if "properties" in definition:
            definition["required"] = sorted(definition["properties"])
    return schema


def generated_text() -> str:
    return json.dumps(report_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_text() -> str:
    """The committed schema file's text (what `attrib schema` prints)."""
    return SCHEMA_PATH.read_text(encoding="utf-8")


def write_schema() -> None:
    """Regenerate the committed file after a model change: ``python -m attrib.report_schema``."""
    SCHEMA_PATH.write_text(generated_text(), encoding="utf-8")


if __name__ == "__main__":
    write_schema()
