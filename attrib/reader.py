"""Read articles (plain text, Markdown, HTML) into an ``Article``: decoded text, the prose to read, and its blocks."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from typing import Any

from attrib.dates import parse_iso
from attrib.errors import InputError
from attrib.htmlprose import html_to_prose
from attrib.models import Article, ArticleFormat, Block, BlockKind

EXTENSIONS: dict[str, ArticleFormat] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
}
DEFAULT_MAX_SIZE = 5_000_000
_KNOWN = ", ".join(EXTENSIONS)


# --------------------------------------------------------------------------------------------------------------
# Finding and decoding files


def discover(paths: list[str]) -> list[tuple[str, InputError | None]]:
    """Expand folders into the article files under them (sorted, hidden folders skipped); ``-`` is stdin.

    A path that cannot be checked comes back with its error, so the other paths are still checked.
    """
    found: list[tuple[str, InputError | None]] = []
    for path in paths:
        if path == "-":
            found.append((path, None))
        elif os.path.isdir(path):
            files = list(_walk(path))
            if files:
                found.extend((f, None) for f in files)
            else:
                found.append((path, InputError(path, f"folder has nothing to check (no {_KNOWN} files in it)")))
        elif not os.path.exists(path):
            found.append((path, InputError(path, "no such file or folder; check the path")))
        elif _format_of(path) is None:
            found.append((path, _unknown_type(path)))
        else:
            found.append((path, None))
    return found


def _walk(folder: str) -> Iterable[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and _format_of(name) is not None:
                yield os.path.join(root, name)


def _format_of(path: str) -> ArticleFormat | None:
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


def _unknown_type(path: str) -> InputError:
    ext = os.path.splitext(path)[1] or "(none)"
    return InputError(path, f"unknown file type {ext}; attrib reads {_KNOWN} (rename the file, or pipe it to - with --stdin-format)")


def read_article(
    path: str,
    *,
    data: bytes | None = None,
    fmt: ArticleFormat | None = None,
    date: dt.date | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Article:
    """Read one article from ``path`` (or from ``data``, e.g. stdin as ``-``); every failure is an ``InputError``."""
    if fmt is None:
        fmt = "markdown" if path == "-" else _format_of(path)
        if fmt is None:
            raise _unknown_type(path)
    if data is None:
        data = _read_bytes(path, max_size)
    elif len(data) > max_size:
        raise _too_large(path, len(data), max_size)
    text = decode(path, data)
    if fmt == "text":
        return read_text(text, path=path, date=date)
    if fmt == "markdown":
        return _read_markdown(text, path, date)
    return _read_html(text, path, date)


def _too_large(path: str, size: int, max_size: int) -> InputError:
    return InputError(
        path,
        f"file is {size:,} bytes, over the {max_size:,}-byte limit; raise it with --max-size or max_size in attrib.toml",
    )


def _read_bytes(path: str, max_size: int) -> bytes:
    try:
        size = os.stat(path).st_size
        if os.path.isdir(path):
            raise InputError(path, "is a folder, not an article; give the folder itself to check every article in it")
        if size > max_size:
            raise _too_large(path, size, max_size)
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file or folder; check the path") from None
    except PermissionError:
        raise InputError(path, "permission denied; make the file readable") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc}); check the path") from None
    if len(data) > max_size:  # the file grew, or is a pipe: stat did not tell
        raise _too_large(path, len(data), max_size)
    return data


def decode(path: str, data: bytes) -> str:
    """UTF-8 with or without a BOM (removed, so offsets count from after it); anything else is an InputError."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(path, "UTF-16 text, not UTF-8; save it as UTF-8")
    if b"\x00" in data:
        raise InputError(path, "binary file, not an article (it holds NUL bytes); give a text, Markdown or HTML file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise InputError(
            path, f"not valid UTF-8 (byte 0x{bad:02x} at byte offset {exc.start}); save it as UTF-8"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


# --------------------------------------------------------------------------------------------------------------
# Plain text

_PARAGRAPH = re.compile(r"[^\s](?:[^\n]|\n(?![^\S\n]*(?:\n|\Z)))*")
_SENTENCE_END = ".!?:;…\"”’'»)]"


def read_text(text: str, path: str = "<text>", date: dt.date | None = None) -> Article:
    """A plain-text article: prose is the text; blocks are blank-line separated paragraphs (short lone lines
    with no closing punctuation are headings)."""
    return Article(
        path=path,
        format="text",
        text=text,
        prose=text,
        blocks=_text_blocks(text, 0, len(text)),
        date=date,
        date_source="option" if date else "none",
    )


def _text_blocks(text: str, start: int, end: int) -> list[Block]:
    blocks = []
    for m in _PARAGRAPH.finditer(text, start, end):
        s, e = m.start(), m.end()
        while e > s and text[e - 1].isspace():
            e -= 1
        kind: BlockKind = "paragraph"
        if "\n" not in text[s:e] and e - s < 80 and text[e - 1] not in _SENTENCE_END:
            kind = "heading"
        blocks.append(Block(kind=kind, start=s, end=e))
    return blocks


# --------------------------------------------------------------------------------------------------------------
# Markdown: markdown-it finds the blocks (line ranges); their content is kept in place, everything else is
# blanked with spaces (newlines kept), so prose has the text's length and offsets never move.

_MD: Any = None


def _markdown_parser() -> Any:
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin

        md = MarkdownIt("commonmark").use(front_matter_plugin).enable("table")
        # Only the block structure is needed: inline markup is blanked here, with exact offsets.
        md.disable(["inline", "text_join"])
        _MD = md
    return _MD


_BLOCK_KINDS: dict[str, BlockKind] = {
    "heading_open": "heading",
    "list_item_open": "list_item",
    "blockquote_open": "blockquote",
}

# Inline markup, blanked in this order (code first: its contents are literal).
_INLINE_BLANKS: list[re.Pattern[str]] = [
    re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>"),
    re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?"),
    re.compile(r"\[\^[^\]\s]+\]"),
    re.compile(r"(?<![\\!])\[(?=[^\]]*\](?:\(|\[))"),
    re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\]\[[^\]]*\]"),
    re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>"),
    re.compile(r"\bhttps?://[^\s<>()]*[^\s<>().,;:!?'\"”’]"),
    re.compile(r"(?<!\\)(?:\*{1,3}|~~)(?=\S)|(?<=\S)(?<!\\)(?:\*{1,3}|~~)"),
    re.compile(r"(?<![\w\\])_{1,3}(?=\S)|(?<=\S)(?<!\\)_{1,3}(?!\w)"),
    re.compile(r"\\(?=[!-/:-@\[-`{-~]|\n)"),
]
_NOT_NEWLINE = re.compile(r"[^\r\n]")


