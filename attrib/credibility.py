"""Source credibility: the kind of source each claim rests on, and the draft's sourcing profile.

The rules, in the order they are applied to a claim (the first that fits decides):

1. ``none`` — a figure stated as fact with no attribution (an ``unsourced`` claim).
2. ``agentless`` — phrased as sourced with no one behind it: ``it is believed``, ``is said to``, ``reportedly``,
   an estimate with no owner, an expectation with no one expecting.
3. ``state-affiliated-media`` — the speaker, or the outlet the words came through, is a publisher the registry
   types ``state-affiliated-media`` (TASS, RIA Novosti, RT …), whatever the claim.
4. ``anonymous-described`` / ``anonymous-vague`` — an unnamed source. Described when the description says where
   the source sits (an office, a body, a nationality, a field, or their access: ``a senior Ukrainian military source on
   the General Staff``, ``a person familiar with the talks``); vague when it does not (``a source``,
   ``officials``, ``a senior official``, ``experts``).
5. ``official-record`` — a document of the issuing body itself (a plan, a report, a statement, a transcript).
6. ``other-outlet`` — a news organisation's own reporting (``according to Reuters``), named in the report.
7. ``research-organisation`` — a think tank or research body speaking as an organisation.
8. ``official-record`` — any other organisation speaking as itself (a ministry, an army, a government).
9. ``on-record-official`` — a named person holding, on the claim's date, a role with a government, military or
   intergovernmental publisher in the registry; without such a role in the registry, a named person whose
   title in the article is an executive office (spokesperson, minister, secretary, general …).
10. ``on-record-person`` — any other named person (an MP, an analyst, a witness).

A named person who spoke *to* an outlet (``Ryder told Reuters``) keeps their own class; the outlet is the
``channel``. Default levels: high for on-record officials and the official record; medium for named people,
research bodies, other outlets and described anonymous sources; low for state-affiliated media, vague
anonymous sources, agentless claims and unsourced figures. Publishers' ``credibility`` in ``sources.yaml``
overrides the level for claims resting on that publisher; ``credibility:`` at the top of ``sources.yaml`` and
``class_credibility`` in the configuration override a class's level (configuration wins).
"""

from __future__ import annotations

import datetime as dt
import re

from attrib.models import (
    Article,
    CredibilityLevel,
    Finding,
    Judgement,
    Profile,
    ProfileEntry,
    Publisher,
    Registry,
    Settings,
    SourceClass,
    SourceInfo,
)

DEFAULTS: dict[str, tuple[CredibilityLevel, str]] = {
    "on-record-official": ("high", "a named official speaking on the record in an official role"),
    "on-record-person": ("medium", "a named person on the record, with no official role known to the registry"),
    "official-record": ("high", "the issuing body's own record"),
    "research-organisation": ("medium", "a research organisation's own assessment"),
    "other-outlet": ("medium", "another outlet's reporting: secondary, check it at the source"),
    "state-affiliated-media": ("low", "state-affiliated media: editorially controlled by a state"),
    "anonymous-described": ("medium", "an unnamed source, described specifically"),
    "anonymous-vague": ("low", "an unnamed source with no description of who they are"),
    "agentless": ("low", "phrased as sourced, but no one stands behind it"),
    "none": ("low", "a figure stated with no source"),
}

ON_RECORD = ("on-record-official", "on-record-person", "official-record")
ANONYMOUS = ("anonymous-described", "anonymous-vague")
OUTLET_TYPES = ("news-agency", "newspaper", "broadcaster")
OFFICIAL_TYPES = ("government", "military", "intergovernmental")

# Titles that name an executive office: a person holding one speaks for an institution.
_OFFICIAL_TITLE = re.compile(
    r"\b(spokes(?:person|man|woman)|press secretary|secretary|minister|ministry|general|admiral|colonel|"
    r"commander|ambassador|president|prime minister|chancellor|governor|mayor|chief of staff|director|"
    r"official|envoy|attach[eé]|deputy|lieutenant|major|captain|brigadier|marshal|head of|chief)\b",
    re.IGNORECASE,
)
# Words that place an unnamed source somewhere: an office, a body, a rank, a nationality, a field.
_DESCRIPTION = re.compile(
    r"\b(military|defen[cs]e|intelligence|government|ministry|administration|white house|"
    r"pentagon|state department|kremlin|police|army|navy|diplomat\w*|embassy|general staff|staff|campaign|"
    r"congressional|parliament\w*|european|nato|un\b|[A-Z][a-z]+(?:ian|ese|ish|an|i)\b|familiar with|"
    r"involved in|briefed on|close to|with knowledge of|who (?:attended|saw|took part))",
    re.IGNORECASE,
)


