"""Word lists the extractor reads: reporting and cognition verbs (all inflections), titles, pronouns, source nouns."""

from __future__ import annotations

import re

# Reporting verbs, by lemma. "Strong" verbs report speech on their own ("X said Y" needs no "that"); the others
# only count when the sentence has the shape of an attribution (a that-clause, a colon, a quote, or the content
# before the cue), since "added troops" or "claimed lives" are not attributions.
STRONG_VERBS = (
    "say", "tell", "state", "declare", "announce", "assert", "insist", "claim", "argue", "warn", "assure",
    "explain", "confirm", "deny", "admit", "acknowledge", "allege", "maintain", "contend", "testify", "write",
    "report", "comment", "remark", "reply", "respond", "retort", "add", "note", "observe", "stress", "emphasise",
    "emphasize", "tweet", "post", "predict", "promise", "vow", "pledge", "concede", "recall", "reveal",
    "disclose", "complain", "boast", "brag", "suggest", "indicate", "point out", "caution", "counter", "quip",
    "joke", "muse", "mention", "reiterate", "repeat", "concur", "agree", "ask", "inform", "advise", "urge",
    "demand", "propose", "recommend", "affirm", "aver", "avow", "proclaim", "profess", "swear", "charge",
    "accuse", "blame", "criticise", "criticize", "condemn", "praise", "describe", "call", "dub", "label",
    "characterise", "characterize", "brand", "question", "wonder", "speculate", "theorise", "theorize",
    "estimate", "calculate", "forecast", "project", "conclude", "find", "show", "signal", "hint", "imply",
    "stipulate", "specify", "clarify", "elaborate", "summarise", "summarize", "highlight", "underline",
    "underscore", "acknowledge", "announce", "broadcast", "publish", "cite", "quote", "lament", "regret",
    "apologise", "apologize", "protest", "object", "dispute", "refute", "rebut", "reject", "dismiss",
    "contradict", "challenge", "correct", "interject", "interrupt", "whisper", "shout", "yell", "scream",
    "cry", "exclaim", "sigh", "mutter", "murmur", "grumble", "snap", "rage", "fume", "gush", "enthuse",
    "predict", "pronounce", "rule", "order", "instruct", "direct", "threaten", "guarantee", "certify",
    "attest", "verify", "recount", "relate", "narrate", "describe", "depict", "portray", "outline", "detail",
    "brief", "tout", "hail", "laud", "decry", "deplore", "denounce", "slam", "blast", "attack", "rip",
    "fire back", "hit back", "call for", "point to", "go on", "press", "plead", "beg", "appeal", "caution",
    "counsel", "posit",
    "reason", "surmise", "volunteer", "confide", "confess", "divulge", "leak", "concede", "grant",
)

# Stance verbs: taking a public position is an attribution in PolNeAR's sense and a checkable claim ("Vesk endorsed
# the levy", "the council declined to comment"); their object or to-clause is the content. They report no speech,
# so they are never "strong" on their own subject-less forms (a participle or a noun stays out, as for any verb).
STANCE_VERBS = (
    "endorse", "oppose", "echo", "defend", "decline", "refuse", "discuss", "liken", "mock", "talk about",
    "speak about", "speak of",
)
# Stance verbs whose content must be a to-clause ("refused to testify"): their object is no claim.
TO_ONLY_LEMMAS = frozenset({"decline", "refuse"})

# Cognition and intention verbs: PolNeAR (and a careful reader) treat "X believes that …" and "X wants …" as
# attributions too; they are reported claims, weaker than speech.
COGNITION_VERBS = (
    "believe", "think", "feel", "hope", "fear", "expect", "want", "know", "doubt", "suspect", "worry",
    "understand", "assume", "reckon", "anticipate", "intend", "plan", "wish", "realise", "realize",
    "recognise", "recognize", "consider", "suppose",
)

