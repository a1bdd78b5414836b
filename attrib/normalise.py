"""Normalised word tokens of a comparison string, each with its offsets in the original text."""

from __future__ import annotations

import gc
import re
from itertools import accumulate, compress
from operator import itemgetter

# A token is a plain tuple (fast to build on every candidate window): ``(norm, start, end)``, where
# ``text[start:end]`` is the original spelling. Tokens are in text order, except that a currency or percent
# word a number sign stands for ("$61bn" → "61000000000" "dollars") follows its number while pointing at the sign.
Token = tuple[str, int, int]

# Marker norms. An elision (``...``, ``…``, ``[...]``) may skip words; a bracketed insertion (``[Russia]``) has
# the norm "[" + its normalised words + "]" and may stand in for words of the record or add to them.
ELISION = "…"
INSERTION = "["

_APOSTROPHES = "'\u2019\u02bc\u2018`\u2032\u00b4\u201b"
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")

# One pass over the lower-cased text. A word (with inner apostrophes, a thousands separator or decimal point
# between digits, a trailing "[s]" change, a PDF line-end hyphenation "gov- ernment"), then the rarer forms.
# Quote and dash variants are folded per distinct match, not over the whole text (str.translate is slow).
_TOKEN_RE = re.compile(
    rf"\w+(?:[,.]\d+)*(?:[{_APOSTROPHES}\u00ad]\w+)*(?:\[\w{{1,3}}\])?(?:-(?:[ \t]*\n[ \t]*|\x20)(?=[^\W\d_])\w+)?%?"
    r"|[$£€]\d+(?:[.,]\d+)*(?:bn|k)?%?"  # $61bn, £2,000
    r"|\[(?:\.\s?\.\s?\.|…)\]"  # [...] / […]
    r"|\.(?:\s?\.){2,}|…"  # ... / . . . / …
    rf"|\[\w{{1,3}}\]\w+(?:[{_APOSTROPHES}]\w+)*"  # [t]he: an editor's letter change inside a word
    r"|\[[^\[\]\n]{1,80}\]"  # [sic], [Russia]
)
_NUMBER_RE = re.compile(r"(\d+(?:[.,]\d+)*)(bn|k)?(%)?")
_APOSTROPHE_FOLD = str.maketrans({c: "'" for c in _APOSTROPHES})

_CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros"}
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_SUFFIX_SCALES = {"bn": 1_000_000_000, "k": 1_000}

# British → American spellings that no safe suffix rule covers (inflected forms listed where they differ).
_SPELLING: dict[str, str] = {
    "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
    "licence": "license", "licences": "licenses", "licenced": "licensed", "pretence": "pretense",
    "programme": "program", "programmes": "programs", "programmed": "programmed",
    "grey": "gray", "greys": "grays", "greyer": "grayer", "greyish": "grayish",
    "manoeuvre": "maneuver", "manoeuvres": "maneuvers", "manoeuvred": "maneuvered",
    "manoeuvring": "maneuvering", "manoeuvrable": "maneuverable",
    "catalogue": "catalog", "catalogues": "catalogs", "dialogue": "dialog", "dialogues": "dialogs",
    "analogue": "analog", "analogues": "analogs", "prologue": "prolog", "epilogue": "epilog",
    "tyre": "tire", "tyres": "tires", "cheque": "check", "cheques": "checks", "plough": "plow",
    "mould": "mold", "moulds": "molds", "mouldy": "moldy", "sceptic": "skeptic", "sceptics": "skeptics",
    "sceptical": "skeptical", "scepticism": "skepticism", "aeroplane": "airplane", "aeroplanes": "airplanes",
    "judgement": "judgment", "judgements": "judgments", "acknowledgement": "acknowledgment",
    "ageing": "aging", "paediatric": "pediatric", "anaesthetic": "anesthetic", "encyclopaedia": "encyclopedia",
    "haemorrhage": "hemorrhage", "oestrogen": "estrogen", "foetus": "fetus", "aluminium": "aluminum",
    "jewellery": "jewelry", "kerb": "curb", "pyjamas": "pajamas", "sulphur": "sulfur", "moustache": "mustache",
    "artefact": "artifact", "artefacts": "artifacts", "practise": "practice", "practised": "practiced",
    "practising": "practicing", "enrol": "enroll", "enrols": "enrolls", "enrolment": "enrollment",
    "fulfil": "fulfill", "fulfils": "fulfills", "fulfilment": "fulfillment", "instalment": "installment",
    "skilful": "skillful", "wilful": "willful", "distil": "distill", "centred": "centered",
    "centring": "centering", "meagre": "meager", "ochre": "ocher", "storey": "story", "storeys": "stories",
    "learnt": "learned", "spelt": "spelled", "dreamt": "dreamed", "spoilt": "spoiled", "whisky": "whiskey",
    "km": "kilometers", "kms": "kilometers", "dollar": "dollars", "euro": "euros", "percent": "percent",
    "timbre": "timbre",  # not "timber"
}
# Verbs that double a final l in British inflection (travelled/traveled).
for _base in ("travel", "cancel", "label", "model", "fuel", "signal", "counsel", "level", "marshal", "channel",
              "total", "quarrel", "dial", "duel", "equal", "jewel", "libel", "panel", "pedal", "rival", "shovel",
              "tunnel", "refuel", "unravel", "marvel", "funnel", "gravel", "snorkel", "swivel", "tassel",
              "yodel", "cudgel", "grovel", "initial", "spiral", "pencil", "barrel", "kennel", "handicap"):
    if _base.endswith("l"):
        for _suffix in ("ed", "ing", "er", "ers"):
            _SPELLING.setdefault(_base + "l" + _suffix, _base + _suffix)
