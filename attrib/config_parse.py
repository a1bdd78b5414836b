"""Check a settings table (``attrib.toml``, ``[tool.attrib]``) key by key into Settings; each error names its line."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, get_args

from attrib.errors import ConfigError
from attrib.models import (
    CredibilityLevel,
    FileOverride,
    ProfilePolicy,
    Settings,
    Severity,
    SourceClass,
    Thresholds,
)
from attrib.policy import SEVERITIES, parse_fail_on, rule_pattern_problem

if TYPE_CHECKING:
    from attrib.config import KeyLines

SOURCE_CLASSES: tuple[str, ...] = get_args(SourceClass)
LEVELS: tuple[str, ...] = get_args(CredibilityLevel)

TOP_KEYS = (
    "sources",
    "fail_on",
    "select",
    "ignore",
    "severity",
    "overrides",
    "thresholds",
    "window_days",
    "max_size",
    "show_verified",
    "user_agent_contact",
    "class_credibility",
    "profile",
)
THRESHOLD_KEYS = ("close", "paraphrase")
PROFILE_KEYS = ("max_anonymous_share", "max_unsourced", "forbid_state_media")
OVERRIDE_KEYS = ("glob", "select", "ignore", "severity", "fail_on")

# Every value ``attrib config`` reports, with its own origin: the tables' keys one by one.
FLAT_KEYS: tuple[str, ...] = tuple(
    flat
    for key in TOP_KEYS
    for flat in {
        "thresholds": [f"thresholds.{sub}" for sub in THRESHOLD_KEYS],
        "profile": [f"profile.{sub}" for sub in PROFILE_KEYS],
    }.get(key, [key])
)


class SettingsParser:
    """Checks a settings table key by key so each error names the line it is about."""

    def __init__(self, file: str, lines: KeyLines, root: str) -> None:
        self.file = file
        self.lines = lines
        self.root = root

    def error(self, path: tuple[Any, ...], message: str) -> ConfigError:
        return ConfigError(f"{self.file}:{self.lines.line(*path)}: {message}")

    def origin(self, *path: Any) -> str:
        return f"{self.file}:{self.lines.line(*path)}"

    def parse(self, table: Any) -> tuple[Settings, dict[str, str]]:
        if not isinstance(table, dict):
            raise self.error((), "[tool.attrib] must be a table")
        values: dict[str, Any] = {}
        origins = {key: "default" for key in FLAT_KEYS}
        for key, value in table.items():
            if key not in TOP_KEYS:
                raise self.error((key,), f"unknown key {key!r} (known: {', '.join(TOP_KEYS)})")
            if key == "thresholds":
                values[key] = self.thresholds(value)
                for sub in value:
                    origins[f"thresholds.{sub}"] = self.origin("thresholds", sub)
            elif key == "profile":
                values[key] = self.profile(value)
                for sub in value:
                    origins[f"profile.{sub}"] = self.origin("profile", sub)
            else:
                values[key] = getattr(self, f"key_{key}")(value, (key,))
                origins[key] = self.origin(key)
        return Settings(**values), origins

    # scalar helpers -------------------------------------------------------------------------------------------

    def string(self, value: Any, path: tuple[Any, ...]) -> str:
        if not isinstance(value, str):
            raise self.error(path, f"{_dotted(path)} must be a string, not {_toml_type(value)}")
        return value

    def integer(self, value: Any, path: tuple[Any, ...], minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(path, f"{_dotted(path)} must be an integer, not {_toml_type(value)}")
        if value < minimum:
            raise self.error(path, f"{_dotted(path)} must be at least {minimum}, not {value}")
        return value

    def number(self, value: Any, path: tuple[Any, ...], low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(path, f"{_dotted(path)} must be a number, not {_toml_type(value)}")
        if not low <= value <= high:
            raise self.error(path, f"{_dotted(path)} must be between {low:g} and {high:g}, not {value}")
        return float(value)

    def boolean(self, value: Any, path: tuple[Any, ...]) -> bool:
        if not isinstance(value, bool):
            raise self.error(path, f"{_dotted(path)} must be true or false, not {_toml_type(value)}")
        return value

    def table(self, value: Any, path: tuple[Any, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(path, f"{_dotted(path)} must be a table, not {_toml_type(value)}")
        return value

    def rule_list(self, value: Any, path: tuple[Any, ...]) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(path, f"{_dotted(path)} must be a list of rule ids or prefixes")
        for item in value:
            problem = rule_pattern_problem(item)
            if problem:
                raise self.error(path, f"{_dotted(path)}: {problem}")
        return list(value)

    def severity_table(self, value: Any, path: tuple[Any, ...]) -> dict[str, Severity]:
        table = self.table(value, path)
        result: dict[str, Severity] = {}
        for pattern, severity in table.items():
            problem = rule_pattern_problem(pattern)
            if problem:
                raise self.error((*path, pattern), f"{_dotted(path)}: {problem}")
            if severity not in SEVERITIES:
                raise self.error(
                    (*path, pattern), f"{_dotted(path)}.{pattern} must be one of {', '.join(SEVERITIES)}, not {severity!r}"
                )
            result[pattern] = severity
        return result

    def fail_on(self, value: Any, path: tuple[Any, ...]) -> list[str]:
        try:
            return parse_fail_on(value)
        except ValueError as error:
            raise self.error(path, f"{_dotted(path)}: {error}") from None

    # keys -----------------------------------------------------------------------------------------------------

    def key_sources(self, value: Any, path: tuple[Any, ...]) -> str:
        # relative to the config file, so the same config works from any working folder
        return os.path.normpath(os.path.join(self.root, os.path.expanduser(self.string(value, path))))

    def key_fail_on(self, value: Any, path: tuple[Any, ...]) -> list[str]:
        return self.fail_on(value, path)

    def key_select(self, value: Any, path: tuple[Any, ...]) -> list[str]:
        return self.rule_list(value, path)

    def key_ignore(self, value: Any, path: tuple[Any, ...]) -> list[str]:
        return self.rule_list(value, path)

    def key_severity(self, value: Any, path: tuple[Any, ...]) -> dict[str, Severity]:
        return self.severity_table(value, path)

    def key_window_days(self, value: Any, path: tuple[Any, ...]) -> int:
        return self.integer(value, path, 0)

    def key_max_size(self, value: Any, path: tuple[Any, ...]) -> int:
        return self.integer(value, path, 1)

    def key_show_verified(self, value: Any, path: tuple[Any, ...]) -> bool:
        return self.boolean(value, path)

    def key_user_agent_contact(self, value: Any, path: tuple[Any, ...]) -> str:
        return self.string(value, path)

    def key_class_credibility(self, value: Any, path: tuple[Any, ...]) -> dict[str, CredibilityLevel]:
        table = self.table(value, path)
        for name, level in table.items():
            if name not in SOURCE_CLASSES:
                raise self.error(
                    (*path, name), f"unknown source class {name!r} (known: {', '.join(SOURCE_CLASSES)})"
                )
            if level not in LEVELS:
                raise self.error((*path, name), f"class_credibility.{name} must be one of {', '.join(LEVELS)}, not {level!r}")
        return dict(table)

    def key_overrides(self, value: Any, path: tuple[Any, ...]) -> list[FileOverride]:
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            raise self.error(path, "overrides must be an array of tables ([[tool.attrib.overrides]])")
        result = []
        for index, entry in enumerate(value):
            where = (*path, index)
            if not isinstance(entry, dict):
                raise self.error(where, "each overrides entry must be a table with a glob")
            for key in entry:
                if key not in OVERRIDE_KEYS:
                    raise self.error((*where, key), f"unknown key {key!r} in overrides (known: {', '.join(OVERRIDE_KEYS)})")
            if "glob" not in entry:
                raise self.error(where, "overrides entry has no glob")
            result.append(
                FileOverride(
                    glob=self.string(entry["glob"], (*where, "glob")),
                    select=self.rule_list(entry["select"], (*where, "select")) if "select" in entry else None,
                    ignore=self.rule_list(entry["ignore"], (*where, "ignore")) if "ignore" in entry else None,
                    severity=self.severity_table(entry["severity"], (*where, "severity")) if "severity" in entry else None,
                    fail_on=self.fail_on(entry["fail_on"], (*where, "fail_on")) if "fail_on" in entry else None,
                )
            )
        return result

    def thresholds(self, value: Any) -> Thresholds:
        return Thresholds(**self.fields(value, "thresholds", THRESHOLD_KEYS, {
            "close": lambda item, path: self.number(item, path, 0, 100),
            "paraphrase": lambda item, path: self.number(item, path, 0, 1),
        }))

    def profile(self, value: Any) -> ProfilePolicy:
        return ProfilePolicy(**self.fields(value, "profile", PROFILE_KEYS, {
            "max_anonymous_share": lambda item, path: self.number(item, path, 0, 1),
            "max_unsourced": lambda item, path: self.integer(item, path, 0),
            "forbid_state_media": self.boolean,
        }))

    def fields(
        self, value: Any, name: str, known: tuple[str, ...], readers: dict[str, Callable[[Any, tuple[Any, ...]], Any]]
    ) -> dict[str, Any]:
        """A table of fixed keys (``[thresholds]``, ``[profile]``), each value read by its own reader."""
        values: dict[str, Any] = {}
        for key, item in self.table(value, (name,)).items():
            path = (name, key)
            if key not in readers:
                raise self.error(path, f"unknown key {key!r} in {name} (known: {', '.join(known)})")
            values[key] = readers[key](item, path)
        return values


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _toml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
