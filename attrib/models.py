"""The data that crosses each stage boundary: article → claims → registry → evidence → findings → report.

Every model is frozen and forbids unknown fields. Spans are half-open offsets in Unicode code points into the
text they name: for claims, the article file's decoded text; for segments and evidence, the document's text.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------------------------------------------
# Positions


class Span(Model):
    """Half-open code-point offsets ``[start, end)``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


class Location(Model):
    """1-based line and column (in code points) of a span's first and last character."""

    line: int
    column: int
    end_line: int
    end_column: int


# --------------------------------------------------------------------------------------------------------------
# Article


ArticleFormat = Literal["text", "markdown", "html"]
BlockKind = Literal["paragraph", "heading", "list_item", "blockquote", "caption", "furniture"]


class Block(Model):
    """A block of prose (paragraph, heading …) as offsets into ``Article.prose``."""

    kind: BlockKind
    start: int
    end: int


class Article(Model):
    """An article as read from disk.

    ``text`` is the file's decoded text (BOM removed); every reported span indexes it. ``prose`` is what the
    extractor reads: for plain text and Markdown it has the same length as ``text``, with markup, code, comments
    and URLs replaced by spaces (newlines kept), so offsets are identical and ``offsets`` is ``None``. For HTML,
    ``prose`` is the decoded text of the main content; ``offsets[i]`` and ``offset_ends[i]`` are the half-open
    span in ``text`` of the markup ``prose[i]`` came from (one character, or a whole entity such as ``&rsquo;``).
    """

    path: str
    format: ArticleFormat
    text: str
    prose: str
    offsets: list[int] | None = None
    offset_ends: list[int] | None = None
    blocks: list[Block] = []
    title: str | None = None
    date: dt.date | None = None
    date_source: Literal["option", "front-matter", "html-meta", "none"] = "none"

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", date: dt.date | None = None) -> Article:
        """A plain-text article whose prose is its text, split into blank-line separated paragraphs."""
        from attrib.reader import read_text

        return read_text(text, path=path, date=date)

    def raw_span(self, start: int, end: int) -> Span:
        """Map a half-open span of ``prose`` onto ``text``."""
        if self.offsets is None:
            return Span(start=start, end=end)
        assert self.offset_ends is not None
        if end <= start:
            raw = self.offsets[start] if start < len(self.offsets) else len(self.text)
            return Span(start=raw, end=raw)
        return Span(start=self.offsets[start], end=self.offset_ends[end - 1])

    def raw_text(self, start: int, end: int) -> str:
        """The words of a prose span as the report shows them: the file's own text where offsets are identical."""
        if self.offsets is None:
            return self.text[start:end]
        return self.prose[start:end]



# --------------------------------------------------------------------------------------------------------------
# Claims (the extractor's output)


Kind = Literal["quote", "reported", "unattributed"]
SpeakerKind = Literal["person", "organisation", "document", "outlet", "anonymous", "none"]


class Speaker(Model):
    """Who the article says is speaking. ``name`` is the fullest name the article uses; ``span`` is the mention
    at this attribution (which may be a pronoun, a surname or a description)."""

    name: str
    kind: SpeakerKind = "person"
    title: str | None = None
    affiliation: str | None = None
    description: str | None = None
    span: Span | None = None
    via: str | None = None  # the outlet the words reached the article through ("told Reuters", "citing")


class Cue(Model):
    text: str
    span: Span


class DateRange(Model):
    """A day (start == end) or an inclusive range; ``None`` bounds mean unresolved."""

    start: dt.date | None = None
    end: dt.date | None = None
    text: str | None = None
    span: Span | None = None


VagueCode = Literal["anonymous-source", "agentless", "unowned-estimate", "weasel-words", "expectation"]


class Vagueness(Model):
    code: VagueCode
    message: str  # what is missing, for the editor
    cue: Cue


class Claim(Model):
    """One attribution the article makes, or one figure it states with no attribution."""

    id: str
    kind: Kind
    text: str
    span: Span
    speaker: Speaker | None = None
    cue: Cue | None = None
    date: DateRange | None = None
    fragment: bool = False  # a quoted fragment inside reported speech
    vagueness: Vagueness | None = None
    unsourced: bool = False  # figures stated as fact
    sentence: Span | None = None


# --------------------------------------------------------------------------------------------------------------
# Registry (sources.yaml)

DocumentKind = Literal["transcript", "report", "statement", "release", "article", "interview", "plan"]
PublisherType = Literal[
    "government",
    "military",
    "intergovernmental",
    "research",
    "news-agency",
    "newspaper",
    "broadcaster",
    "state-affiliated-media",
    "party",
    "company",
    "individual",
    "transcription-service",
]
CredibilityLevel = Literal["high", "medium", "low"]


class Credibility(Model):
    level: CredibilityLevel
    note: str


class Publisher(Model):
    id: str
    name: str
    aliases: list[str] = []
    type: PublisherType | None = None
    credibility: Credibility | None = None
    url: str | None = None
    note: str | None = None  # facts about the publisher (ownership, labels) that are not a rating


class Role(Model):
    title: str
    publisher: str | None = None
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Person(Model):
    id: str
    name: str
    aliases: list[str] = []
    roles: list[Role] = []
    note: str | None = None


class Document(Model):
    id: str
    title: str
    publisher: str
    date: dt.date
    kind: DocumentKind
    url: str | None = None
    path: str | None = None
    speakers: list[str] = []
    note: str | None = None