_SPELLING["marvellous"] = "marvelous"
_SPELLING["equalled"] = "equaled"

_OUR_RE = re.compile(
    r"(colo|favo|hono|labo|behavio|neighbo|harbo|humo|rumo|vigo|valo|armo|endeavo|flavo|odo|savo|splendo|tumo"
    r"|vapo|clamo|cando|rigo|savio|parlo|ardo|fervo|glamo)ur"
)
_ISE_RE = re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers|able)$")
_YSE_RE = re.compile(r"^(\w{2,})ys(e|es|ed|ing|er|ers)$")
_TRE_RE = re.compile(r"^(\w{2,}[tb])re(s)?$")

_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")

# Every distinct match seen, mapped to its norm (plain words) or a tagged tuple (the words in _SPECIAL).
_CACHE: dict[str, object] = {}
_SPECIAL: set[str] = set()
_CACHE_MAX = 500_000
_NORM = itemgetter(0)


def fold_spelling(word: str) -> str:
    """The American spelling of a lower-case British word (colour → color, organise → organize), else the word."""
    hit = _SPELLING.get(word)
    if hit is not None:
        return hit
    if len(word) < 5:
        return word
    if "our" in word:
        word = _OUR_RE.sub(r"\1r", word)
    m = _ISE_RE.match(word)
    if m:
        return f"{m[1]}iz{m[2]}"
    m = _YSE_RE.match(word)
    if m:
        return f"{m[1]}yz{m[2]}"
    m = _TRE_RE.match(word)
    if m:
        return f"{m[1]}er{m[2] or ''}"
    return word


