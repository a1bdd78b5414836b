"""Date expressions in article text ("12 November 2024", "last week", "in mid-October"), resolved against the article's date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from attrib.models import DateRange, Span

# Month and weekday names are matched case-sensitively (capitalised), so that "may", "march" and "sat" as
# ordinary words are not dates.
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}

_MONTH_RE = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|Jun(?:e|\.)?|Jul(?:y|\.)?|Aug(?:ust|\.)?"
    r"|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![\w])"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR_RE = r"(?:19|20)\d\d(?![\d-])"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_WS = r"[ \t\u00a0]+"  # a date never spans a line break
_DASH = r"\s*[-\u2013\u2014]\s*"
_QUALIFIER = (
    r"(?P<q>(?i:early|late|mid|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of"
    r"|end\s+of|start\s+of|beginning\s+of))"
)


def _g(name: str, pattern: str) -> str:
    return f"(?P<{name}>{pattern})"


# An optional weekday before a full date ("Monday, 12 November") belongs to the date.
_WD_PREFIX = rf"(?:{_WEEKDAY_RE},?{_WS})?"
_ON = rf"(?:(?i:on|as\s+of){_WS})?"
_IN = rf"(?:(?i:in|during|throughout){_WS})"


def parse_iso(s: str) -> dt.date:
    """``YYYY-MM-DD`` (a full ISO timestamp is cut to its date) → date; ValueError says what was expected."""
    value = str(s).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", value)
    if not m:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD, e.g. 2024-11-12)")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise ValueError(f"not a date: {value!r} ({exc})") from None


# --------------------------------------------------------------------------------------------------------------
# Calendar helpers


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _weekday(name: str) -> int:
    return _WEEKDAYS[name[:3].lower()]


def _day(token: str) -> int:
    return int(re.match(r"\d+", token)[0])  # type: ignore[index]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _recent_day(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The most recent ``day month`` on or before ``anchor`` (29 February looks back to a leap year)."""
    for year in range(anchor.year, anchor.year - 9, -1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= anchor:
            return candidate
    return None


def _recent_month_year(month: int, anchor: dt.date, *, strictly_before: bool = False) -> int:
    if month < anchor.month or (month == anchor.month and not strictly_before):
        return anchor.year
    return anchor.year - 1


def _month_part(year: int, month: int, qualifier: str | None) -> tuple[dt.date, dt.date]:
    """The whole month, or its early (1–10), middle (11–20) or late (21–end) part."""
    end = _month_end(year, month)
    q = re.sub(r"\s+", " ", qualifier or "").lower()
    if q in ("early", "the start of", "start of", "the beginning of", "beginning of"):
        return dt.date(year, month, 1), dt.date(year, month, 10)
    if q in ("mid", "the middle of"):
        return dt.date(year, month, 11), dt.date(year, month, 20)
    if q in ("late", "the end of", "end of"):
        return dt.date(year, month, 21), end
    return dt.date(year, month, 1), end


def _year_part(year: int, qualifier: str | None) -> tuple[dt.date, dt.date]:
    q = (qualifier or "").lower()
    if q == "early":
        return dt.date(year, 1, 1), dt.date(year, 4, 30)
    if q == "mid":
        return dt.date(year, 5, 1), dt.date(year, 8, 31)
    if q == "late":
        return dt.date(year, 9, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _previous_month(day: dt.date, n: int = 1) -> tuple[int, int]:
    index = day.year * 12 + (day.month - 1) - n
    return index // 12, index % 12 + 1


# --------------------------------------------------------------------------------------------------------------
# Rules: a regular expression and a resolver returning (start, end), None for "not a date after all", or
# the string "unresolved" when the expression needs an anchor and there is none.

Resolved = tuple[dt.date, dt.date] | None
_UNRESOLVED = "unresolved"


def _day_month_year(m: re.Match[str], anchor: dt.date | None) -> Resolved | str:
    month, day = _month(m["m"]), _day(m["d"])
    if m["y"]:
        d = _safe_date(int(m["y"]), month, day)
        return (d, d) if d else None
    if _safe_date(2024, month, day) is None:  # 2024 is a leap year: only truly impossible days fail
        return None
    if anchor is None:
        return _UNRESOLVED
    d = _recent_day(month, day, anchor)
    return (d, d) if d else None


def _range_days(m: re.Match[str], anchor: dt.date | None) -> Resolved | str:
    """``between 1 and 5 November [2024]``, ``1–5 November``, ``between November 1 and 5``, ``1 October and 5 November``."""
    month2 = _month(m["m2"])
    month1 = _month(m["m1"]) if m["m1"] else month2
    d1, d2 = _day(m["d1"]), _day(m["d2"])
    if m["y"]:
        year2 = int(m["y"])
    elif anchor is None:
        return _UNRESOLVED
    else:
        end_guess = _recent_day(month2, d2, anchor)
        if end_guess is None:
            return None
        year2 = end_guess.year
    year1 = year2 if (month1, d1) <= (month2, d2) else year2 - 1
    start, end = _safe_date(year1, month1, d1), _safe_date(year2, month2, d2)
    if start is None or end is None or end < start:
        return None
    return start, end


def _iso(m: re.Match[str], anchor: dt.date | None) -> Resolved | str:
    d = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return (d, d) if d else None


def _month_year(m: re.Match[str], anchor: dt.date | None) -> Resolved | str:
    return _month_part(int(m["y"]), _month(m["m"]), m["q"])


def _month_alone(m: re.Match[str], anchor: dt.date | None) -> Resolved | str:
    if not (m["pre"] or m["last"] or m["q"]):
        return None  # a bare month name ("March", "May") is too often a word or a name
    if anchor is None:
        return _UNRESOLVED
    month = _month(m["m"])
    year = _recent_month_year(month, anchor, strictly_before=bool(m["last"]))
    return _month_part(year, month, m["q"])


def _year(m: re.Match[str], anchor: dt.date | None) -> Resolved | str:
    q = m["q"]
    return _year_part(int(m["y"]), q.lower() if q else None)


def _weekday_rel(m: re.Match[str], anchor: dt.date | None) -> Resolved | str:
    if anchor is None:
        return _UNRESOLVED
    target = _weekday(m["wd"])
    which = " ".join((m["which"] or "").lower().split())
    if which == "next":
        delta = (target - anchor.weekday()) % 7 or 7
        d = anchor + dt.timedelta(days=delta)
    else:
        # "last Tuesday" is strictly before the anchor; a bare "on Tuesday" in a Tuesday article is that day.
        delta = (anchor.weekday() - target) % 7
        if delta == 0 and which in ("last", "past", "this past"):
            delta = 7
        d = anchor - dt.timedelta(days=delta)
    return d, d


def _relative(m: re.Match[str], anchor: dt.date | None) -> Resolved | str:
    if anchor is None:
        return _UNRESOLVED
    phrase = re.sub(r"\s+", " ", m["rel"]).lower()
    day = dt.timedelta(days=1)
    if phrase in ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today"):
        return anchor, anchor
    if phrase == "yesterday":
        return anchor - day, anchor - day
    if phrase == "last night":
        return anchor - day, anchor
    if phrase == "last week":
        return _week_of(anchor - dt.timedelta(days=7))
    if phrase in ("this week", "earlier this week"):
        monday = _week_of(anchor)[0]
        return monday, anchor
    if phrase in ("this past week", "the past week", "over the past week"):
        return anchor - dt.timedelta(days=6), anchor
    if phrase == "last month":
        y, mo = _previous_month(anchor)
        return dt.date(y, mo, 1), _month_end(y, mo)
    if phrase in ("this month", "earlier this month"):
        return anchor.replace(day=1), anchor
    if phrase == "last year":
        return _year_part(anchor.year - 1, None)
    if phrase in ("this year", "earlier this year"):
        return dt.date(anchor.year, 1, 1), anchor
    return None


def _ago(m: re.Match[str], anchor: dt.date | None) -> Resolved | str:
    if anchor is None:
        return _UNRESOLVED
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = m["unit"].lower()
    if unit == "day":
        d = anchor - dt.timedelta(days=n)
        return d, d
    if unit == "week":
        return _week_of(anchor - dt.timedelta(days=7 * n))
    if unit == "month":
        y, mo = _previous_month(anchor, n)
        return dt.date(y, mo, 1), _month_end(y, mo)
    return _year_part(anchor.year - n, None)


_NUMBER = r"(?:\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)"

_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], dt.date | None], Resolved | str]]] = [
    (
        re.compile(
            rf"\b(?:(?i:between|from){_WS})?{_g('d1', _DAY_RE)}(?:{_WS}(?:(?i:of){_WS})?{_g('m1', _MONTH_RE)})?"
            rf"(?:{_WS}(?i:and|to|until|through){_WS}|{_DASH}){_g('d2', _DAY_RE)}{_WS}(?:(?i:of){_WS})?{_g('m2', _MONTH_RE)}"
            rf"(?:,?{_WS}{_g('y', _YEAR_RE)})?"
        ),
        _range_days,
    ),
    (
        re.compile(
            rf"\b(?:(?i:between|from){_WS})?{_g('m1', _MONTH_RE)}{_WS}{_g('d1', _DAY_RE)}"
            rf"(?:{_WS}(?i:and|to|until|through){_WS}|{_DASH})(?:{_g('m2', _MONTH_RE)}{_WS})?{_g('d2', _DAY_RE)}"
            rf"(?:,?{_WS}{_g('y', _YEAR_RE)})?"
        ),
        lambda m, a: _range_days(_MonthFirst(m), a),
    ),
    (
        re.compile(
            rf"\b{_ON}{_WD_PREFIX}(?:(?i:the){_WS})?{_g('d', _DAY_RE)}{_WS}(?:(?i:of){_WS})?{_g('m', _MONTH_RE)}"
            rf"(?:,?{_WS}{_g('y', _YEAR_RE)})?"
        ),
        _day_month_year,
    ),
    (
        re.compile(
            rf"\b{_ON}{_WD_PREFIX}{_g('m', _MONTH_RE)}{_WS}{_g('d', _DAY_RE)}(?!\s*[:.]\d)"
            rf"(?:,?{_WS}{_g('y', _YEAR_RE)})?"
        ),
        _day_month_year,
    ),
    (
        re.compile(rf"\b{_ON}(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
        _iso,
    ),
    (
        re.compile(rf"\b{_IN}?(?:{_QUALIFIER}[- ]?(?:{_WS})?)?{_g('m', _MONTH_RE)},?{_WS}(?:(?i:of){_WS})?{_g('y', _YEAR_RE)}"),
        _month_year,
    ),
    (
        re.compile(
            rf"\b(?:(?P<pre>{_IN})|(?P<last>(?i:last)){_WS})?"
            rf"(?:{_QUALIFIER}[- ]?(?:{_WS})?)?{_g('m', _MONTH_RE)}"
        ),
        _month_alone,
    ),
    (
        re.compile(
            rf"\b(?:{_IN}(?:(?P<q>(?i:early|mid|late))[- ]?(?:{_WS})?)?|(?P<q2>(?i:early|mid|late))[- ]?(?:{_WS})?)"
            rf"{_g('y', _YEAR_RE)}(?![.,]\d|\u2013|%)"
        ),
        lambda m, a: _year(_QualifiedYear(m), a),
    ),
    (
        re.compile(
            rf"\b(?:(?P<which>(?i:on|last|this\s+past|this|past|next)){_WS})?{_g('wd', _WEEKDAY_RE)}{_PART_OF_DAY}",
        ),
        _weekday_rel,
    ),
    (
        re.compile(
            r"(?i:\b(?P<rel>earlier\s+today|today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|last\s+night"
            r"|(?:earlier\s+)?this\s+week|last\s+week|(?:over\s+)?this\s+past\s+week"
            r"|(?:over\s+)?the\s+past\s+week|last\s+month|(?:earlier\s+)?this\s+month|last\s+year|(?:earlier\s+)?this\s+year)\b)"
        ),
        _relative,
    ),
    (
        re.compile(rf"(?i:\b(?P<n>{_NUMBER}){_WS}(?P<unit>day|week|month|year)s?{_WS}ago\b)"),
        _ago,
    ),
]


class _MonthFirst:
    """Adapts a ``November 1–5`` match to the ``1–5 November`` resolver (the second month defaults to the first)."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def __getitem__(self, key: str) -> str | None:
        if key == "m2":
            return self._m["m2"] or self._m["m1"]
        return self._m[key]


class _QualifiedYear:
    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def __getitem__(self, key: str) -> str | None:
        if key == "q":
            return self._m["q"] or self._m["q2"]
        return self._m[key]


def find_dates(text: str, start: int = 0, end: int | None = None, anchor: dt.date | None = None) -> list[DateRange]:
    """Every date expression in ``text[start:end]``, longest first where they overlap, in document order.

    Spans are offsets into ``text``. With ``anchor`` (the article's date) relative expressions resolve; without
    one they come back with ``start``/``end`` ``None`` and their words kept. Today's clock is never read.
    """
    if end is None:
        end = len(text)
    window = text[start:end]
    if not window or not _MAY_HOLD_DATE.search(window):
        return []
    candidates: list[tuple[int, int, DateRange]] = []
    for pattern, resolve in _RULES:
        for m in pattern.finditer(window):
            if m.end() == m.start():
                continue
            result = resolve(m, anchor)
            if result is None:
                continue
            words = m.group(0)
            s, e = start + m.start(), start + m.end()
            span = Span(start=s, end=e)
            if result == _UNRESOLVED:
                candidates.append((s, e, DateRange(text=words, span=span)))
            else:
                first, last = result  # type: ignore[misc]
                candidates.append((s, e, DateRange(start=first, end=last, text=words, span=span)))
    # Longest expression wins an overlap ("between 1 and 5 November" over "5 November").
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, DateRange]] = []
    for s, e, rng in candidates:
        if all(e <= ts or s >= te for ts, te, _ in taken):
            taken.append((s, e, rng))
    taken.sort(key=lambda c: c[0])
    return [rng for _, _, rng in taken]


# A cheap screen: most sentences carry no date at all, so skip the rule set when none of its anchoring words
# (a digit, a month or weekday name, or a relative word) occurs.
_MAY_HOLD_DATE = re.compile(
    r"\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
    r"|(?i:today|tonight|yesterday|week|month|year|night|morning|afternoon|evening|day)"
)