def _blank(s: str) -> str:
    return _NOT_NEWLINE.sub(" ", s)


def _read_markdown(text: str, path: str, date: dt.date | None) -> Article:
    md = _markdown_parser()
    # markdown-it treats a lone \r as a line end; this file's lines end only at \n.
    source = text.replace("\r\n", "\n").replace("\r", " ") if "\r" in text else text
    tokens = md.parse(source)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)] + [len(text) + 1]
    blank_text = _blank(text)
    chars = list(blank_text)
    blocks: list[Block] = []
    title = front_date = None
    containers: list[BlockKind] = []
    cursor: dict[int, int] = {}  # per line, where the next table cell's search starts
    for index, token in enumerate(tokens):
        if token.type == "front_matter":
            title, front_date = _front_matter(token.content, path)
            continue
        if token.type in _BLOCK_KINDS:
            containers.append(_BLOCK_KINDS[token.type])
            continue
        if token.type in ("heading_close", "list_item_close", "blockquote_close"):
            containers.pop()
            continue
        if token.type != "inline" or not token.map:
            continue
        in_cell = index > 0 and tokens[index - 1].type in ("td_open", "th_open")
        regions = _content_regions(text, line_starts, token.map, token.content, in_cell, cursor)
        if not regions:
            continue
        for s, e in regions:
            chars[s:e] = text[s:e]
        first, last = regions[0][0], regions[-1][1]
        view = "".join(chars[first:last])
        for pattern in _INLINE_BLANKS:
            view = pattern.sub(_blank_match, view)
        chars[first:last] = view
        stripped = view.strip()
        if not stripped:
            continue
        s = first + (len(view) - len(view.lstrip()))
        kind = containers[-1] if containers else "paragraph"
        blocks.append(Block(kind=kind, start=s, end=s + len(stripped)))
    if date is not None:
        source_of_date = "option"
    elif front_date is not None:
        date, source_of_date = front_date, "front-matter"
    else:
        source_of_date = "none"
    return Article(
        path=path,
        format="markdown",
        text=text,
        prose="".join(chars),
        blocks=blocks,
        title=title,
        date=date,
        date_source=source_of_date,  # type: ignore[arg-type]
    )


