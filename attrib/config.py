"""Configuration: ``attrib.toml`` or ``[tool.attrib]`` in ``pyproject.toml``, then command-line flags, with origins."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, get_args

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
from attrib.policy import SEVERITIES, parse_fail_on, rule_pattern_problem, settings_for

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

# Every value ``attrib config`` reports, with its own origin.
FLAT_KEYS: tuple[str, ...] = (
    "sources",
    "fail_on",
    "select",
    "ignore",
    "severity",
    "overrides",
    "thresholds.close",
    "thresholds.paraphrase",
    "window_days",
    "max_size",
    "show_verified",
    "user_agent_contact",
    "class_credibility",
    "profile.max_anonymous_share",
    "profile.max_unsourced",
    "profile.forbid_state_media",
)


@dataclass(frozen=True)
class LoadedSettings:
    """Settings plus where each came from. ``root`` is the config file's folder (the working folder without one)."""

    settings: Settings
    origins: dict[str, str] = field(default_factory=dict)
    path: str | None = None
    root: str = "."

    def for_path(self, path: str) -> Settings:
        """The settings for one draft, with the per-glob overrides that match it applied."""
        return settings_for(self.settings, path, root=self.root)


# --------------------------------------------------------------------------------------------------------------
# Finding and reading the file


def find_config(cwd: str | None = None) -> tuple[str, tuple[str, ...]] | None:
    """The nearest config file walking up from ``cwd`` and the table prefix its settings live under."""
    folder = os.path.abspath(cwd or os.getcwd())
    while True:
        candidate = os.path.join(folder, "attrib.toml")
        if os.path.isfile(candidate):
            return candidate, ()
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate) and _has_tool_attrib(candidate):
            return candidate, ("tool", "attrib")
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_tool_attrib(path: str) -> bool:
    data = _read_toml(path)
    tool = data.get("tool")
    return isinstance(tool, dict) and "attrib" in tool


def _read_toml(path: str) -> dict[str, Any]:
    import tomllib

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{_display(path)}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        # tomllib's message ends "(at line N, column M)"; turn that into our file:line form
        message = str(error)
        match = re.search(r"\(at line (\d+), column \d+\)$", message)
        if match:
            message = message[: match.start()].strip()
            raise ConfigError(f"{_display(path)}:{match.group(1)}: invalid TOML: {message}") from None
        if message.endswith("(at end of document)"):
            with open(path, "rb") as handle:
                last = max(1, len(handle.read().splitlines()))
            message = message.removesuffix("(at end of document)").strip()
            raise ConfigError(f"{_display(path)}:{last}: invalid TOML: {message} (at end of file)") from None
        raise ConfigError(f"{_display(path)}: invalid TOML: {message}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{_display(path)}: not UTF-8") from None


def _display(path: str) -> str:
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return path if rel.startswith("..") else rel


class _KeyLines:
    """Line numbers of keys in a TOML file (tomllib gives none), found by scanning headers and ``key =`` lines.

    Paths are relative to the settings table: ``("thresholds", "close")``, ``("overrides", 0, "glob")``.
    """

    _HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
    _KEY = re.compile(
        r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
    )

    def __init__(self, text: str, prefix: tuple[str, ...]) -> None:
        self.lines: dict[tuple[Any, ...], int] = {}
        self.prefix = prefix
        table: tuple[Any, ...] = ()
        arrays: dict[tuple[str, ...], int] = {}
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            header = self._HEADER.match(line)
            key = None if header else self._KEY.match(line)
            if header:
                parts = tuple(self._split(header.group(2)))
                if header.group(1) == "[[":
                    index = arrays.get(parts, -1) + 1
                    arrays[parts] = index
                    self._record(parts, number)  # the array itself is "defined" at its first entry
                    table = (*parts, index)
                else:
                    table = parts
                self._record(table, number)
            elif key:
                self._record((*table, *self._split(key.group(1))), number)
                rest = line[key.end() :]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        in_string = quote

    @staticmethod
    def _split(dotted: str) -> list[str]:
        return [part.strip("\"'") for part in re.findall(r""""[^"]*"|'[^']*'|[^."'\s]+""", dotted)]

    def _record(self, path: tuple[Any, ...], number: int) -> None:
        if path[: len(self.prefix)] != self.prefix:
            return
        self.lines.setdefault(path[len(self.prefix) :], number)

    def line(self, *path: Any) -> int:
        """The line of ``path``, or of its nearest enclosing key or table (1 when nothing matches)."""
        path_t = tuple(path)
        while path_t:
            if path_t in self.lines:
                return self.lines[path_t]
            path_t = path_t[:-1]
        return self.lines.get((), 1)


