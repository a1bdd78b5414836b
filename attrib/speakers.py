"""Who is speaking: parse a speaker mention (names, titles, appositives, pronouns) and resolve it in context."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from attrib import lexicon
from attrib.sentences import Token

_TITLE_WORDS = sorted((t.split() for t in lexicon.TITLES), key=len, reverse=True)
_CAP_RUN = re.compile(r"[A-Z][\w’'.\-]*(?:\s+(?:(?:of|for|the|and|on|de|van|von|al|bin|&)\s+)*[A-Z][\w’'.\-]*)*")
_GROUP_HEADS = lexicon.ANONYMOUS_NOUNS | lexicon.WEASEL_NOUNS
_ESTIMATE_HEADS = frozenset({"estimate", "estimates", "calculation", "calculations", "projection", "projections",
                             "forecast", "forecasts", "tally", "count"})


@dataclass(slots=True)
class Mention:
    """A speaker mention as the article writes it, and what it tells about the speaker."""

    start: int
    end: int
    text: str
    kind: str  # person organisation document outlet anonymous weasel estimate pronoun relative
    name: str
    title: str | None = None
    affiliation: str | None = None
    description: str | None = None


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper()


def mention_from_tokens(toks: list[Token], text: str) -> Mention | None:
    """Classify a noun phrase (already cut to the subject) as a speaker mention, or None if it is not one."""
    while toks and toks[0].lower in ("and", "but", "so", "yet", "or", "then", "now", "still", "meanwhile", "as"):
        toks = toks[1:]
    while toks and not toks[-1].text[0].isalnum():
        toks = toks[:-1]
    if not toks or len(toks) > 14:
        return None
    start, end = toks[0].start, toks[-1].end
    phrase = text[start:end]
    low = [t.lower for t in toks]
    if len(toks) == 1 and low[0] in lexicon.PRONOUNS:
        kind = "relative" if lexicon.PRONOUNS[low[0]] == "relative" else "pronoun"
        return Mention(start, end, phrase, kind, phrase)
    head = low[-1]
    # "a senior military source on the General Staff": the head noun comes before a trailing "on/at/in/with …".
    head_tok = toks[-1]
    for j, word in enumerate(low):
        if word in ("on", "at", "in", "with", "from", "familiar", "close", "who", "within", "inside", "of") and j:
            if low[j - 1] in _GROUP_HEADS or low[j - 1] in _ESTIMATE_HEADS:
                head, head_tok = low[j - 1], toks[j - 1]
                break
    has_cap = any(_is_cap(t) and t.lower not in lexicon.DETERMINERS for t in toks)
    if head in _ESTIMATE_HEADS and not _owner(toks):
        return Mention(start, end, phrase, "estimate", phrase)
    if head in lexicon.WEASEL_NOUNS and (not _owner(toks) or not _is_cap(head_tok) or head_tok is toks[0]):
        # "Experts say", "Some analysts argue", "Experts on North Korea said", "Pentagon analysts say": a group
        # with no names in it is a weasel group, whatever institution it is tied to.
        return Mention(start, end, phrase, "weasel", phrase, description=phrase,
                       affiliation=_affiliation(phrase) if _owner(toks) else None)
    if head in lexicon.ANONYMOUS_NOUNS and not _proper_name(toks):
        return Mention(start, end, phrase, "anonymous", phrase, description=phrase,
                       affiliation=_affiliation(phrase))
    if head in lexicon.DOCUMENT_NOUNS and not has_cap:
        return Mention(start, end, phrase, "document", phrase)
    if not has_cap:
        # An unnamed organisation ("the campaign", "the ministry") or some other lower-case noun phrase.
        if low[0] in ("the", "a", "an") and len(toks) <= 5:
            return Mention(start, end, phrase, "organisation", phrase)
        return None
    return _named(toks, text)


_COMMON = lexicon.DETERMINERS | _GROUP_HEADS | lexicon.DOCUMENT_NOUNS | _ESTIMATE_HEADS | {"a", "an", "the"}


def _owner(toks: list[Token]) -> bool:
    """Whether a group or estimate names its owner ("Pentagon estimates", "experts at the Institute"); a common
    noun capitalised at the start of a sentence ("Experts say") names no one."""
    return any(_is_cap(t) and t.lower not in _COMMON for t in toks)


def _proper_name(toks: list[Token]) -> bool:
    """A capitalised run of two or more words that is not a description ("a Pentagon official" is anonymous)."""
    caps = [t for t in toks if _is_cap(t) and t.lower not in lexicon.DETERMINERS]
    return len(caps) >= 2 and toks[0].lower not in lexicon.DETERMINERS


def _affiliation(phrase: str) -> str | None:
    runs = []
    for m in _CAP_RUN.finditer(phrase):
        run = m.group()
        first, _, rest = run.partition(" ")
        if first.lower() in _COMMON:
            # "Experts on North Korea": a sentence-initial common noun is not part of the affiliation.
            run = rest.split(None, 1)[1] if rest.split()[:1] and rest.split()[0] in ("on", "at", "of", "for",
                                                                                      "from", "in") else rest
        if run and run.lower() not in lexicon.DETERMINERS:
            runs.append(run)
    runs = [r for r in runs if r not in ("A", "An", "The")]
    return max(runs, key=len) if runs else None


def _named(toks: list[Token], text: str) -> Mention:
    start, end = toks[0].start, toks[-1].end
    words = text[start:end]
    # The name is the trailing capitalised run; lower-case words before it are a description or title
    # ("Republican nominee Donald Trump"), a leading "The" is dropped from organisation names.
    runs = [r for r in _CAP_RUN.finditer(words) if r.group().lower() not in _FUNCTION_WORDS]
    run = runs[-1] if runs else None
    if run is not None and run.group().split()[0].lower() in _FUNCTION_WORDS:
        first = run.group().split()[0]
        return _named_from(toks, text, words, run.start() + len(first) + 1)
    return _named_from(toks, text, words, None, run)


def _named_from(toks: list[Token], text: str, words: str, cut: int | None, run=None) -> Mention:
    start, end = toks[0].start, toks[-1].end
    if cut is not None:
        run = _CAP_RUN.search(words, cut)
    prefix = words[: run.start()].strip() if run else ""
    core = run.group() if run else words
    if core.startswith("The "):
        core = core[4:]
    bare = core.split()
    last = bare[-1] if bare else core
    if _is_place(core):
        # "Moscow said", "New York said": a place stands for some unnamed office in it; no one to check.
        return Mention(start, end, words, "anonymous", core, description=words, affiliation=core)
    if any(w in lexicon.OUTLETS for w in bare) or last in lexicon.OUTLET_TAILS:
        kind = "outlet"
    elif any(w.strip(".") in lexicon.ORG_WORDS for w in bare) or (
        len(bare) == 1 and bare[0].isupper() and len(bare[0]) > 1
    ):
        kind = "organisation"
    else:
        kind = "person"
    if kind != "person":
        return Mention(start, end, words, kind, core, description=prefix or None)
    title, name = split_title(core)
    if prefix and prefix.lower() not in ("the", "a", "an"):
        title = " ".join(x for x in (prefix, title) if x)
    return Mention(start, end, words, kind, name, title=title)


def _is_place(core: str) -> bool:
    """Whether a capitalised name is only a place ("Washington", "New York", "North Korea")."""
    words = core.split()
    if not words or len(words) > 3:
        return False
    return core in lexicon.PLACE_PHRASES or (len(words) == 1 and core in lexicon.PLACES)


def split_title(phrase: str) -> tuple[str | None, str]:
    """Split leading titles off a name: "Major General Pat Ryder" → ("Major General", "Pat Ryder")."""
    words = phrase.split()
    taken: list[str] = []
    changed = True
    while changed and len(words) > 1:
        changed = False
        for title in _TITLE_WORDS:
            n = len(title)
            if len(words) > n and words[:n] == title:
                taken.extend(title)
                words = words[n:]
                changed = True
                break
    return (" ".join(taken) or None), " ".join(words)


def parse_appositive(phrase: str) -> tuple[str | None, str]:
    """Affiliation and description from an appositive ("a leading US Department of Defense spokesperson")."""
    desc = phrase.strip(" ,.;")
    affiliation = _affiliation(desc)
    if affiliation and desc.split()[0].lower() in ("a", "an", "the"):
        # "the Ministry of Defence press secretary" → affiliation "Ministry of Defence", description "press
        # secretary": the description is what is left once the determiner and the affiliation are taken out.
        rest = desc.split(None, 1)[1] if len(desc.split()) > 1 else ""
        if rest.startswith(affiliation):
            rest = rest[len(affiliation):].removeprefix("’s").removeprefix("'s").strip(" ,")
            if rest[:1].islower():
                return affiliation, rest
    return affiliation, desc


@dataclass
class Entities:
    """People and organisations the article has named so far, for surnames and pronouns."""

    starts: list[int] = field(default_factory=list)
    items: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, kind, full name)
    by_surname: dict[str, str] = field(default_factory=dict)
    details: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # name → (title, affiliation)

    def add(self, offset: int, kind: str, name: str, title: str | None = None, affiliation: str | None = None):
        i = bisect.bisect(self.starts, offset)
        self.starts.insert(i, offset)
        self.items.insert(i, (offset, kind, name))
        if kind == "person":
            parts = name.split()
            if len(parts) >= 2:
                self.by_surname.setdefault(parts[-1], name)
        old = self.details.get(name, (None, None))
        self.details[name] = (old[0] or title, old[1] or affiliation)

    def full_name(self, name: str) -> str:
        """The fullest name used for a person named by surname only."""
        parts = name.split()
        if len(parts) == 1:
            return self.by_surname.get(parts[0], name)
        return name

    def resolve(self, offset: int, pronoun: str) -> tuple[str, str] | None:
        """The nearest compatible person (he, she) or organisation/group (it, they) named before offset."""
        want = {"he": ("person",), "she": ("person",), "it": ("organisation", "outlet", "document"),
                "they": ("organisation", "outlet", "anonymous", "weasel", "person")}.get(pronoun.lower(),
                                                                                          ("person",))
        i = bisect.bisect_left(self.starts, offset) - 1
        while i >= 0 and offset - self.items[i][0] < 3000:
            _, kind, name = self.items[i]
            if kind in want:
                return kind, name
            i -= 1
        return None


_FUNCTION_WORDS = frozenset("""the a an in on at but and as if when after before although though however while
    because since despite during under over meanwhile still yet so then now also even just only for with from by
    this that these those asked speaking says said according like unlike""".split())
_HONORIFIC_NAME = re.compile(r"\b(Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof)\.?\s+([A-Z][a-z’'\-]+)\b(?!\s+[A-Z])")
_PERSON_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'\-]+){1,2}\b"
)


def scan_names(text: str, spans: list[tuple[int, int]], entities: Entities) -> None:
    """Record two- and three-word capitalised names (likely people) so surnames and pronouns resolve."""
    for lo, hi in spans:
        for m in _PERSON_NAME.finditer(text, lo, hi):
            words = m.group().split()
            if any(w.strip(".") in lexicon.ORG_WORDS or w in lexicon.OUTLETS for w in words):
                continue
            if words[0].lower() in _FUNCTION_WORDS:
                continue
            title, name = split_title(m.group())
            if len(name.split()) >= 2:
                entities.add(m.start(), "person", name, title)
        for m in _HONORIFIC_NAME.finditer(text, lo, hi):
            entities.add(m.start(), "person", m.group(2), m.group(1))
        for m in _CAP_RUN.finditer(text, lo, hi):
            words = m.group().split()
            if len(words) >= 2 and any(w in lexicon.ORG_WORDS for w in words):
                name = m.group().removeprefix("The ")
                kind = "outlet" if words[-1] in lexicon.OUTLET_TAILS else "organisation"
                entities.add(m.start(), kind, name)
