"""Validate ``sources.yaml`` over ruamel.yaml's node tree, which keeps every key's and value's position."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path
from typing import Any, get_args

from attrib.errors import RegistryError
from attrib.models import CredibilityLevel, DocumentKind, PublisherType, SourceClass

DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)
PUBLISHER_TYPES: tuple[str, ...] = get_args(PublisherType)
CREDIBILITY_LEVELS: tuple[str, ...] = get_args(CredibilityLevel)
SOURCE_CLASSES: tuple[str, ...] = get_args(SourceClass)

TOP_KEYS = ("version", "publishers", "people", "documents", "credibility")
PUBLISHER_KEYS = ("id", "name", "aliases", "type", "credibility", "url", "note")
CREDIBILITY_KEYS = ("level", "note")
PERSON_KEYS = ("id", "name", "aliases", "roles", "note")
ROLE_KEYS = ("title", "publisher", "from", "to")
DOCUMENT_KEYS = ("id", "title", "publisher", "date", "kind", "url", "path", "speakers", "note")

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL_PATTERN = r"^https?://\S+$"
_ID = re.compile(ID_PATTERN)
_DATE = re.compile(DATE_PATTERN)
_URL = re.compile(URL_PATTERN)

_TAG = "tag:yaml.org,2002:"
_TAG_NAMES = {"int": "a number", "float": "a number", "bool": "true/false", "timestamp": "a date", "null": "nothing"}


def _match(word: str, options: tuple[str, ...] | list[str]) -> str | None:
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return match[0] if match else None


def _closest(word: str, options: tuple[str, ...] | list[str]) -> str:
    match = _match(word, options)
    return f" (did you mean '{match}'?)" if match else ""


class Validator:
    """Every problem in one registry file, each at its line and column; the fields to build a Registry from."""

    def __init__(self, path: str, root: str) -> None:
        self.path = path
        self.root = root
        self.problems: list[tuple[int, int, str]] = []

    def error(self, node: Any, message: str) -> None:
        mark = node.start_mark
        self.problems.append((mark.line + 1, mark.column + 1, message))

    def validate(self, text: str) -> dict[str, Any]:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import MarkedYAMLError, YAMLError

        try:
            # The safe composer applies YAML 1.2 resolution (``no`` stays a string) and keeps marks on every node.
            node = YAML(typ="safe", pure=True).compose(text)
        except MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
            context = ""
            if error.context and error.problem:
                at = error.context_mark
                context = f" ({error.context}" + (f" that starts at {at.line + 1}:{at.column + 1})" if at else ")")
            raise RegistryError([f"{self.path}:{where}: YAML syntax error: {error.problem or error.context}{context}"]) from None
        except YAMLError as error:
            raise RegistryError([f"{self.path}:1:1: YAML error: {error}"]) from None
        if node is None:
            raise RegistryError([f"{self.path}:1:1: the registry is empty; it needs at least `version: 1`"])
        result = self.top(node)
        if self.problems:
            self.problems.sort()
            raise RegistryError([f"{self.path}:{line}:{col}: {message}" for line, col, message in self.problems])
        return result

    # -- shapes ---------------------------------------------------------------------------------------------

    def mapping(self, node: Any, what: str, known: tuple[str, ...], required: tuple[str, ...]) -> dict[str, tuple[Any, Any]] | None:
        """The keys of a mapping node: unknown and duplicate keys reported; null values count as absent."""
        if node.id != "mapping":
            self.error(node, f"{what} must be a mapping of `key: value` lines, not {self.shape(node)}")
            return None
        fields: dict[str, tuple[Any, Any]] = {}
        seen: dict[str, Any] = {}
        suggested: set[str] = set()  # a misspelt required key is one problem, not two
        for key, value in node.value:
            if key.id != "scalar":
                self.error(key, f"a key in {what} must be a plain word")
                continue
            name = str(key.value)
            if name in seen:
                self.error(key, f"duplicate key '{name}' in {what} (first at line {seen[name].start_mark.line + 1})")
                continue
            seen[name] = key
            if name not in known:
                guess = _match(name, known)
                if guess:
                    suggested.add(guess)
                    self.error(key, f"unknown key '{name}' in {what} (did you mean '{guess}'?)")
                else:
                    self.error(key, f"unknown key '{name}' in {what}; known keys: {', '.join(known)}")
                continue
            if value.id == "scalar" and value.tag == _TAG + "null":
                if name in required:
                    self.error(key, f"'{name}' in {what} has no value")
                continue
            fields[name] = (key, value)
        for name in required:
            if name not in seen and name not in suggested:
                self.error(node, f"{what} is missing required key '{name}'")
        return fields

    def sequence(self, node: Any, what: str) -> list[Any]:
        if node.id != "sequence":
            self.error(node, f"{what} must be a list (`- item` lines or [a, b]), not {self.shape(node)}")
            return []
        return list(node.value)

    @staticmethod
    def shape(node: Any) -> str:
        if node.id == "mapping":
            return "a mapping"
        if node.id == "sequence":
            return "a list"
        name = node.tag[len(_TAG):] if node.tag.startswith(_TAG) else node.tag
        return f"{_TAG_NAMES.get(name, 'text')} ({node.value!r})"

    def text(self, node: Any, what: str) -> str | None:
        if node.id != "scalar" or node.tag != _TAG + "str":
            hint = " (put it in quotes)" if node.id == "scalar" else ""
            self.error(node, f"{what} must be text, not {self.shape(node)}{hint}")
            return None
        value = str(node.value)
        if not value.strip():
            self.error(node, f"{what} must not be empty")
            return None
        return value

    def texts(self, node: Any, what: str) -> list[tuple[str, Any]]:
        out = []
        for item in self.sequence(node, what):
            value = self.text(item, f"each of {what}")
            if value is not None:
                out.append((value, item))
        return out

    def ident(self, node: Any, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and not _ID.match(value):
            self.error(node, f"bad {what} '{value}': use letters, digits, '.', '_' and '-' (ids name cassette files)")
            return None
        return value

    def choice(self, node: Any, what: str, options: tuple[str, ...]) -> str | None:
        value = self.text(node, what)
        if value is not None and value not in options:
            self.error(node, f"unknown {what} '{value}'{_closest(value, options)}; expected one of: {', '.join(options)}")
            return None
        return value

    def date(self, node: Any, what: str) -> dt.date | None:
        if node.id != "scalar" or node.tag not in (_TAG + "timestamp", _TAG + "str"):
            self.error(node, f"bad date: {what} must be a date YYYY-MM-DD, not {self.shape(node)}")
            return None
        value = str(node.value)
        if not _DATE.match(value):
            self.error(node, f"bad date '{value}': {what} must be YYYY-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.error(node, f"bad date '{value}': no such day")
            return None

    def credibility(self, node: Any, what: str) -> dict[str, str] | None:
        fields = self.mapping(node, what, CREDIBILITY_KEYS, CREDIBILITY_KEYS)
        if fields is None:
            return None
        level = self.choice(fields["level"][1], "credibility level", CREDIBILITY_LEVELS) if "level" in fields else None
        note = self.text(fields["note"][1], "a credibility note") if "note" in fields else None
        return {"level": level, "note": note} if level and note else None

    # -- entities -------------------------------------------------------------------------------------------

    def top(self, node: Any) -> dict[str, Any]:
        fields = self.mapping(node, "the registry", TOP_KEYS, ("version",))
        if fields is None:
            return {}
        if "version" in fields:
            version = fields["version"][1]
            if not (version.id == "scalar" and version.tag == _TAG + "int" and str(version.value) == "1"):
                self.error(version, f"unsupported version {getattr(version, 'value', '')!r}: this attrib reads `version: 1`")
        self.ids: dict[str, dict[str, Any]] = {"publisher": {}, "person": {}, "document": {}}
        publishers = [self.publisher(n) for n in self.sequence(fields["publishers"][1], "publishers")] if "publishers" in fields else []
        people = [self.person(n) for n in self.sequence(fields["people"][1], "people")] if "people" in fields else []
        documents = [self.document(n) for n in self.sequence(fields["documents"][1], "documents")] if "documents" in fields else []
        classes: dict[str, Any] = {}
        if "credibility" in fields:
            spec = self.mapping(fields["credibility"][1], "credibility", SOURCE_CLASSES, ())
            for name, (_, value) in (spec or {}).items():
                classes[name] = self.credibility(value, f"the credibility of class '{name}'")
        self.references(publishers, people, documents)
        return {
            "version": 1,
            "publishers": [p for p, _ in publishers if p],
            "people": [p for p, _ in people if p],
            "documents": [d for d, _ in documents if d],
            "class_credibility": {k: v for k, v in classes.items() if v},
        }

    def identity(self, fields: dict[str, tuple[Any, Any]], kind: str) -> str | None:
        if "id" not in fields:
            return None
        key, node = fields["id"]
        value = self.ident(node, f"{kind} id")
        if value is None:
            return None
        first = self.ids[kind].get(value)
        if first is not None:
            self.error(node, f"duplicate {kind} id '{value}' (first at line {first.start_mark.line + 1})")
        else:
            self.ids[kind][value] = node
        return value

    def publisher(self, node: Any) -> tuple[dict[str, Any] | None, dict[str, tuple[Any, Any]]]:
        fields = self.mapping(node, "a publisher", PUBLISHER_KEYS, ("id", "name"))
        if fields is None:
            return None, {}
        out: dict[str, Any] = {"id": self.identity(fields, "publisher")}
        if "name" in fields:
            out["name"] = self.text(fields["name"][1], "a publisher's name")
        if "aliases" in fields:
            out["aliases"] = [a for a, _ in self.texts(fields["aliases"][1], "aliases")]
        if "type" in fields:
            out["type"] = self.choice(fields["type"][1], "publisher type", PUBLISHER_TYPES)
        if "credibility" in fields:
            out["credibility"] = self.credibility(fields["credibility"][1], "a publisher's credibility")
        if "url" in fields:
            out["url"] = self.url(fields["url"][1])
        if "note" in fields:
            out["note"] = self.text(fields["note"][1], "a note")
        return self.complete(out, ("id", "name")), fields

    def person(self, node: Any) -> tuple[dict[str, Any] | None, dict[str, tuple[Any, Any]]]:
        fields = self.mapping(node, "a person", PERSON_KEYS, ("id", "name"))
        if fields is None:
            return None, {}
        out: dict[str, Any] = {"id": self.identity(fields, "person")}
        if "name" in fields:
            out["name"] = self.text(fields["name"][1], "a person's name")
        if "aliases" in fields:
            out["aliases"] = [a for a, _ in self.texts(fields["aliases"][1], "aliases")]
        if "note" in fields:
            out["note"] = self.text(fields["note"][1], "a note")
        roles = [self.role(n) for n in self.sequence(fields["roles"][1], "roles")] if "roles" in fields else []
        out["roles"] = [r for r, _ in roles if r]
        self.overlaps(roles)
        return self.complete(out, ("id", "name")), fields

    def role(self, node: Any) -> tuple[dict[str, Any] | None, dict[str, tuple[Any, Any]]]:
        fields = self.mapping(node, "a role", ROLE_KEYS, ("title",))
        if fields is None:
            return None, {}
        out: dict[str, Any] = {}
        if "title" in fields:
            out["title"] = self.text(fields["title"][1], "a role's title")
        if "publisher" in fields:
            out["publisher"] = self.text(fields["publisher"][1], "a role's publisher")
        for key in ("from", "to"):
            if key in fields:
                out[key] = self.date(fields[key][1], f"`{key}`")
        if out.get("from") and out.get("to") and out["to"] < out["from"]:
            self.error(fields["to"][1], f"the role ends ({out['to']}) before it starts ({out['from']})")
        return self.complete(out, ("title",)), fields

    def overlaps(self, roles: list[tuple[dict[str, Any] | None, dict[str, tuple[Any, Any]]]]) -> None:
        """One person cannot hold the same title at the same publisher twice over overlapping dates."""
        seen: list[tuple[dict[str, Any], Any]] = []
        for role, fields in roles:
            if not role:
                continue
            for other, other_node in seen:
                same = other["title"].casefold() == role["title"].casefold() and other.get("publisher") == role.get("publisher")
                if same and _overlap(other.get("from"), other.get("to"), role.get("from"), role.get("to")):
                    self.error(
                        fields["title"][1],
                        f"'{role['title']}' is held twice over overlapping dates (also at line {other_node.start_mark.line + 1})",
                    )
                    break
            seen.append((role, fields["title"][1]))

    def document(self, node: Any) -> tuple[dict[str, Any] | None, dict[str, tuple[Any, Any]]]:
        fields = self.mapping(node, "a document", DOCUMENT_KEYS, ("id", "title", "publisher", "date", "kind"))
        if fields is None:
            return None, {}
        out: dict[str, Any] = {"id": self.identity(fields, "document")}
        if "title" in fields:
            out["title"] = self.text(fields["title"][1], "a document's title")
        if "publisher" in fields:
            out["publisher"] = self.text(fields["publisher"][1], "a document's publisher")
        if "date" in fields:
            out["date"] = self.date(fields["date"][1], "a document's date")
        if "kind" in fields:
            out["kind"] = self.choice(fields["kind"][1], "document kind", DOCUMENT_KINDS)
        if "url" in fields:
            out["url"] = self.url(fields["url"][1])
        if "path" in fields:
            out["path"] = self.local_path(fields["path"][1])
        if "speakers" in fields:
            out["speakers"] = [s for s, _ in self.texts(fields["speakers"][1], "speakers")]
        if "note" in fields:
            out["note"] = self.text(fields["note"][1], "a note")
        if "url" in fields and "path" in fields:
            self.error(fields["path"][0], "a document has either a `url` or a `path`, not both: keep one")
        elif "url" not in fields and "path" not in fields:
            name = f"document '{out['id']}'" if out.get("id") else "a document"
            self.error(node, f"{name} needs a `url` (recorded into cassettes/) or a `path` (a local file)")
        return self.complete(out, ("id", "title", "publisher", "date", "kind")), fields

    def url(self, node: Any) -> str | None:
        value = self.text(node, "a url")
        if value is not None and not _URL.match(value):
            self.error(node, f"bad url '{value}': it must start with http:// or https://")
            return None
        return value

    def local_path(self, node: Any) -> str | None:
        value = self.text(node, "a path")
        if value is not None and not (Path(self.root) / value).is_file():
            self.error(node, f"file not found: {value} (a `path` is relative to the folder of {os.path.basename(self.path)})")
            return None
        return value

    @staticmethod
    def complete(out: dict[str, Any], required: tuple[str, ...]) -> dict[str, Any] | None:
        """The entity as model input, or None when a required value was missing or bad (already reported)."""
        if any(out.get(name) is None for name in required):
            return None
        return {k: v for k, v in out.items() if v is not None}

    def references(self, publishers: list, people: list, documents: list) -> None:
        """Every publisher and person a document or role names must be in the registry (by id)."""
        from attrib.resolver import fold_name  # here, not at the top: attrib.resolver imports this module

        publisher_ids = self.ids["publisher"]
        person_ids = self.ids["person"]
        names = {}
        for publisher, _ in publishers:
            if publisher:
                for name in [publisher["name"], *publisher.get("aliases", [])]:
                    names[fold_name(name)] = publisher["id"]

        def check_publisher(node: Any) -> None:
            value = node.value if node.id == "scalar" and node.tag == _TAG + "str" else None
            if not value or value in publisher_ids:
                return
            by_name = names.get(fold_name(value))
            hint = f"; use its id '{by_name}'" if by_name else _closest(value, list(publisher_ids))
            self.error(node, f"unknown publisher '{value}'{hint}")

        for _, fields in people:
            roles = fields["roles"][1] if "roles" in fields else None
            for role in roles.value if roles is not None and roles.id == "sequence" else []:
                if role.id == "mapping":
                    for key, value in role.value:
                        if key.value == "publisher" and value.tag != _TAG + "null":
                            check_publisher(value)
        for _, fields in documents:
            if "publisher" in fields:
                check_publisher(fields["publisher"][1])
            if "speakers" in fields and fields["speakers"][1].id == "sequence":
                for item in fields["speakers"][1].value:
                    if item.id == "scalar" and item.tag == _TAG + "str" and item.value and item.value not in person_ids:
                        self.error(item, f"unknown person '{item.value}'{_closest(item.value, list(person_ids))}")


def _overlap(a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None, b_end: dt.date | None) -> bool:
    lo, hi = dt.date.min, dt.date.max
    return (a_start or lo) <= (b_end or hi) and (b_start or lo) <= (a_end or hi)
