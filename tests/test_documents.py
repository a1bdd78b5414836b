"""Tests for attrib.documents: a document's comparable text from a cassette or a local file, and its segments."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import time
from pathlib import Path

import pytest

import documents_support as support
from attrib.cassette import Recording, cassette_path, write_cassette
from attrib.documents import document_text, load_document
from attrib.errors import DocumentError

FIXTURES = Path(__file__).parent / "fixtures" / "documents"


def record(root: Path, doc_id: str, body: bytes, content_type: str) -> None:
    write_cassette(
        cassette_path(root, doc_id),
        Recording(
            document_id=doc_id,
            request_url=f"https://example.org/{doc_id}",
            url=f"https://example.org/{doc_id}",
            status=200,
            headers={"content-type": content_type},
            body=body,
            recorded_at=dt.datetime(2024, 11, 20, 12, 0, tzinfo=dt.UTC),
            sha256=hashlib.sha256(body).hexdigest(),
        ),
    )


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text is ``lines`` (Helvetica, one line each), built with pypdf."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    })
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    shown = "".join(f"({line}) Tj T* " for line in lines)
    stream.set_data(f"BT /F1 11 Tf 72 720 Td 14 TL {shown}ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_path_document_drops_page_chrome_and_segments_the_transcript():
    doc = support.document("briefing", "transcript", speakers=["dana-holt"], path="pentagon-briefing.txt")
    parsed = load_document(support.registry(FIXTURES), doc)
    assert parsed.document_id == "briefing"
    assert "official website" not in parsed.text and "how you know" not in parsed.text
    assert parsed.text.startswith("Pentagon Press Secretary Maj. Gen. Dana Holt Holds a Press Briefing")
    assert parsed.sha256 == hashlib.sha256(parsed.text.encode("utf-8")).hexdigest()
    said = [(s.role, s.speaker, parsed.text[s.start : s.end]) for s in parsed.segments]
    assert said[0] == ("narration", None, "Pentagon Press Secretary Maj. Gen. Dana Holt Holds a Press Briefing\n"
                       "Nov. 12, 2024")
    assert ("person", "ezra-voss", "The readiness of these units is beyond question.") in said
    assert ("reporter", None, "And will they stay through the winter?") in said


def test_report_endnotes_are_removed_before_segmenting():
    doc = support.document("isw", "report", "isw", path="isw-assessment.txt")
    parsed = load_document(support.registry(FIXTURES), doc)
    assert "[" not in parsed.text and "example.org" not in parsed.text
    assert "near the village of Ostrova. Officials in the region reported new strikes overnight." in parsed.text
    assert "sustain the tempo." in parsed.text
    words = [parsed.text[s.start : s.end] for s in parsed.segments]
    assert words[-1] == "The brigade likely lacks the reserves to sustain the tempo."
    assert all(s.role == "narration" for s in parsed.segments)


def test_transcripts_keep_bracketed_words():
    root = FIXTURES
    doc = support.document("briefing", "transcript", path="commercial-transcript.txt")
    assert "[inaudible 00:02:25]" in document_text(support.registry(root), doc)


def test_cassette_and_path_interview_give_identical_documents(tmp_path):
    body = (FIXTURES / "interview-ortiz.txt").read_bytes()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "ortiz.txt").write_bytes(body)
    record(tmp_path, "ortiz-interview", body, "text/plain; charset=utf-8")
    registry = support.registry(tmp_path)
    by_path = support.document("ortiz-interview", "interview", "desk", ["lena-ortiz"], path="notes/ortiz.txt")
    by_url = support.document("ortiz-interview", "interview", "desk", ["lena-ortiz"], url="https://example.org/o")
    from_path = load_document(registry, by_path)
    from_cassette = load_document(registry, by_url)
    assert from_path == from_cassette
    assert [(s.role, s.speaker) for s in from_path.segments] == [
        ("narration", None), ("reporter", None), ("person", "lena-ortiz"), ("reporter", None), ("person", "lena-ortiz")
    ]


def test_crlf_and_bom_files_read_like_plain_ones(tmp_path):
    plain = (FIXTURES / "interview-ortiz.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(plain, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode("utf-8"))
    registry = support.registry(tmp_path)
    a = load_document(registry, support.document("x", "interview", speakers=["lena-ortiz"], path="a.txt"))
    b = load_document(registry, support.document("x", "interview", speakers=["lena-ortiz"], path="b.txt"))
    assert a == b


def test_pdf_text_is_extracted_and_line_break_hyphens_joined(tmp_path):
    pdf = make_pdf([
        "Northern Campaign Assessment",
        "The regional gov-",
        "ernment reported strikes overnight.[2] Forces",
        "advanced near the well-known crossing.",
        "3",
    ])
    (tmp_path / "assessment.pdf").write_bytes(pdf)
    registry = support.registry(tmp_path)
    text = document_text(registry, support.document("pdf", "report", "isw", path="assessment.pdf"))
    assert "The regional government reported strikes overnight. Forces" in text
    assert "well-known" in text  # a hyphen inside a line is the word's own
    assert not text.rstrip().endswith("3")  # a bare page number is not prose
    # The same PDF recorded from a URL (served as octet-stream) reads the same.
    record(tmp_path, "pdf", pdf, "application/octet-stream")
    assert document_text(registry, support.document("pdf", "report", "isw")) == text


def test_markdown_front_matter_and_marks_are_dropped(tmp_path):
    (tmp_path / "notes.md").write_text(
        "---\ntitle: Call with Lena Ortiz\ndate: 2024-11-12\n---\n# Call notes\n\n**Q:** Where were you?\n\n"
        "**A:** On the [ridge](https://example.org/map).\n",
        encoding="utf-8",
    )
    parsed = load_document(
        support.registry(tmp_path), support.document("md", "interview", "desk", ["lena-ortiz"], path="notes.md")
    )
    assert parsed.text == "Call notes\n\nQ: Where were you?\n\nA: On the ridge."
    assert [(s.role, s.speaker, parsed.text[s.start : s.end]) for s in parsed.segments] == [
        ("narration", None, "Call notes"),
        ("reporter", None, "Where were you?"),
        ("person", "lena-ortiz", "On the ridge."),
    ]


def test_html_cassette_gives_main_content_without_chrome(tmp_path):
    pytest.importorskip("attrib.htmlprose")
    html = (
        "<!DOCTYPE html><html><head><title>Briefing</title></head><body>"
        "<div class='usa-banner'><p>An official website of the United States Government</p>"
        "<p>Here’s how you know</p></div>"
        "<nav><a href='/'>Home</a></nav>"
        "<article><h1>Deputy Press Secretary Mara Quill Holds a Press Briefing</h1>"
        "<p>DEPUTY PRESS SECRETARY MARA QUILL: Good morning. We have one update.</p>"
        "<p>Q: Thanks, Mara. Is the exercise over?</p>"
        "<p>MS. QUILL: It ended on&nbsp;Tuesday.</p></article>"
        "<footer>Subscribe</footer></body></html>"
    )
    record(tmp_path, "quill", html.encode("utf-8"), "text/html; charset=utf-8")
    parsed = load_document(support.registry(tmp_path), support.document("quill", "transcript"))
    assert "official website" not in parsed.text and "how you know" not in parsed.text
    assert "Home" not in parsed.text and "Subscribe" not in parsed.text
    said = [(s.role, s.speaker, parsed.text[s.start : s.end]) for s in parsed.segments]
    assert said == [
        ("narration", None, "Deputy Press Secretary Mara Quill Holds a Press Briefing"),
        ("person", "mara-quill", "Good morning. We have one update."),
        ("reporter", None, "Thanks, Mara. Is the exercise over?"),
        ("person", "mara-quill", "It ended on Tuesday."),
    ]


def test_url_document_without_cassette_is_not_recorded(tmp_path):
    with pytest.raises(DocumentError) as error:
        load_document(support.registry(tmp_path), support.document("dod-briefing", "transcript"))
    assert str(error.value) == "dod-briefing: not recorded (run `attrib sources fetch dod-briefing`)"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.pdf", b"%PDF-1.7\nthis is not really a pdf", "failed to parse: not a readable PDF"),
        ("latin.txt", "Q: caf\u00e9 au lait?".encode("latin-1"), "failed to parse: not utf-8 text"),
        ("empty.txt", b"\n  \n", "failed to parse: no text found"),
    ],
)
def test_unparseable_files_raise_document_error_with_the_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(DocumentError) as error:
        document_text(support.registry(tmp_path), support.document("bad", "report", path=name))
    assert error.value.document_id == "bad"
    assert error.value.message.startswith(reason)


def test_missing_and_unsupported_local_files(tmp_path):
    registry = support.registry(tmp_path)
    with pytest.raises(DocumentError, match=r"^gone: notes/gone\.txt: file not found$"):
        document_text(registry, support.document("gone", "interview", path="notes/gone.txt"))
    (tmp_path / "notes.docx").write_bytes(b"PK")
    with pytest.raises(DocumentError, match="unsupported file type"):
        document_text(registry, support.document("docx", "interview", path="notes.docx"))


def test_loading_is_fast_enough_for_a_large_registry(tmp_path):
    # ~5 KB transcripts: the verification index loads tens of thousands of these.
    base = (FIXTURES / "pentagon-briefing.txt").read_text(encoding="utf-8")
    text = "\n\n".join([base] * 4)
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    shutil.copy(FIXTURES / "news-story.txt", tmp_path / "s.txt")
    registry = support.registry(tmp_path)
    docs = [support.document("t", "transcript", path="t.txt"), support.document("s", "article", path="s.txt")]
    start = time.perf_counter()
    for _ in range(100):
        for doc in docs:
            load_document(registry, doc)
    assert time.perf_counter() - start < 3.0  # measured ~0.3 s