class Classifier:
    """Assigns a :class:`SourceInfo` to each judgement, by the module's rules."""

    def __init__(self, registry: Registry | None, settings: Settings) -> None:
        self.registry = registry
        self.settings = settings
        self.resolver = None
        if registry is not None:
            from attrib.resolver import resolver_for

            self.resolver = resolver_for(registry)

    def __call__(self, judgement: Judgement) -> SourceInfo:
        return self.classify(judgement)

    def classify(self, judgement: Judgement) -> SourceInfo:
        claim = judgement.claim
        speaker = claim.speaker
        day = claim.date.start if claim.date and claim.date.start else None
        channel_publisher = self._publisher(speaker.via) if speaker and speaker.via else None
        channel = (channel_publisher.name if channel_publisher else speaker.via) if speaker and speaker.via else None

        if claim.unsourced:
            return self._info("none", None, channel)
        vague = claim.vagueness.code if claim.vagueness else None
        if vague in ("agentless", "unowned-estimate", "expectation") and (speaker is None or speaker.kind == "none"):
            return self._info("agentless", None, channel)
        if channel_publisher is not None and channel_publisher.type == "state-affiliated-media":
            return self._info("state-affiliated-media", channel_publisher, channel, f"via {channel_publisher.name}")
        if speaker is None or speaker.kind == "none":
            return self._info("agentless" if vague else "none", None, channel)

        publisher = self._publisher(speaker.name) if speaker.kind in ("organisation", "outlet") else None
        if publisher is not None and publisher.type == "state-affiliated-media":
            return self._info("state-affiliated-media", publisher, channel)
        if speaker.kind == "anonymous" or vague in ("anonymous-source", "weasel-words"):
            described = bool(_DESCRIPTION.search(speaker.description or speaker.name or ""))
            return self._info("anonymous-described" if described else "anonymous-vague", None, channel)
        if speaker.kind == "document":
            document_publisher = self._document_publisher(speaker.name)
            return self._info("official-record", document_publisher, channel, self._record_note(judgement))
        if speaker.kind == "outlet" or (publisher is not None and publisher.type in OUTLET_TYPES):
            return self._info("other-outlet", publisher, channel, f"reporting by {publisher.name if publisher else speaker.name}")
        if speaker.kind == "organisation":
            if publisher is not None and publisher.type == "research":
                return self._info("research-organisation", publisher, channel)
            if publisher is None and re.search(r"\b(institute|think tank|centre|center|foundation|university)\b", speaker.name, re.I):
                return self._info("research-organisation", None, channel)
            return self._info("official-record", publisher, channel, self._record_note(judgement))

        official, publisher = self._official_role(speaker.name, speaker.title, speaker.affiliation, day)
        cls: SourceClass = "on-record-official" if official else "on-record-person"
        return self._info(cls, publisher, channel, self._record_note(judgement))

    # -- helpers ------------------------------------------------------------------------------------------

    def _publisher(self, name: str | None) -> Publisher | None:
        if not name or self.resolver is None:
            return None
        return self.resolver.publisher(name)

    def _document_publisher(self, name: str) -> Publisher | None:
        if self.resolver is None or self.registry is None:
            return None
        document = self.resolver.document_by_title(name)
        if document is None:
            return None
        return next((p for p in self.registry.publishers if p.id == document.publisher), None)

    def _official_role(
        self, name: str, title: str | None, affiliation: str | None, day: dt.date | None
    ) -> tuple[bool, Publisher | None]:
        if self.resolver is not None and self.registry is not None:
            person = self.resolver.person(name)
            if person is not None:
                roles = [r for r in person.roles if day is None or r.holds_on(day)]
                by_id = {p.id: p for p in self.registry.publishers}
                for role in roles:
                    publisher = by_id.get(role.publisher or "")
                    if publisher is not None and publisher.type in OFFICIAL_TYPES:
                        return True, publisher
                if any(r.publisher for r in person.roles):
                    # known to the registry, but holding no official role that day
                    return False, None
        publisher = self._publisher(affiliation) if affiliation else None
        if title and _OFFICIAL_TITLE.search(title):
            return True, publisher
        if affiliation and (publisher is None or publisher.type in OFFICIAL_TYPES) and _OFFICIAL_TITLE.search(affiliation):
            return True, publisher
        if publisher is not None and publisher.type in OFFICIAL_TYPES and title:
            return True, publisher
        return False, publisher

    @staticmethod
    def _record_note(judgement: Judgement) -> str | None:
        third = [e for e in judgement.evidence if e.record == "third-party"]
        if judgement.verdict == "verified" and third and not any(e.record == "official-record" for e in judgement.evidence):
            return f"checked against a third party's record ({third[0].publisher or third[0].title}), not the speaker's own"
        return None

    def _info(
        self, cls: SourceClass, publisher: Publisher | None, channel: str | None, note: str | None = None
    ) -> SourceInfo:
        level, reason = DEFAULTS[cls]
        if self.registry is not None and cls in self.registry.class_credibility:
            level = self.registry.class_credibility[cls].level
            reason = self.registry.class_credibility[cls].note
        if publisher is not None and publisher.credibility is not None:
            level = publisher.credibility.level
            reason = f"{reason}; {publisher.name}: {publisher.credibility.note}"
        if cls in self.settings.class_credibility:
            level = self.settings.class_credibility[cls]
        if note:
            reason = f"{reason} ({note})"
        if channel and cls not in ("other-outlet", "state-affiliated-media"):
            reason = f"{reason}; reached the article through {channel}"
        return SourceInfo(
            class_=cls, credibility=level, reason=reason, publisher=publisher.name if publisher else None, channel=channel
        )