# --------------------------------------------------------------------------------------------------------------
# Loading


def load_settings(config_path: str | None = None, cwd: str | None = None) -> LoadedSettings:
    """Read the configuration: ``config_path`` if given, else the nearest ``attrib.toml`` / ``[tool.attrib]``."""
    cwd = os.path.abspath(cwd or os.getcwd())
    if config_path is not None:
        path = config_path if os.path.isabs(config_path) else os.path.join(cwd, config_path)
        if not os.path.isfile(path):
            raise ConfigError(f"--config {config_path}: no such file")
        prefix: tuple[str, ...] = ("tool", "attrib") if os.path.basename(path) == "pyproject.toml" else ()
        found: tuple[str, tuple[str, ...]] | None = (path, prefix)
    else:
        found = find_config(cwd)
    if found is None:
        return LoadedSettings(settings=Settings(), origins={key: "default" for key in FLAT_KEYS}, path=None, root=cwd)
    path, prefix = found
    path = os.path.abspath(path)
    data = _read_toml(path)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    table: Any = data
    if prefix:
        table = data.get("tool", {}).get("attrib", {})
    elif set(data) == {"tool"} and isinstance(data["tool"], dict) and set(data["tool"]) == {"attrib"}:
        # an attrib.toml written like pyproject.toml: accept it rather than call "tool" unknown
        prefix = ("tool", "attrib")
        table = data["tool"]["attrib"]
    lines = _KeyLines(text, prefix)
    parser = _Parser(_display(path), lines, os.path.dirname(path))
    settings, origins = parser.parse(table)
    return LoadedSettings(settings=settings, origins=origins, path=path, root=os.path.dirname(path))


class _Parser:
    """Checks a settings table key by key so each error names the line it is about."""

    def __init__(self, file: str, lines: _KeyLines, root: str) -> None:
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


# --------------------------------------------------------------------------------------------------------------
# Command-line flags and `attrib config`


def apply_cli(loaded: LoadedSettings, args: argparse.Namespace) -> LoadedSettings:
    """Merge the flags given on the command line over the file's settings; their origin is "command line"."""
    update: dict[str, Any] = {}
    origins = dict(loaded.origins)
    sources = getattr(args, "sources", None)
    if sources is not None:
        update["sources"] = sources
        origins["sources"] = "command line"
    fail_on = getattr(args, "fail_on", None)
    if fail_on is not None:
        try:
            update["fail_on"] = parse_fail_on(fail_on)
        except ValueError as error:
            raise ConfigError(f"--fail-on {fail_on!r}: {error}") from None
        origins["fail_on"] = "command line"
    if getattr(args, "show_verified", None):
        update["show_verified"] = True
        origins["show_verified"] = "command line"
    window_days = getattr(args, "window_days", None)
    if window_days is not None:
        if window_days < 0:
            raise ConfigError(f"--window-days {window_days}: must be 0 or more")
        update["window_days"] = window_days
        origins["window_days"] = "command line"
    max_size = getattr(args, "max_size", None)
    if max_size is not None:
        if max_size < 1:
            raise ConfigError(f"--max-size {max_size}: must be at least 1")
        update["max_size"] = max_size
        origins["max_size"] = "command line"
    if not update:
        return loaded
    return replace(loaded, settings=loaded.settings.model_copy(update=update), origins=origins)


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
