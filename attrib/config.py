"""Configuration: ``attrib.toml`` or ``[tool.attrib]`` in ``pyproject.toml``, then command-line flags, with origins."""

from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass, field, replace
from typing import Any

from attrib.config_parse import FLAT_KEYS, SettingsParser
from attrib.errors import ConfigError
from attrib.models import Settings
from attrib.policy import parse_fail_on, settings_for


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


class KeyLines:
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
    lines = KeyLines(text, prefix)
    parser = SettingsParser(_display(path), lines, os.path.dirname(path))
    settings, origins = parser.parse(table)
    return LoadedSettings(settings=settings, origins=origins, path=path, root=os.path.dirname(path))


# --------------------------------------------------------------------------------------------------------------
# Command-line flags


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
    for name, flag, minimum, bound in (("window_days", "--window-days", 0, "must be 0 or more"),
                                       ("max_size", "--max-size", 1, "must be at least 1")):
        value = getattr(args, name, None)
        if value is not None:
            if value < minimum:
                raise ConfigError(f"{flag} {value}: {bound}")
            update[name] = value
            origins[name] = "command line"
    if not update:
        return loaded
    return replace(loaded, settings=loaded.settings.model_copy(update=update), origins=origins)
