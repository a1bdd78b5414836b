"""Source classes, credibility levels, overrides and the sourcing profile."""

from __future__ import annotations

import datetime as dt

import pytest

from attrib.credibility import Classifier, policy_findings, profile
from attrib.models import (
    Article,
    Claim,
    Credibility,
    Cue,
    DateRange,
    Document,
    Evidence,
    Finding,
    Judgement,
    Location,
    Person,
    ProfilePolicy,
    Publisher,
    Registry,
    Role,
    Settings,
    Span,
    Speaker,
    Vagueness,
)

DAY = dt.date(2031, 3, 4)

REGISTRY = Registry(
    publishers=[
        Publisher(id="mod", name="Ministry of Defence of Norland", aliases=["Norland Defence Ministry", "the ministry"], type="government"),
        Publisher(id="army", name="Norland Army", type="military"),
        Publisher(id="csi", name="Centre for Strategic Inquiry", aliases=["CSI"], type="research"),
        Publisher(id="wire", name="Harbour Wire", aliases=["HW"], type="news-agency"),
        Publisher(id="gazette", name="The Morning Gazette", type="newspaper"),
        Publisher(id="statetv", name="Voice of Ostland", aliases=["VOO"], type="state-affiliated-media"),
        Publisher(
            id="statewire",
            name="Ostland News Agency",
            aliases=["ONA"],
            type="state-affiliated-media",
            credibility=Credibility(level="low", note="state-owned; labelled state-affiliated under the desk's policy"),
        ),
        Publisher(id="party", name="Forward Party", type="party"),
        Publisher(
            id="blog",
            name="Open Ledger",
            type="newspaper",
            credibility=Credibility(level="low", note="corrections policy not published (desk standard 4.2)"),
        ),
    ],
    people=[
        Person(
            id="vale",
            name="Ada Vale",
            aliases=["Adeline Vale"],
            roles=[Role(title="Defence Ministry Spokesperson", publisher="mod", start=dt.date(2030, 1, 1), end=dt.date(2031, 12, 31))],
        ),
        Person(
            id="orr",
            name="Tomas Orr",
            roles=[Role(title="Member of Parliament", publisher="party", start=dt.date(2028, 1, 1))],
        ),
        Person(
            id="kade",
            name="Lena Kade",
            roles=[Role(title="Army Spokesperson", publisher="army", start=dt.date(2025, 1, 1), end=dt.date(2029, 6, 30))],
        ),
    ],
    documents=[
        Document(id="plan", title="The Northern Shield Plan", publisher="mod", date=dt.date(2031, 2, 1), kind="plan", path="plan.txt"),
    ],
)


def claim(
    speaker: Speaker | None = None,
    *,
    kind: str = "reported",
    vague: str | None = None,
    unsourced: bool = False,
    day: dt.date | None = DAY,
) -> Claim:
    vagueness = None
    if vague:
        vagueness = Vagueness(code=vague, message="no one named", cue=Cue(text="x", span=Span(start=0, end=1)))
    return Claim(
        id="c1",
        kind="unattributed" if unsourced else kind,
        text="words",
        span=Span(start=0, end=5),
        speaker=speaker,
        vagueness=vagueness,
        unsourced=unsourced,
        date=DateRange(start=day, end=day) if day else None,
    )


def classify(c: Claim, registry: Registry | None = REGISTRY, settings: Settings | None = None, **judgement):
    j = Judgement(claim=c, verdict=judgement.pop("verdict", "unverified"), rule="unverified.no-primary-source", reason="r", **judgement)
    return Classifier(registry, settings or Settings()).classify(j)


def person(name, **kw) -> Speaker:
    return Speaker(name=name, kind="person", **kw)


def org(name, **kw) -> Speaker:
    return Speaker(name=name, kind="organisation", **kw)


# -- on-record-official ------------------------------------------------------------------------------------


def test_registry_person_with_government_role_on_the_day_is_an_official():
    info = classify(claim(person("Ada Vale")))
    assert (info.class_, info.credibility, info.publisher) == ("on-record-official", "high", "Ministry of Defence of Norland")


def test_official_title_without_registry_is_an_official():
    info = classify(claim(person("Piet Braam", title="Defence Minister")), registry=None)
    assert info.class_ == "on-record-official"


def test_spokesperson_affiliation_without_registry_is_an_official():
    info = classify(claim(person("Mira Sand", affiliation="Foreign Ministry spokesperson")), registry=None)
    assert info.class_ == "on-record-official"


def test_official_speaking_to_an_outlet_stays_official_with_the_outlet_as_channel():
    info = classify(claim(person("Ada Vale", via="Harbour Wire")))
    assert info.class_ == "on-record-official"
    assert info.channel == "Harbour Wire"
    assert "Harbour Wire" in info.reason


# -- on-record-person --------------------------------------------------------------------------------------