def _blank_match(m: re.Match[str]) -> str:
    return _blank(m.group(0))


def _content_regions(
    text: str, line_starts: list[int], line_map: list[int], content: str, in_cell: bool, cursor: dict[int, int]
) -> list[tuple[int, int]]:
    """Where each line of an inline token's content sits in ``text`` (container markers and indentation excluded)."""
    regions = []
    content_lines = content.split("\n")
    for offset, piece in enumerate(content_lines):
        line = line_map[0] + offset
        if line >= line_map[1] or line + 1 >= len(line_starts):
            break
        start, end = line_starts[line], line_starts[line + 1] - 1
        raw = text[start:end]
        needle = piece.strip()
        if not needle:
            continue
        if in_cell:
            at = raw.find(needle, cursor.get(line, 0))
            if at >= 0:
                cursor[line] = at + len(needle)
        else:
            at = raw.rfind(needle)
        if at < 0:
            # Tabs expanded by the parser: fall back to the line after its container markers.
            m = re.match(r"[ \t]*(?:(?:>|[-+*]|\d{1,9}[.)])[ \t]*)*(?:#{1,6}[ \t]+)?", raw)
            at = m.end() if m else 0
            tail = raw[at:].rstrip()
            regions.append((start + at, start + at + len(tail)))
        else:
            regions.append((start + at, start + at + len(needle)))
    return regions


def _front_matter(content: str, path: str) -> tuple[str | None, dt.date | None]:
    """``title:`` and ``date:`` from YAML front matter (YAML 1.2, so ``on``/``no`` stay strings)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt")
    try:
        data = yaml.load(content)
    except ValueError:  # ruamel builds timestamps eagerly: "date: 2024-13-01" fails here
        m = re.search(r"(?m)^date[ \t]*:[ \t]*(.*?)[ \t]*$", content)
        line = content.count("\n", 0, m.start()) + 2 if m else 2
        value = m.group(1) if m else "?"
        raise InputError(path, f"line {line}: front-matter date {value!r} is not a date; write it as YYYY-MM-DD") from None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise InputError(path, f"{where}front matter is not valid YAML ({problem}); fix the YAML between the --- lines") from None
    if not hasattr(data, "get"):
        return None, None
    title = data.get("title")
    title = None if title is None else str(title)
    raw_date = data.get("date")
    line = data.lc.key("date")[0] + 2 if "date" in data else 0  # +1 for the opening ---, +1 for 1-based
    if raw_date is None:
        return title, None
    if isinstance(raw_date, dt.datetime):
        return title, raw_date.date()
    if isinstance(raw_date, dt.date):
        return title, raw_date
    try:
        return title, parse_iso(str(raw_date))
    except ValueError:
        raise InputError(
            path, f"line {line}: front-matter date {str(raw_date)!r} is not a date; write it as YYYY-MM-DD"
        ) from None


# --------------------------------------------------------------------------------------------------------------
# HTML


def _read_html(text: str, path: str, date: dt.date | None) -> Article:
    page = html_to_prose(text)
    source = "option" if date is not None else ("html-meta" if page.date is not None else "none")
    return Article(
        path=path,
        format="html",
        text=text,
        prose=page.prose,
        offsets=page.offsets,
        offset_ends=page.offset_ends,
        blocks=page.blocks,
        title=page.title,
        date=date if date is not None else page.date,
        date_source=source,  # type: ignore[arg-type]
    )
