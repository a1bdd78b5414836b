"""LineIndex: offsets to 1-based line:column in code points, checked against a naive count."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from attrib.models import Location, Span
from attrib.positions import LineIndex


def naive(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def test_first_character_is_line_one_column_one():
    assert LineIndex("abc").location(Span(start=0, end=1)) == Location(line=1, column=1, end_line=1, end_column=1)


def test_end_points_at_the_last_character_of_the_span():
    text = "one\ntwo three\nfour"
    span = Span(start=text.index("two"), end=text.index("three") + 5)
    assert LineIndex(text).location(span) == Location(line=2, column=1, end_line=2, end_column=9)


def test_span_across_lines():
    text = "alpha\nbeta\ngamma"
    span = Span(start=2, end=text.index("gamma") + 2)
    assert LineIndex(text).location(span) == Location(line=1, column=3, end_line=3, end_column=2)


def test_empty_span_ends_where_it_starts():
    assert LineIndex("ab\ncd").location(Span(start=4, end=4)) == Location(line=2, column=2, end_line=2, end_column=2)


def test_columns_count_code_points_not_bytes():
    text = "Ukraine’s “gains” — 😀 said"
    offset = text.index("said")
    assert LineIndex(text).location(Span(start=offset, end=offset + 4)).column == offset + 1


def test_crlf_is_one_line_ending_and_the_cr_belongs_to_the_line_before():
    text = "ab\r\ncd"
    index = LineIndex(text)
    assert index.line_column(2) == (1, 3)  # the \r
    assert index.line_column(3) == (1, 4)  # the \n
    assert index.line_column(4) == (2, 1)  # c


def test_offset_at_end_of_text():
    assert LineIndex("ab\n").line_column(3) == (2, 1)


@given(st.text(alphabet=st.sampled_from("ab \n\r’😀"), max_size=60), st.data())
def test_location_agrees_with_a_naive_count(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    loc = LineIndex(text).location(Span(start=start, end=end))
    assert (loc.line, loc.column) == naive(text, start)
    assert (loc.end_line, loc.end_column) == (naive(text, end - 1) if end > start else naive(text, start))
