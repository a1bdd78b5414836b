"""Source documents of the record: their comparable text (from a cassette or a local file) and their segments."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from attrib.errors import DocumentError
from attrib.models import Document, ParsedDocument, Registry

# Lines of page furniture that official sites put around every page; whole lines only, so prose is never touched.
_CHROME_LINE = re.compile(
    r"""^[ \t]*(?:
        an\ official\ website\ of\ the\ united\ states\ government\.?
      | here[’']s\ how\ you\ know\.?
      | official\ websites\ use\ \.gov\.?
      | a\ \.gov\ website\ belongs\ to\ an\ official\ government\ organization\ in\ the\ united\ states\.?
      | secure\ \.gov\ websites\ use\ https\.?
      | a\ lock\b.{0,40}\bmeans\ you[’']ve\ safely\ connected\ to\ the\ \.gov\ website\..*
      | share\ sensitive\ information\ only\ on\ official,\ secure\ websites\.?
      | skip\ to\ (?:main\ )?content
      | (?:print|share|subscribe|email|facebook|twitter|linkedin|x|print\ friendly)(?:\ \|.*)?
    )[ \t]*$\n?""",
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_MD_STRONG = re.compile(r"\*\*|__")
_MD_LINK = re.compile(r"!?\[([^\]\n]+)\]\([^)\s]+(?:\s+\"[^\"]*\")?\)")
# Endnote markers of research reports ("…the oblast.[12]"), with the spaces before them; and the endnote list
# lines themselves ("[12] https://…"), which hold only links.
_ENDNOTE_LINE = re.compile(r"^[ \t]*\[\d{1,4}\][ \t]*(?:https?://\S+[ \t;,]*)+$\n?", re.MULTILINE)
_ENDNOTE = re.compile(r"[ \t]*\[\d{1,4}\]")
_PDF_HYPHEN = re.compile(r"(?<=\w)[-\u00ad][ \t]*\n[ \t]*(?=[a-z])")
_PDF_PAGE_NUMBER = re.compile(r"^[ \t]*(?:page[ \t]+)?\d{1,4}(?:[ \t]+of[ \t]+\d{1,4})?[ \t]*$\n?", re.IGNORECASE | re.MULTILINE)
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{3,}")
_INVISIBLE = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u200b": None, "\ufeff": None, "\u00ad": None})
_HAS_INVISIBLE = re.compile("[\u00a0\u202f\u200b\ufeff\u00ad]")

_TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
                  ".htm": "html", ".pdf": "pdf"}
_ENDNOTE_KINDS = {"report", "article", "release", "statement", "plan"}


def load_document(registry: Registry, document: Document) -> ParsedDocument:
    """A document's comparable text, its segments (who speaks each stretch) and the sha256 of the text."""
    from attrib.segments import segment

    text = document_text(registry, document)
    return ParsedDocument(
        document_id=document.id,
        text=text,
        segments=segment(text, document, registry),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def document_text(registry: Registry, document: Document) -> str:
    """The text verification compares against: the local ``path:`` file if given, else the recorded cassette."""
    if document.path:
        data, fmt = _read_path(registry, document)
        charset = "utf-8"
    else:
        data, fmt, charset = _read_cassette(registry, document)
    try:
        text = _to_text(data, fmt, charset)
    except ValueError as error:
        raise DocumentError(document.id, f"failed to parse: {_reason(error)}") from error
    text = _clean(text, endnotes=document.kind in _ENDNOTE_KINDS)
    if not text:
        raise DocumentError(document.id, f"failed to parse: no text found in the {fmt} document")
    return text


def _read_path(registry: Registry, document: Document) -> tuple[bytes, str]:
    assert document.path is not None
    path = Path(registry.root) / document.path
    fmt = _TEXT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise DocumentError(document.id, f"{document.path}: unsupported file type (use .txt, .md, .html or .pdf)")
    try:
        return path.read_bytes(), fmt
    except FileNotFoundError:
        raise DocumentError(document.id, f"{document.path}: file not found") from None
    except OSError as error:
        raise DocumentError(document.id, f"{document.path}: cannot be read ({error.strerror or error})") from error


def _read_cassette(registry: Registry, document: Document) -> tuple[bytes, str, str]:
    from attrib.cassette import cassette_path, read_cassette

    recording = read_cassette(cassette_path(registry.root, document.id), document.id)
    if not 200 <= recording.status < 300:
        raise DocumentError(document.id, f"the recorded response is HTTP {recording.status}, not a document")
    body = recording.body
    content_type = recording.content_type
    # Content types lie often enough (PDFs served as octet-stream, HTML as text/plain) to sniff the body first.
    head = body[:1024].lstrip().lower()
    if head.startswith(b"%pdf-") or content_type == "application/pdf":
        fmt = "pdf"
    elif content_type in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html")):
        fmt = "html"
    elif content_type in ("text/markdown", "text/x-markdown"):
        fmt = "markdown"
    else:
        fmt = "text"
    return body, fmt, recording.charset


def _to_text(data: bytes, fmt: str, charset: str) -> str:
    if fmt == "pdf":
        return _pdf_text(data)
    text = _decode(data, charset)
    if fmt == "html":
        from attrib.htmlprose import html_to_prose

        return html_to_prose(text).prose
    if fmt == "markdown":
        # Notes kept in Markdown: drop the front matter and the marks ("# ", "**Q:**", links), keep the words.
        text = _FRONT_MATTER.sub("", text.lstrip("\ufeff"), count=1)
        text = _MD_LINK.sub(r"\1", _MD_STRONG.sub("", _MD_HEADING.sub("", text)))
    return text


def _decode(data: bytes, charset: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode(charset)
    except LookupError:
        raise ValueError(f"unknown character set {charset!r}") from None
    except UnicodeDecodeError as error:
        raise ValueError(f"not {charset} text (byte {error.start})") from None


def _pdf_text(data: bytes) -> str:
    import logging

    from pypdf import PdfReader

    # pypdf logs its repairs of damaged files as warnings; a broken file is reported once, as a DocumentError.
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # pypdf raises many types (PdfReadError, KeyError, struct.error…) on broken files
        raise ValueError(f"not a readable PDF ({_reason(error)})") from error
    finally:
        log.setLevel(level)
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise ValueError("the PDF has no extractable text (a scan?)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _PDF_HYPHEN.sub("", text)  # "gov-\nernment" → "government"
    return _PDF_PAGE_NUMBER.sub("", text)


def _clean(text: str, *, endnotes: bool) -> str:
    # Each pass is skipped when a plain substring test shows it has nothing to do: indexing runs this over
    # hundreds of megabytes, and a regular expression that tries every position costs more than the test.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _HAS_INVISIBLE.search(text):
        text = text.translate(_INVISIBLE)
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
        text = _TRAILING_SPACE.sub("", text)
    text = _CHROME_LINE.sub("", text)
    if endnotes and "[" in text:
        text = _ENDNOTE_LINE.sub("", text)
        text = _ENDNOTE.sub("", text)
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    return text.strip()


def _reason(error: Exception) -> str:
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return message or type(error).__name__