# Nouns that take a "that"-clause of their own ("the idea that …", "the belief that …"): after a reporting verb
# they head the reported noun phrase, so the content starts before them, not at their "that".
CLAUSE_NOUNS = frozenset("""idea belief notion fact claim claims view views report reports possibility suggestion
    assertion argument theory concern concerns fear fears hope hopes impression sense feeling message warning
    allegation allegations rumour rumor news evidence proof conclusion assumption premise promise pledge
    question perception thought""".split())
# Nouns that follow a verb form to make a compound noun ("press secretary", "report card", "post office"): the
# form is then a noun, not a reporting verb.
COMPOUND_HEADS = frozenset("""secretary secretaries office officer officers release releases conference
    conferences briefing briefings corps room gallery pool aide aides team staff card cards center centre
    centers desk box line lines freedom agency service kit event events""".split())
# Common place names (countries, capitals, large cities and states) that head news sentences as metonyms
# ("Washington said", "New York said"): never a person; a place as a speaker needs an organisation word.
PLACES = frozenset("""Washington Moscow Beijing Kyiv Kiev London Paris Berlin Brussels Tokyo Seoul Pyongyang
    Tehran Jerusalem Ankara Damascus Baghdad Kabul Delhi Islamabad Cairo Riyadh Rome Madrid Warsaw Minsk Ottawa
    Canberra Mexico Havana Caracas Brasilia America Russia China Ukraine Iran Iraq Syria Israel Turkey India
    Pakistan Afghanistan Japan Korea Germany France Britain England Scotland Wales Ireland Italy Spain Poland
    Canada Australia Brazil Venezuela Cuba Egypt Europe Asia Africa Crimea Donbas Kursk Texas California
    Florida Ohio Michigan Pennsylvania Virginia Georgia Arizona Nevada Iowa Wisconsin Minnesota Colorado
    Carolina Alabama Kentucky Tennessee Missouri Illinois Indiana Oregon Utah Chicago Boston Philadelphia
    Houston Dallas Atlanta Miami Phoenix Detroit Seattle Denver Baltimore Cleveland Manhattan Brooklyn
    Hollywood Charlotte Tulsa York Jersey Hampshire Mexico Dakota Angeles Francisco Orleans Vegas Diego Kong
    Zealand Africa Arabia""".split())
PLACE_PHRASES = frozenset({"New York", "New Jersey", "New Hampshire", "New Mexico", "North Carolina",
                           "South Carolina", "North Dakota", "South Dakota", "West Virginia", "Los Angeles",
                           "San Francisco", "New Orleans", "Las Vegas", "San Diego", "Hong Kong", "New Zealand",
                           "South Africa", "Saudi Arabia", "North Korea", "South Korea", "United States",
                           "United Kingdom", "New Delhi", "Capitol Hill", "Wall Street", "Silicon Valley"})

_IRREGULAR = {
    "say": ("says", "said", "saying", "said"),
    "tell": ("tells", "told", "telling", "told"),
    "write": ("writes", "wrote", "writing", "written"),
    "swear": ("swears", "swore", "swearing", "sworn"),
    "find": ("finds", "found", "finding", "found"),
    "show": ("shows", "showed", "showing", "shown"),
    "think": ("thinks", "thought", "thinking", "thought"),
    "feel": ("feels", "felt", "feeling", "felt"),
    "know": ("knows", "knew", "knowing", "known"),
    "understand": ("understands", "understood", "understanding", "understood"),
    "speak about": ("speaks about", "spoke about", "speaking about", "spoken about"),
    "speak of": ("speaks of", "spoke of", "speaking of", "spoken of"),
    "go on": ("goes on", "went on", "going on", "gone on"),
    "fire back": ("fires back", "fired back", "firing back", "fired back"),
    "hit back": ("hits back", "hit back", "hitting back", "hit back"),
    "broadcast": ("broadcasts", "broadcast", "broadcasting", "broadcast"),
    "forecast": ("forecasts", "forecast", "forecasting", "forecast"),
    "rip": ("rips", "ripped", "ripping", "ripped"),
    "snap": ("snaps", "snapped", "snapping", "snapped"),
    "plan": ("plans", "planned", "planning", "planned"),
    "admit": ("admits", "admitted", "admitting", "admitted"),
    "quip": ("quips", "quipped", "quipping", "quipped"),
    "rebut": ("rebuts", "rebutted", "rebutting", "rebutted"),
    "dub": ("dubs", "dubbed", "dubbing", "dubbed"),
    "refer": ("refers", "referred", "referring", "referred"),
    "aver": ("avers", "averred", "averring", "averred"),
    "label": ("labels", "labelled", "labelling", "labeled"),
    "signal": ("signals", "signalled", "signalling", "signaled"),
    "counsel": ("counsels", "counselled", "counselling", "counseled"),
    "hint": ("hints", "hinted", "hinting", "hinted"),
    "cry": ("cries", "cried", "crying", "cried"),
}
# Extra forms for the irregulars that take both spellings (labelled / labeled).
_EXTRA_FORMS = {"label": ("labeled", "labeling"), "signal": ("signaled", "signaling"), "counsel": ("counseled",)}