def test_member_of_parliament_is_an_on_record_person():
    info = classify(claim(person("Tomas Orr", title="MP")))
    assert (info.class_, info.credibility) == ("on-record-person", "medium")


def test_named_analyst_is_an_on_record_person():
    info = classify(claim(person("Rita Holm", description="an analyst at a Harbour bank")), registry=None)
    assert info.class_ == "on-record-person"


def test_official_role_that_ended_before_the_claim_is_not_official():
    info = classify(claim(person("Lena Kade")))
    assert info.class_ == "on-record-person"


def test_named_witness_without_title_is_an_on_record_person():
    info = classify(claim(person("Jonas Berg")), registry=None)
    assert info.class_ == "on-record-person"


# -- official-record ---------------------------------------------------------------------------------------


def test_a_plan_is_the_official_record_of_its_issuer():
    info = classify(claim(Speaker(name="Northern Shield Plan", kind="document"), kind="quote"))
    assert (info.class_, info.credibility, info.publisher) == ("official-record", "high", "Ministry of Defence of Norland")


def test_ministry_statement_is_official_record():
    info = classify(claim(org("Norland Defence Ministry")))
    assert info.class_ == "official-record"
    assert info.publisher == "Ministry of Defence of Norland"


def test_army_speaking_as_itself_is_official_record():
    info = classify(claim(org("Norland Army")))
    assert info.class_ == "official-record"


def test_document_without_registry_is_still_official_record():
    info = classify(claim(Speaker(name="Shield Plan", kind="document")), registry=None)
    assert info.class_ == "official-record"


# -- research-organisation ---------------------------------------------------------------------------------


def test_registry_research_body_is_a_research_organisation():
    info = classify(claim(org("Centre for Strategic Inquiry")))
    assert (info.class_, info.credibility, info.publisher) == ("research-organisation", "medium", "Centre for Strategic Inquiry")


def test_research_body_by_alias():
    assert classify(claim(org("CSI"))).class_ == "research-organisation"


def test_unknown_institute_is_a_research_organisation_by_its_name():
    assert classify(claim(org("Institute of Coastal Studies")), registry=None).class_ == "research-organisation"


# -- other-outlet ------------------------------------------------------------------------------------------


def test_according_to_a_wire_is_another_outlet():
    info = classify(claim(Speaker(name="Harbour Wire", kind="outlet")))
    assert (info.class_, info.credibility, info.publisher) == ("other-outlet", "medium", "Harbour Wire")


def test_newspaper_named_as_organisation_is_another_outlet():
    assert classify(claim(org("The Morning Gazette"))).class_ == "other-outlet"


def test_newspaper_citing_sources_is_another_outlet():
    info = classify(claim(Speaker(name="The Morning Gazette", kind="outlet", description="citing sources")))
    assert info.class_ == "other-outlet"


def test_newspaper_account_of_a_ministry_statement_is_another_outlet():
    # "The Morning Gazette reported that the ministry …": the newspaper is the source the draft rests on
    assert classify(claim(Speaker(name="The Morning Gazette", kind="outlet"))).class_ == "other-outlet"
    # while the ministry's own statement is the record
    assert classify(claim(org("the ministry"))).class_ == "official-record"


# -- state-affiliated-media --------------------------------------------------------------------------------


def test_state_outlet_as_source_is_state_affiliated_media():
    info = classify(claim(Speaker(name="Voice of Ostland", kind="outlet")))
    assert (info.class_, info.credibility) == ("state-affiliated-media", "low")


def test_state_outlet_quoting_an_official_is_state_affiliated_media():
    info = classify(claim(person("Ada Vale", via="ONA")))
    assert info.class_ == "state-affiliated-media"
    assert info.channel == "Ostland News Agency"
    assert "state-owned" in info.reason


def test_state_outlet_named_as_organisation_is_state_affiliated_media():
    assert classify(claim(org("VOO"))).class_ == "state-affiliated-media"


# -- anonymous ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "description",
    [
        "a senior Norlandian military source on the General Staff",
        "a person familiar with the negotiations",
        "two European diplomats",
    ],
)
def test_specifically_described_unnamed_source_is_anonymous_described(description):
    speaker = Speaker(name=description, kind="anonymous", description=description)
    info = classify(claim(speaker, vague="anonymous-source"))
    assert (info.class_, info.credibility) == ("anonymous-described", "medium")


@pytest.mark.parametrize("description", ["a source", "officials", "sources", "a senior official"])
def test_undescribed_unnamed_source_is_anonymous_vague(description):
    speaker = Speaker(name=description, kind="anonymous", description=description)
    info = classify(claim(speaker, vague="anonymous-source"))
    assert (info.class_, info.credibility) == ("anonymous-vague", "low")


def test_weasel_group_is_anonymous_vague():
    speaker = Speaker(name="experts", kind="anonymous", description="experts")
    assert classify(claim(speaker, vague="weasel-words")).class_ == "anonymous-vague"