# -- the sourcing profile -----------------------------------------------------------------------------------

_WEIGHT = {"high": 0, "medium": 1, "low": 2}


def profile(findings: list[Finding]) -> Profile:
    """Claims per source class, the share on the record, who the draft leans on, and flags an editor acts on."""
    claims = [f for f in findings if f.source is not None and f.verdict not in ("mistitled",)]
    by_class: dict[str, int] = {}
    for finding in claims:
        by_class[finding.source.class_] = by_class.get(finding.source.class_, 0) + 1
    total = len(claims)
    on_record = sum(by_class.get(c, 0) for c in ON_RECORD)

    named: dict[tuple[str, str], list[Finding]] = {}
    for finding in claims:
        name = _source_name(finding)
        if name:
            named.setdefault((name, finding.source.class_), []).append(finding)
    entries = sorted(
        named.items(), key=lambda item: (-len(item[1]), _WEIGHT[item[1][0].source.credibility], item[0][0])
    )
    sources = [ProfileEntry(name=name, source_class=cls, claims=len(items)) for (name, cls), items in entries]

    flags: list[str] = []
    anonymous = sum(by_class.get(c, 0) for c in ANONYMOUS)
    if anonymous:
        flags.append(
            f"1 of {total} claims rests on an unnamed source"
            if anonymous == 1
            else f"{anonymous} of {total} claims rest on unnamed sources"
        )
    if by_class.get("agentless"):
        n = by_class["agentless"]
        flags.append(f"{n} {'claim is' if n == 1 else 'claims are'} phrased as sourced with no source (agentless)")
    if by_class.get("none"):
        n = by_class["none"]
        flags.append(f"{n} {'figure has' if n == 1 else 'figures have'} no source")
    state = sorted({_source_name(f) or "" for f in claims if f.source.class_ == "state-affiliated-media"} - {""})
    if state:
        n = by_class["state-affiliated-media"]
        flags.append(f"{'a claim rests' if n == 1 else f'{n} claims rest'} on state-affiliated media ({', '.join(state)})")
    outlets = sorted({_source_name(f) or "" for f in claims if f.source.class_ == "other-outlet"} - {""})
    if outlets:
        n = by_class["other-outlet"]
        flags.append(f"{n} {'claim comes' if n == 1 else 'claims come'} second-hand from other outlets ({', '.join(outlets)})")
    if total and on_record == 0:
        flags.append("no claim rests on a named source on the record")
    return Profile(
        claims=total,
        by_class=dict(sorted(by_class.items(), key=lambda kv: list(DEFAULTS).index(kv[0]))),
        on_record_share=round(on_record / total, 3) if total else 0.0,
        sources=sources,
        flags=flags,
    )


def _source_name(finding: Finding) -> str | None:
    source = finding.source
    if source is None:
        return None
    if source.class_ == "state-affiliated-media" and source.publisher:
        return source.publisher
    if source.class_ in ("anonymous-vague", "agentless", "none"):
        return None
    if source.publisher and source.class_ in ("other-outlet", "research-organisation"):
        return source.publisher
    if finding.speaker is not None:
        return finding.speaker.name
    return source.publisher


def policy_findings(article_profile: Profile, article: Article, settings: Settings, root: str = ".") -> list[Finding]:
    """A ``profile.policy`` finding at the top of the draft when its profile breaks a configured limit."""
    policy = settings.profile
    problems: list[str] = []
    total = article_profile.claims
    unnamed = sum(article_profile.by_class.get(c, 0) for c in (*ANONYMOUS, "agentless"))
    if policy.max_anonymous_share is not None and total and unnamed / total > policy.max_anonymous_share:
        problems.append(
            f"{unnamed} of {total} claims rest on unnamed or no sources (limit {policy.max_anonymous_share:.0%})"
        )
    unsourced = article_profile.by_class.get("none", 0)
    if policy.max_unsourced is not None and unsourced > policy.max_unsourced:
        problems.append(f"{unsourced} unsourced figures (limit {policy.max_unsourced})")
    if policy.forbid_state_media and article_profile.by_class.get("state-affiliated-media"):
        problems.append("claims rest on state-affiliated media")
    if not problems:
        return []
    from attrib.policy import severity_of
    from attrib.models import Span
    from attrib.positions import LineIndex

    severity = severity_of(settings, "profile.policy")
    if severity is None:
        return []
    first = next((b for b in article.blocks if article.prose[b.start : b.end].strip()), None)
    start = article.raw_span(first.start, first.start).start if first else 0
    line_end = article.text.find("\n", start)
    span = Span(start=start, end=line_end if line_end != -1 else len(article.text))
    finding = Finding(
        id="profile",
        kind="unattributed",
        verdict="unverified",
        severity=severity,
        rule="profile.policy",
        reason="sourcing profile: " + "; ".join(problems),
        text=article.text[span.start : span.end],
        span=span,
        location=LineIndex(article.text).location(span),
    )
    return [finding]