def inflections(lemma: str) -> tuple[str, ...]:
    """Every form of a verb lemma: base, third person, past, -ing, past participle (multi-word lemmas inflect
    their first word)."""
    if lemma in _IRREGULAR:
        return (lemma, *_IRREGULAR[lemma], *_EXTRA_FORMS.get(lemma, ()))
    head, _, tail = lemma.partition(" ")
    tail = f" {tail}" if tail else ""
    if head.endswith("e") and not head.endswith("ee"):
        forms = (head + "s", head + "d", head[:-1] + "ing")
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        forms = (head[:-1] + "ies", head[:-1] + "ied", head + "ing")
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        forms = (head + "es", head + "ed", head + "ing")
    else:
        forms = (head + "s", head + "ed", head + "ing")
    return (lemma, *(f + tail for f in forms))


def _forms(lemmas: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for lemma in lemmas:
        for form in inflections(lemma):
            out.setdefault(form, lemma)
    return out


REPORTING_FORMS: dict[str, str] = _forms(STRONG_VERBS + STANCE_VERBS)
STANCE_LEMMAS = frozenset(STANCE_VERBS)
COGNITION_FORMS: dict[str, str] = _forms(COGNITION_VERBS)

# Verbs that report speech on their own, without a that-clause: "Smith said the talks failed".
BARE_CLAUSE_LEMMAS = frozenset(
    {"say", "tell", "write", "argue", "insist", "claim", "warn", "add", "note", "report", "predict", "explain",
     "confirm", "acknowledge", "admit", "assert", "suggest", "announce", "state", "believe", "think", "feel",
     "know", "hope", "fear", "expect", "reckon", "tweet", "post", "declare", "contend", "maintain", "concede",
     "stress", "indicate", "reveal", "allege", "assure", "show", "find", "recall", "estimate", "deny"}
)
# Lemmas whose object is the addressee, followed by the content: "told reporters (that) …", "assured the press".
ADDRESSEE_LEMMAS = frozenset({"tell", "assure", "inform", "warn", "remind", "brief", "advise", "promise", "urge",
                              "ask", "convince", "persuade"})
# Verbs that take "X as Y": "described the gains as incremental".
AS_LEMMAS = frozenset({"describe", "characterise", "characterize", "portray", "depict", "label", "brand",
                       "dismiss", "hail", "cite", "tout", "criticise", "criticize", "praise", "call"})

# Multi-word cues that are not verbs.
PREPOSITIONAL_CUES = ("according to", "in the words of", "as quoted by", "citing", "as reported by",
                      "quoting", "per")

TITLES = (
    "President", "Vice President", "President-elect", "Prime Minister", "Deputy Prime Minister", "Chancellor",
    "Secretary", "Secretary of State", "Secretary of Defense", "Defense Secretary", "Defence Secretary",
    "Foreign Secretary", "Home Secretary", "Foreign Minister", "Defence Minister", "Defense Minister", "Minister",
    "Deputy Minister", "Senator", "Sen.", "Rep.", "Representative", "Congressman", "Congresswoman", "Gov.",
    "Governor", "Mayor", "Ambassador", "Speaker", "Judge", "Justice", "Chief Justice", "Attorney General",
    "General", "Gen.", "Lieutenant General", "Lt. Gen.", "Lt Gen", "Major General", "Maj. Gen.", "Maj Gen",
    "Brigadier General", "Brig. Gen.", "Brig.", "Brigadier", "Admiral", "Adm.", "Vice Admiral", "Rear Admiral",
    "Vice Adm.", "Rear Adm.", "Lt. Cmdr.", "Lieutenant Commander", "Sgt. Maj.", "Cpl.", "Pvt.", "Colonel", "Col.",
    "Lt. Gov.", "Lieutenant Governor", "Maj. Gen", "Lt. Col", "Brig. Gen", "Rear Adm", "Vice Adm",
    "Lieutenant Colonel", "Lt. Col.", "Major", "Maj.", "Captain", "Capt.", "Lieutenant", "Lt.", "Sergeant",
    "Sgt.", "Commander", "Cmdr.", "Marshal", "Field Marshal", "Air Marshal", "Chief", "Director", "Commissioner",
    "Spokesman", "Spokeswoman", "Spokesperson", "Press Secretary", "Chairman", "Chairwoman", "Chair", "CEO",
    "Professor", "Prof.", "Dr.", "Dr", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Sir", "Dame", "Lord", "Lady",
    "King", "Queen", "Prince", "Princess", "Pope", "Rev.", "Reverend", "Father", "Sheikh", "Deputy", "MP",
    "Leader", "Former", "former", "Attorney", "City Attorney", "District Attorney", "Councilman", "Councilwoman",
    "Editor", "Founder", "Chief Executive", "Executive Director", "Republican", "Democratic", "Democrat", "GOP",
    "Presidential", "Candidate", "Nominee", "State", "Gov", "Sen", "Rep", "Acting", "acting", "Ukrainian",
    "Russian", "US", "U.S.", "American", "British",
)
# Honorifics that tell a person's gender (for pronoun resolution).
FEMALE_HONORIFICS = frozenset({"Mrs.", "Mrs", "Ms.", "Ms", "Dame", "Lady", "Queen", "Princess", "Congresswoman",
                               "Spokeswoman", "Chairwoman"})
MALE_HONORIFICS = frozenset({"Mr.", "Mr", "Sir", "Lord", "King", "Prince", "Father", "Congressman", "Spokesman",
                             "Chairman"})

PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "group", "it": "thing",
            "i": "self", "we": "self", "you": "self", "who": "relative", "which": "relative"}