# -- agentless and none ------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["agentless", "unowned-estimate", "expectation"])
def test_claims_with_no_one_behind_them_are_agentless(code):
    info = classify(claim(None, vague=code))
    assert (info.class_, info.credibility) == ("agentless", "low")


@pytest.mark.parametrize("registry", [REGISTRY, None])
def test_unsourced_figure_is_none(registry):
    info = classify(claim(None, unsourced=True), registry=registry)
    assert (info.class_, info.credibility) == ("none", "low")


# -- overrides and evidence --------------------------------------------------------------------------------


def test_publisher_credibility_overrides_the_class_level():
    info = classify(claim(Speaker(name="Open Ledger", kind="outlet")))
    assert info.class_ == "other-outlet"
    assert info.credibility == "low"
    assert "desk standard 4.2" in info.reason


def test_registry_class_credibility_overrides_the_default():
    registry = REGISTRY.model_copy(
        update={"class_credibility": {"research-organisation": Credibility(level="high", note="peer-reviewed bodies only")}}
    )
    info = classify(claim(org("CSI")), registry=registry)
    assert (info.credibility, info.reason) == ("high", "peer-reviewed bodies only")


def test_configuration_class_credibility_wins_over_the_registry():
    registry = REGISTRY.model_copy(
        update={"class_credibility": {"research-organisation": Credibility(level="high", note="n")}}
    )
    info = classify(claim(org("CSI")), registry=registry, settings=Settings(class_credibility={"research-organisation": "low"}))
    assert info.credibility == "low"


def test_verification_against_a_third_party_record_says_so():
    evidence = Evidence(
        document_id="t", title="Commercial transcript", publisher="Quickscribe", record="third-party",
        passage="p", span=Span(start=0, end=1), score=100.0,
    )
    info = classify(claim(person("Ada Vale"), kind="quote"), verdict="verified", evidence=[evidence])
    assert info.class_ == "on-record-official"
    assert "third party" in info.reason and "Quickscribe" in info.reason


# -- the profile -------------------------------------------------------------------------------------------


def finding(cls: str, name: str | None, *, publisher: str | None = None, level: str = "medium", verdict: str = "unverified") -> Finding:
    from attrib.models import SourceInfo

    return Finding(
        id="f", kind="reported", verdict=verdict, severity="warning", rule="r", reason="r", text="t",
        span=Span(start=0, end=1), location=Location(line=1, column=1, end_line=1, end_column=1),
        speaker=Speaker(name=name) if name else None,
        source=SourceInfo(class_=cls, credibility=level, reason="r", publisher=publisher),
    )


def sample_findings() -> list[Finding]:
    return [
        finding("on-record-official", "Ada Vale", level="high"),
        finding("on-record-official", "Ada Vale", level="high"),
        finding("on-record-person", "Tomas Orr"),
        finding("research-organisation", "CSI", publisher="Centre for Strategic Inquiry"),
        finding("anonymous-vague", "a source", level="low"),
        finding("anonymous-described", "a senior official", verdict="vague"),
        finding("anonymous-vague", "officials", level="low"),
        finding("agentless", None, level="low"),
        finding("none", None, level="low", verdict="unsourced"),
        finding("state-affiliated-media", "VOO", publisher="Voice of Ostland", level="low"),
    ]


def test_profile_counts_claims_per_class_and_the_share_on_record():
    p = profile(sample_findings())
    assert p.claims == 10
    assert p.by_class["on-record-official"] == 2
    assert p.by_class["anonymous-vague"] == 2
    assert p.on_record_share == 0.3


def test_profile_flags_what_an_editor_acts_on():
    flags = profile(sample_findings()).flags
    assert "3 of 10 claims rest on unnamed sources" in flags
    assert "1 figure has no source" in flags
    assert "a claim rests on state-affiliated media (Voice of Ostland)" in flags


def test_profile_lists_named_sources_by_weight():
    p = profile(sample_findings())
    assert p.sources[0].name == "Ada Vale" and p.sources[0].claims == 2
    names = [s.name for s in p.sources]
    assert "a source" not in names and "officials" not in names
    assert "Centre for Strategic Inquiry" in names


def test_profile_policy_fails_a_mostly_anonymous_draft():
    article = Article.from_text("Officials said the bridge would reopen.\n")
    p = profile(sample_findings())
    settings = Settings(profile=ProfilePolicy(max_anonymous_share=0.3))
    [problem] = policy_findings(p, article, settings)
    assert problem.rule == "profile.policy" and problem.severity == "error"
    assert "4 of 10 claims" in problem.reason
    assert problem.location.line == 1


def test_profile_policy_is_quiet_within_limits():
    article = Article.from_text("Officials said the bridge would reopen.\n")
    settings = Settings(profile=ProfilePolicy(max_anonymous_share=0.5, max_unsourced=1))
    assert policy_findings(profile(sample_findings()), article, settings) == []
