"""Misquote reasons name the words that make the difference, not only the class."""

from __future__ import annotations

from attrib.models import DiffOp
from attrib.verify import _class_detail


def ops(*items: tuple[str, str, str]) -> list[DiffOp]:
    return [DiffOp(op=op, claim=claim, source=source) for op, claim, source in items]


def test_dropped_hedge_is_named():
    diff = ops(("equal", "we moved", "we moved"), ("delete", "", "at least"), ("equal", "4,000 troops", "4,000 troops"))
    assert _class_detail("hedge-changed", diff) == "hedge dropped (“at least”)"


def test_added_hedge_is_named():
    diff = ops(("equal", "the convoy", "the convoy"), ("insert", "about", ""), ("equal", "40 trucks", "40 trucks"))
    assert _class_detail("hedge-changed", diff) == "hedge added (“about”)"


def test_flipped_negation_says_which_way():
    assert _class_detail("negation-flipped", ops(("delete", "", "not"))) == "negation dropped (“not”)"
    assert _class_detail("negation-flipped", ops(("insert", "never", ""))) == "negation added (“never”)"


def test_changed_number_shows_record_then_article():
    diff = ops(("equal", "we sent", "we sent"), ("replace", "several", "a couple"), ("equal", "thousand", "thousand"))
    assert _class_detail("number-changed", diff) == "number changed (“a couple” → “several”)"


def test_added_and_omitted_words_are_quoted():
    assert _class_detail("words-added", ops(("insert", "cruise", ""))) == "words added (“cruise”)"
    assert _class_detail("words-omitted", ops(("delete", "", "by road"))) == "words omitted (“by road”)"


def test_classes_without_words_fall_back_to_the_class():
    assert _class_detail("word-order", ops(("equal", "a b", "a b"))) == "word order changed"