# Words that make a capitalised name an organisation rather than a person.
ORG_WORDS = frozenset(
    """Institute Institution Department Ministry Office Agency Council Committee Commission Party Campaign
    University College School Foundation Fund Bank Company Corporation Corp Corp. Inc Inc. Ltd Group Association
    Union Federation Organisation Organization Administration Army Navy Force Forces Command Service Services
    Bureau Board Authority Court Senate House Congress Parliament Assembly Government Cabinet Kremlin Pentagon
    Centre Center Coalition Alliance League Network Society Trust Club Church Police Guard Staff Brigade Corps
    Secretariat Embassy Commerce Chamber Team Council Watch Initiative Project Laboratory Lab Industries
    Nations NATO Nato UN EU ISW OSCE IAEA WHO IMF Movement Front Caucus Democrats Republicans""".split()
)
OUTLETS = frozenset(
    """Reuters AP AFP Bloomberg CNN BBC NBC ABC CBS Fox NPR PBS MSNBC Politico Axios TASS RIA Interfax Al-Jazeera
    Breitbart PolitiFact Guardian Telegraph Times Post Journal Herald Tribune Economist Independent Mirror Sun
    Express Mail Observer Chronicle Gazette Monitor Newsweek Atlantic Hill Vox Slate Kyiv Izvestia Kommersant
    Ukrainska Pravda Meduza RT Sputnik Xinhua Yonhap Kyodo Spiegel Figaro Monde Le""".split()
)
OUTLET_TAILS = frozenset({"Times", "Post", "Journal", "Herald", "Tribune", "Telegraph", "Guardian", "News",
                          "Gazette", "Chronicle", "Express", "Mail", "Monitor", "Observer", "Press", "Magazine",
                          "Review", "Agency", "Radio", "TV", "Television", "Network", "Daily", "Weekly",
                          "Today", "Online", "Wire", "Broadcasting"})

