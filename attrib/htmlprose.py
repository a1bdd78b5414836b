"""Main-content prose of an HTML page, with a map from every prose character back to its raw span."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from attrib.dates import parse_iso
from attrib.models import Block, BlockKind


@dataclass
class HtmlProse:
    """The main content of an HTML page as prose, with ``offsets[i]``/``offset_ends[i]`` the raw span of prose[i]."""

    prose: str
    offsets: list[int]
    offset_ends: list[int]
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    date: dt.date | None = None


def html_to_prose(html: str) -> HtmlProse:
    """Main-content prose of an HTML page (inside <article>/<main> when present, else <body>), page furniture
    dropped, entities decoded, whitespace collapsed; every prose character maps back to its raw span."""
    extractor = _HtmlProseParser(html)
    extractor.feed(html)
    extractor.close()
    return extractor.result()


# Elements whose content is never article prose.
_DROP_TAGS = frozenset(
    "script style noscript template nav header footer aside form button svg iframe head title select "
    "textarea object canvas dialog menu".split()
)
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote figure figcaption div section article main td th tr "
    "table thead tbody tfoot caption pre hr address details summary center".split()
)
_KIND_OF_TAG: dict[str, BlockKind] = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "figcaption": "caption",
    "li": "list_item",
    "blockquote": "blockquote",
}
_AUTO_CLOSE = frozenset("p li dt dd td th tr".split())
_SCOPE_TAGS = frozenset("ul ol dl table div section article main blockquote body".split())
# class / id / role names of page furniture (separated by start, end, space, - or _).
_FURNITURE = re.compile(
    r"(?i)(?:^|[\s_-])(?:ads?|adslot|advert\w*|dfp|newsletter\w*|share|shares|sharing|sharebar|sharetools|"
    r"social\w*|related|cookie\w*|consent|promo\w*|subscribe\w*|subscription|paywall|banner|breadcrumbs?|"
    r"comments?|sidebar|menu\w*|nav|navbar|navigation|popup|modal|sponsor\w*|outbrain|taboola|byline|"
    r"sr-only|visually-hidden|complementary|contentinfo)(?=$|[\s_-])"
)
_MAIN_CONTENT = re.compile(r"<(?:article|main)[\s>/]", re.I)
_BODY = re.compile(r"<body[\s>/]", re.I)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_ENTITY = re.compile(r"&(?:#[xX]?[0-9a-fA-F]*|[A-Za-z][-.A-Za-z0-9]*);?")
_HTML_WS = re.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f]+")
_DATE_PRIORITY = {"og": 0, "itemprop": 1, "json-ld": 2, "time": 3, "meta": 4}


class _HtmlProseParser(HTMLParser):
    """Walks the page once, appending main-content characters and their raw spans."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.main_only = _MAIN_CONTENT.search(html) is not None
        self.body_only = not self.main_only and _BODY.search(html) is not None
        self.stack: list[tuple[str, bool]] = []  # (tag, dropped)
        self.dropped = 0
        self.main_depth = 0
        self.body_depth = 0
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.ends: list[int] = []
        self.blocks: list[Block] = []
        self.block_start: int | None = None
        self.block_kind: BlockKind = "paragraph"
        self.pending_break: tuple[str, int, int] | None = None  # separator to write before the next text
        self.pending_space: int | None = None
        self.title_parts: list[str] = []
        self.in_title = False
        self.og_title: str | None = None
        self.h1_start: int | None = None
        self.h1_title: str | None = None
        self.dates: list[tuple[int, str]] = []
        self.header_in_article = 0
        self.article_depth = 0
        for m in _JSON_LD_DATE.finditer(html):
            self.dates.append((_DATE_PRIORITY["json-ld"], m.group(1)))

    # -- positions ------------------------------------------------------------------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    @property
    def collecting(self) -> bool:
        if self.dropped:
            return False
        if self.main_only:
            return self.main_depth > 0
        if self.body_only:
            return self.body_depth > 0
        return True

    # -- structure ------------------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        span_end = start + len(raw)
        values = dict(attrs)
        self._note_metadata(tag, values)
        if tag in _VOID_TAGS:
            if tag == "br" and self.collecting:
                self._line_break(start, span_end)
            elif tag == "hr" and self.collecting:
                self._end_block(start, span_end)
            return
        if tag in _AUTO_CLOSE:
            self._auto_close(tag)
        drop = tag in _DROP_TAGS or self._is_furniture(values)
        if tag in _BLOCK_TAGS and self.collecting:
            self._end_block(start, span_end)
        self.stack.append((tag, drop))
        self.dropped += drop
        if tag in ("article", "main"):
            self.main_depth += 1
        if tag == "article":
            self.article_depth += 1
        if tag == "header" and self.article_depth:
            self.header_in_article += 1
        if tag == "body":
            self.body_depth += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1" and self.collecting and self.h1_title is None:
            self.h1_start = len(self.chars)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            self.handle_starttag(tag, attrs)
        else:  # <div/> opens nothing in HTML; treat it as an empty element
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not any(open_tag == tag for open_tag, _ in self.stack):
            if tag == "br" and self.collecting:  # </br> is a line break in browsers
                start = self._offset()
                self._line_break(start, start + len(tag) + 3)
            return
        start = self._offset()
        close = self.html.find(">", start)
        span_end = close + 1 if close >= 0 else len(self.html)
        while self.stack:
            open_tag, drop = self.stack.pop()
            self._closed(open_tag, drop, start, span_end)
            if open_tag == tag:
                break

    def _closed(self, tag: str, drop: bool, start: int, end: int) -> None:
        if tag == "h1" and self.h1_start is not None and self.h1_title is None:
            self.h1_title = "".join(self.chars[self.h1_start :]).strip() or None
            self.h1_start = None
        if tag in _BLOCK_TAGS and self.collecting:
            self._end_block(start, end)
        self.dropped -= drop
        if tag in ("article", "main"):
            self.main_depth -= 1
        if tag == "article":
            self.article_depth -= 1
        if tag == "header" and self.header_in_article:
            self.header_in_article -= 1
        if tag == "body":
            self.body_depth -= 1
        if tag == "title":
            self.in_title = False

    def _auto_close(self, tag: str) -> None:
        """A new <p>, <li>, <td>… closes an open one of its kind (HTML lets authors leave it open)."""
        for depth in range(len(self.stack) - 1, -1, -1):
            open_tag = self.stack[depth][0]
            if open_tag == tag:
                while len(self.stack) > depth:
                    closed, drop = self.stack.pop()
                    offset = self._offset()
                    self._closed(closed, drop, offset, offset)
                return
            if open_tag in _SCOPE_TAGS:
                return

    def _is_furniture(self, values: dict[str, str | None]) -> bool:
        if "hidden" in values or values.get("aria-hidden") == "true":
            return True
        return any(_FURNITURE.search(values.get(name) or "") for name in ("class", "id", "role"))

    def _note_metadata(self, tag: str, values: dict[str, str | None]) -> None:
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            content = values.get("content")
            if not content:
                return
            if key in ("og:title", "twitter:title") and self.og_title is None:
                self.og_title = content.strip()
            elif key == "article:published_time":
                self.dates.append((_DATE_PRIORITY["og"], content))
            elif (values.get("itemprop") or "") == "datePublished":
                self.dates.append((_DATE_PRIORITY["itemprop"], content))
            elif key in ("date", "pubdate", "publish-date", "dc.date", "dcterms.date", "sailthru.date"):
                self.dates.append((_DATE_PRIORITY["meta"], content))
        elif (values.get("itemprop") or "") == "datePublished":
            value = values.get("content") or values.get("datetime")
            if value:
                self.dates.append((_DATE_PRIORITY["itemprop"], value))
        elif tag == "time" and values.get("datetime"):
            if self.header_in_article or "pubdate" in values:
                self.dates.append((_DATE_PRIORITY["time"], values["datetime"] or ""))

    # -- text -----------------------------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        if not self.collecting or not data:
            return
        base = self._offset()
        for m in _HTML_WS.finditer(data):
            piece = m.group(0)
            start = base + m.start()
            if piece[0] in " \t\n\r\f":
                if self.pending_space is None and self.block_start is not None:
                    self.pending_space = start
                continue
            self._begin_text()
            self.chars.extend(piece)
            self.offsets.extend(range(start, start + len(piece)))
            self.ends.extend(range(start + 1, start + len(piece) + 1))

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()

    def _entity(self) -> None:
        start = self._offset()
        m = _ENTITY.match(self.html, start)
        raw = m.group(0) if m else "&"
        if self.in_title:
            self.title_parts.append(raw)
        if not self.collecting:
            return
        for text, s, e in _decode_entity(raw, start):
            self._begin_text()
            self.chars.extend(text)
            self.offsets.extend([s] * len(text) if e - s != len(text) else range(s, e))
            self.ends.extend([e] * len(text) if e - s != len(text) else range(s + 1, e + 1))

    def _begin_text(self) -> None:
        """Before a character of text: open a block, write a pending separator or collapsed space."""
        if self.block_start is None:
            if self.pending_break is not None and self.chars:
                self._write(*self.pending_break)
            self.pending_break = None
            self.pending_space = None
            self.block_start = len(self.chars)
            self.block_kind = self._kind()
        elif self.pending_break is not None:
            self._write(*self.pending_break)
            self.pending_break = None
            self.pending_space = None
        elif self.pending_space is not None:
            self._write(" ", self.pending_space, self.pending_space + 1)
            self.pending_space = None

    def _write(self, text: str, start: int, end: int) -> None:
        self.chars.extend(text)
        self.offsets.extend([start] * len(text))
        self.ends.extend([end] * len(text))

    def _kind(self) -> BlockKind:
        for tag, _ in reversed(self.stack):
            kind = _KIND_OF_TAG.get(tag)
            if kind is not None:
                return kind
        return "paragraph"

    def _end_block(self, start: int, end: int) -> None:
        if self.block_start is not None:
            self.blocks.append(Block(kind=self.block_kind, start=self.block_start, end=len(self.chars)))
            self.block_start = None
        self.pending_space = None
        self.pending_break = ("\n\n", start, end)

    def _line_break(self, start: int, end: int) -> None:
        """<br> is a line inside the block; two in a row end the block."""
        if self.block_start is None:
            return
        if self.pending_break is not None:
            self._end_block(self.pending_break[1], end)
        else:
            self.pending_break = ("\n", start, end)
            self.pending_space = None

    # -- result ---------------------------------------------------------------------------------------------

    def result(self) -> HtmlProse:
        self.pending_break = None
        self._end_block(len(self.html), len(self.html))
        title = self.og_title
        if not title and self.title_parts:
            import html as html_module

            title = " ".join(html_module.unescape("".join(self.title_parts)).split()) or None
        title = title or self.h1_title
        date = None
        for _, value in sorted(self.dates, key=lambda d: d[0]):
            try:
                date = parse_iso(value)
                break
            except ValueError:
                continue
        return HtmlProse(
            prose="".join(self.chars),
            offsets=self.offsets,
            offset_ends=self.ends,
            blocks=self.blocks,
            title=title,
            date=date,
        )


def _decode_entity(raw: str, start: int) -> list[tuple[str, int, int]]:
    """An entity's decoded text with its raw span; an unknown name stays literal, character by character.

    Legacy names work without ``;`` and as a prefix (``&copy2024`` is ``©2024``), as in browsers.
    """
    from html import unescape
    from html.entities import html5

    if raw.startswith("&#"):
        decoded = unescape(raw) if len(raw) > 2 and raw not in ("&#x", "&#X", "&#x;", "&#X;", "&#;") else raw
        return [(decoded, start, start + len(raw))]
    name = raw[1:]
    if name.endswith(";") and name in html5:
        return [(html5[name], start, start + len(raw))]
    bare = name.rstrip(";")
    for k in range(len(bare), 0, -1):
        if bare[:k] in html5:  # the legacy names that need no semicolon
            rest = raw[1 + k :]
            parts = [(html5[bare[:k]], start, start + 1 + k)]
            if rest:
                parts.append((rest, start + 1 + k, start + len(raw)))
            return parts
    return [(raw, start, start + len(raw))]
