"""Shared test set-up: the documents' fixture registry is importable as ``documents_support``, and every test
starts with an empty resolver cache, so one test's registry never answers for another's."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "documents_support", Path(__file__).parent / "fixtures" / "documents" / "support.py"
)
documents_support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(documents_support)  # type: ignore[union-attr]
sys.modules["documents_support"] = documents_support


@pytest.fixture(autouse=True)
def _fresh_resolver_cache(monkeypatch):
    import attrib.voices

    monkeypatch.setattr(attrib.voices, "_RESOLVERS", {})