# Nouns naming a document that can be the source of words: "the plan says", "the report found".
DOCUMENT_NOUNS = frozenset(
    """plan report study survey poll statement document memo memorandum letter assessment analysis review paper
    brief briefing transcript bill law act treaty agreement deal resolution strategy doctrine declaration
    communique communiqué release readout filing lawsuit complaint indictment ruling judgment verdict order
    decree manifesto platform proposal guidance guidelines directive data figures estimate estimates
    book article tweet post email""".split()
)
# Heads of an unnamed human source: "a source", "officials", "a person familiar with the talks".
ANONYMOUS_NOUNS = frozenset(
    """source sources official officials person people insider insiders aide aides diplomat diplomats officer
    officers spokesperson spokesman spokeswoman representative representatives adviser advisers advisor
    advisors member members staffer staffers employee employees lawmaker lawmakers executive executives
    individual individuals figure figures operative operatives ally allies confidant associate associates
    witness witnesses resident residents someone""".split()
)
# Heads of a weasel group: "experts say", "critics argue", "some analysts".
WEASEL_NOUNS = frozenset(
    """expert experts critic critics analyst analysts observer observers commentator commentators pundit pundits
    scholar scholars scientist scientists economist economists historian historians sceptic sceptics skeptic
    skeptics supporter supporters opponent opponents voter voters many some others most everyone everybody
    researchers researcher studies""".split()
)
DETERMINERS = frozenset({"a", "an", "the", "one", "two", "three", "several", "some", "many", "most", "other",
                         "another", "various", "numerous", "few", "multiple", "senior", "top", "unnamed"})

# Page furniture: advert, newsletter and form vocabulary; any of these marks a block as not editorial.
FURNITURE_RE = re.compile(
    r"\b(?:free sample|unsubscribe|privacy policy|marketing communications|"
    r"cookie policy|terms (?:of|and) (?:use|conditions)|sponsored content|"
    r"all rights reserved|read the rest|click here|follow us|share this|read more)\b|^(?:thank you!?$|credit:|"
    r"photo:|image:|picture:|photograph:)|\b(?:credit|photo|image|picture|photograph)(?: by)?: [A-Z]",
    re.I | re.M,
)
# Words that are furniture only in a call to action: "Download a free sample", "Sign up for our newsletter". News
# prose uses them as ordinary words ("a campaign advertisement", "sign up 5 million people", "Capital Download"),
# so they mark a block only when it is short or when one opens a sentence as an imperative.
FURNITURE_WEAK_RE = re.compile(r"(?:^|(?<=[.!?] ))(?:Download|Subscribe|Sign up|Newsletter|Advertisement|Cookies)\b"
                               r"|\b(?:download|subscribe|sign up|newsletter|advertisement|cookies)\b", re.M)
FURNITURE_WEAK_MAX_WORDS = 12
# Bylines and social handles ("By Mara Lind", "Follow Ada Vesk on Twitter @ada"), case-sensitive.
BYLINE_RE = re.compile(r"^By [A-Z][\w.’'-]+(?: (?:[A-Z][\w.’'-]+|and|&))*$|^Follow [A-Z].* @\w+", re.M)

# Adverbs and auxiliaries that may sit between a subject and its reporting verb ("Trump has repeatedly said").
BETWEEN_SUBJECT_AND_VERB = frozenset(
    """also has have had was were is are will would could should may might can did does do not never just
    already later then now once previously recently repeatedly publicly privately again first last further
    separately earlier subsequently reportedly allegedly apparently only even often frequently generally
    long since still flatly openly explicitly specifically directly simply quickly immediately bluntly
    angrily calmly quietly loudly firmly strongly clearly herself himself themselves itself been being""".split()
)