class Registry(Model):
    """A validated ``sources.yaml``. ``root`` is the folder it came from (cassettes/ and paths are relative to it)."""

    version: Literal[1] = 1
    publishers: list[Publisher] = []
    people: list[Person] = []
    documents: list[Document] = []
    class_credibility: dict[str, Credibility] = {}
    root: str = "."
    path: str = "sources.yaml"


# --------------------------------------------------------------------------------------------------------------
# Documents of the record

SegmentRole = Literal["person", "reporter", "narration", "unknown"]


class Segment(Model):
    """A stretch of a document spoken by one voice. ``speaker`` is a registry person id when the label resolves;
    ``name`` is the label or name as the document gives it."""

    role: SegmentRole
    speaker: str | None = None
    name: str | None = None
    start: int
    end: int


class ParsedDocument(Model):
    document_id: str
    text: str
    segments: list[Segment]
    sha256: str


# --------------------------------------------------------------------------------------------------------------
# Findings and the report

Verdict = Literal[
    "verified", "misquoted", "misattributed", "misdated", "unverified", "vague", "unsourced", "mistitled"
]
Severity = Literal["error", "warning", "note"]
SourceClass = Literal[
    "on-record-official",
    "on-record-person",
    "official-record",
    "research-organisation",
    "other-outlet",
    "state-affiliated-media",
    "anonymous-described",
    "anonymous-vague",
    "agentless",
    "none",
]


class DiffOp(Model):
    """One step of a word diff: ``claim`` words against ``source`` words."""

    op: Literal["equal", "replace", "insert", "delete"]
    claim: str = ""
    source: str = ""


class Evidence(Model):
    document_id: str
    title: str
    url: str | None = None
    path: str | None = None
    date: dt.date | None = None
    publisher: str | None = None
    record: Literal["official-record", "third-party"] = "official-record"
    speaker: str | None = None  # display name of who speaks the passage; "reporter"; None for narration
    speaker_role: SegmentRole = "unknown"
    passage: str
    span: Span  # into the document text
    score: float
    match: Literal["verbatim", "elided", "paraphrase", "closest"] = "closest"
    diff: list[DiffOp] = []


class Judgement(Model):
    """The verifier's verdict on one claim. A claim can get more than one (a title mismatch is its own); ``span``
    overrides the claim's span for such an extra judgement (the title's words)."""

    claim: Claim
    verdict: Verdict
    rule: str
    reason: str
    evidence: list[Evidence] = []
    span: Span | None = None


class SourceInfo(Model):
    class_: SourceClass = Field(alias="class")
    credibility: CredibilityLevel
    reason: str
    publisher: str | None = None
    channel: str | None = None  # an outlet the words came through

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Finding(Model):
    id: str
    kind: Kind
    verdict: Verdict
    severity: Severity
    rule: str
    reason: str
    text: str
    span: Span
    location: Location
    speaker: Speaker | None = None
    cue: Cue | None = None
    date: DateRange | None = None
    fragment: bool = False
    evidence: list[Evidence] = []
    source: SourceInfo | None = None
    fingerprint: str = ""


class ProfileEntry(Model):
    name: str
    source_class: SourceClass
    claims: int


class Profile(Model):
    """How the draft is sourced: claims per source class, share on the record, who it leans on, and flags."""

    claims: int
    by_class: dict[str, int]
    on_record_share: float
    sources: list[ProfileEntry]
    flags: list[str]


class ArticleReport(Model):
    path: str
    date: dt.date | None = None
    title: str | None = None
    error: str | None = None
    findings: list[Finding] = []
    profile: Profile | None = None
    suppressed: int = 0


class Summary(Model):
    articles: int
    findings: int
    by_verdict: dict[str, int]
    errors: int
    suppressed: int = 0
    baseline_matched: int = 0
    baseline_stale: int = 0


class Report(Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    tool: dict[str, str] = {"name": "attrib"}
    articles: list[ArticleReport]
    summary: Summary | None = None


# --------------------------------------------------------------------------------------------------------------
# Settings (attrib.toml / [tool.attrib], then command-line flags)


class Thresholds(Model):
    """Matching thresholds, 0–100 (rapidfuzz scores on normalised words)."""

    close: float = 60.0  # below this a passage is not "close enough" to judge as a misquote
    paraphrase: float = 0.6  # share of a reported claim's key words a passage must carry


class FileOverride(Model):
    """Settings for drafts whose path matches ``glob`` (e.g. ``opinion/**``)."""

    glob: str
    select: list[str] | None = None
    ignore: list[str] | None = None
    severity: dict[str, Severity] | None = None
    fail_on: list[str] | None = None


class ProfilePolicy(Model):
    """Limits on a draft's sourcing profile; a draft past one gets a ``profile.policy`` finding."""

    max_anonymous_share: float | None = None  # anonymous-vague + anonymous-described + agentless
    max_unsourced: int | None = None
    forbid_state_media: bool = False


class Settings(Model):
    sources: str | None = None
    fail_on: list[str] = ["error"]
    select: list[str] = []
    ignore: list[str] = []
    severity: dict[str, Severity] = {}
    overrides: list[FileOverride] = []
    thresholds: Thresholds = Thresholds()
    window_days: int = 14
    max_size: int = 5_000_000
    show_verified: bool = False
    user_agent_contact: str | None = None
    class_credibility: dict[str, CredibilityLevel] = {}
    profile: ProfilePolicy = ProfilePolicy()