def _number_text(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _classify(w: str) -> object:
    """What one regex match stands for: a norm (str) for plain words, else a tagged tuple for the slow path."""
    c = w[0]
    if c == "[":
        inner = w[1:-1].strip()
        if inner in ("...", "…", ". . .", ".. .", ". .."):
            return ("el",)
        if w.find("]") < len(w) - 1:  # "[t]he": a letter the editor changed inside a word
            return fold_spelling(w.replace("[", "").replace("]", ""))
        words = [fold_spelling(x) for x in re.findall(r"[^\W_]+", inner)]
        if words == ["sic"] or not words:
            return ("drop",)
        return ("ins", INSERTION + " ".join(words) + "]")
    if c == "." or c == "…":
        return ("el",)
    if c.isdigit() or c in _CURRENCY:
        currency = _CURRENCY.get(c)
        m = _NUMBER_RE.fullmatch(w[1:] if currency else w)
        if m is None:  # "1990s", "5m", "covid19a": digit and letter runs as separate words
            runs = [(x.group(), x.start(), x.end()) for x in re.finditer(r"\d+|[^\W\d]+", w)]
            return ("multi", [(_plain(t) if not t[0].isdigit() else t, rs, re_) for t, rs, re_ in runs])
        body, suffix, percent = m[1], m[2], bool(m[3])
        scale = _SUFFIX_SCALES[suffix] if suffix else 1
        # "10,000" and "1,234,567" are thousands separators; a lone comma-decimal is not English copy.
        parts = re.split(r"[.,]", body)
        seps = re.findall(r"[.,]", body)
        if not seps:
            value = float(body)
        elif all(s == "," for s in seps) and all(len(p) == 3 for p in parts[1:]):
            value = float("".join(parts))
        elif seps.count(".") == 1 and all(s == "," for s in seps[:-1]) and seps[-1] == ".":
            value = float(body.replace(",", ""))
        else:
            value = None
        if value is None:
            return ("multi", [(p, 0, len(w)) for p in parts if p])
        return ("num", value * scale, currency, percent, scale != 1)
    if c == "c" and w == "cent":
        return ("cent",)
    if "-" in w:  # PDF hyphenation: join, unless the hyphen is a suspended compound ("pre- and post-war")
        head, _, tail = w.partition("-")
        rest = tail.lstrip()
        if rest in ("and", "or", "to", "nor"):
            return ("multi", [(_plain(head), 0, len(head)), (rest, len(w) - len(rest), len(w))])
        return _word(head + rest)
    return _word(w)


def _plain(w: str) -> str:
    r = _word(w)
    return r if isinstance(r, str) else w


def _word(w: str) -> object:
    w = w.translate(_APOSTROPHE_FOLD)
    if "\u00ad" in w:
        w = w.replace("\u00ad", "")
    if "[" in w:
        w = w.replace("[", "").replace("]", "")
    if w in _UNITS:
        return ("nw", _UNITS[w], False)
    if w in _SCALES:
        return ("nw", _SCALES[w], True)
    return fold_spelling(w)


def _prepare(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two (İ): fold one by one to keep offsets
        low = "".join(ch if len(lc := ch.lower()) != 1 else lc for ch in text)
    return low


def tokens(text: str) -> list[Token]:
    """Normalised word tokens ``(norm, start, end)`` of ``text``, offsets into ``text`` itself.

    Folds case, quote and apostrophe style, dashes and hyphens (a hyphen splits words; a PDF line-end hyphen
    joins them), British to American spelling, and numbers to digits ("ten thousand", "10,000", "10 thousand"
    → "10000"; "$61bn" → "61000000000" "dollars"; "12%" / "12 per cent" → "12" "percent"; "8-10,000" →
    "8000" "to" "10000"). Punctuation is dropped. Elisions become an ``ELISION`` token, bracketed insertions a
    token "[words]", ``[sic]`` nothing.
    """
    if len(text) > 100_000:
        # Millions of small tuples trigger the cyclic collector over and over; they hold no cycles.
        gc_was = gc.isenabled()
        gc.disable()
        try:
            return _tokens(text)
        finally:
            if gc_was:
                gc.enable()
    return _tokens(text)


def _tokens(text: str) -> list[Token]:
    low = _prepare(text)
    # One regex split gives gaps and words alternately; offsets are running sums of their lengths. Everything
    # per word below is a C-level map or dict look-up; only the rare special words go through Python.
    parts = _SPLIT_RE.split(low)
    words = parts[1::2]
    if not words:
        return []
    acc = list(accumulate(map(len, parts)))
    cache = _CACHE
    missing = set(words).difference(cache)
    if missing:
        if len(cache) + len(missing) > _CACHE_MAX:
            cache.clear()
            _SPECIAL.clear()
            missing = set(words)
        for w in missing:
            r = _classify(w)
            cache[w] = r
            if r.__class__ is not str:
                _SPECIAL.add(w)
    norms = list(map(cache.__getitem__, words))
    base = list(zip(norms, acc[0::2], acc[1::2]))
    special = list(compress(range(len(words)), map(_SPECIAL.__contains__, words)))
    if not special:
        return base
    out: list[Token] = []
    append = out.append
    numeric: list[int] = []
    numinfo: dict[int, tuple] = {}
    prev = 0
    for i in special:
        if i > prev:
            out.extend(base[prev:i])
        prev = i + 1
        r = norms[i]
        s, e = base[i][1], base[i][2]
        kind = r[0]
        if kind == "el":
            append((ELISION, s, e))
        elif kind == "ins":
            append((r[1], s, e))
        elif kind == "multi":
            for norm, rs, re_ in r[1]:
                append((norm, s + rs, s + re_))
        elif kind == "num":
            numeric.append(len(out))
            numinfo[len(out)] = r
            append((_number_text(r[1]), s + (1 if r[2] else 0), e - (1 if r[3] else 0)))
        elif kind == "cent":
            if out and out[-1][0] == "per" and low[out[-1][2]:s].isspace():
                append(("percent", out.pop()[1], e))
            else:
                append(("cent", s, e))
        elif kind == "nw":
            numeric.append(len(out))
            numinfo[len(out)] = r
            append((_number_text(r[1]), s, e))
        # "drop" ([sic]) adds nothing
    out.extend(base[prev:])
    if not numeric:
        return out
    return _merge_numbers(out, numeric, numinfo, low)


def _merge_numbers(toks: list[Token], numeric: list[int], numinfo: dict[int, tuple], low: str) -> list[Token]:
    """Fold number phrases into one token each, and spell out the signs and ranges around them."""
    out: list[Token] = []
    done = 0
    n = len(toks)
    last_number: int | None = None  # index in out of the last number emitted, for ranges
    for i in numeric:
        if i < done:
            continue
        out.extend(toks[done:i])
        info = numinfo[i]
        total = 0.0
        current = 0.0
        start = toks[i][1]
        end = toks[i][2]
        currency = info[2] if info[0] == "num" else None
        percent = info[3] if info[0] == "num" else False
        j = i
        if info[0] == "num":
            current = info[1]
            j = i + 1
            word_units = False
        else:
            if info[2]:  # a scale word first: "a thousand" means one thousand, so it takes the "a" along
                if out and out[-1][0] == "a" and low[out[-1][2]:start].isspace():
                    start = out.pop()[1]
                if info[1] == 100:
                    current = 100.0
                else:
                    total = float(info[1])
            else:
                current = float(info[1])
            j = i + 1
            word_units = True
        prev_end = end
        while j < n and not percent:
            gap = low[prev_end:toks[j][1]]
            nxt = numinfo.get(j)
            if nxt is None and toks[j][0] == "and" and gap.isspace() and j + 1 < n and current and current % 100 == 0 \
                    and numinfo.get(j + 1, ("",))[0] == "nw" and not numinfo[j + 1][2] \
                    and low[toks[j][2]:toks[j + 1][1]].isspace():
                j += 1  # "one hundred and fifty"
                prev_end = toks[j - 1][2]
                continue
            if nxt is None or nxt[0] != "nw" or not (gap.isspace() or (gap in _DASHES and word_units)):
                break
            value, is_scale = nxt[1], nxt[2]
            if is_scale:
                if value == 100:
                    current = (current or 1) * 100
                else:
                    total += (current or 1) * value
                    current = 0.0
            else:
                unit_ok = word_units and (
                    (current % 100 == 0 and current > 0 and value < 100)
                    or (20 <= current % 100 <= 90 and current % 10 == 0 and value < 10)
                    or (current == 0 and total > 0)
                )
                if not unit_ok:
                    break
                current += value
            end = toks[j][2]
            prev_end = end
            j += 1
        value = total + current
        norm = _number_text(value)
        # A range written with a dash: "8-10,000" means 8,000 to 10,000.
        if out and out[-1][0][:1].isdigit() and low[out[-1][2]:start] in _DASHES and last_number == len(out) - 1:
            left = out.pop()
            try:
                lv = float(left[0])
            except ValueError:
                lv = None
            if lv is not None and value >= 1000:
                mag = 1000
                while value % (mag * 1000) == 0 and value // (mag * 1000) > lv:
                    mag *= 1000
                if value % mag == 0 and 0 < lv < value // mag:
                    lv *= mag
            out.append((_number_text(lv) if lv is not None else left[0], left[1], left[2]))
            out.append(("to", left[2], start))
        out.append((norm, start, end))
        last_number = len(out) - 1
        if currency:
            sign = start - 1
            out.append((currency, sign, sign + 1))
        if percent:
            out.append(("percent", end, end + 1))
        done = j
    out.extend(toks[done:])
    return out


def is_marker(norm: str) -> bool:
    """True for an elision or a bracketed-insertion token."""
    return norm[:1] in (ELISION, INSERTION)


def is_number(norm: str) -> bool:
    """True for a token that is a number (numbers are normalised to digits)."""
    return norm[:1].isdigit()


def normalise_text(text: str, markers: bool = False) -> str:
    """The space-joined norms of ``text``'s tokens; elision and insertion markers only when ``markers`` is True."""
    gc_was = gc.isenabled()
    gc.disable()  # see tokens(): the tuples hold no cycles
    try:
        norms = list(map(_NORM, _tokens(text)))
    finally:
        if gc_was:
            gc.enable()
    joined = " ".join(norms)
    if markers or (ELISION not in joined and INSERTION not in joined):
        return joined
    return " ".join([n for n in norms if n[:1] not in (ELISION, INSERTION)])


def word_runs(toks: list[Token]) -> list[list[Token]]:
    """The runs of word tokens between markers (elisions and insertions), non-empty, in order: a quote's seeds."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for t in toks:
        if t[0][:1] in (ELISION, INSERTION):
            if run:
                runs.append(run)
            run = []
        else:
            run.append(t)
    if run:
        runs.append(run)
    return runs
