"""Offsets to 1-based ``line:column`` (Unicode code points), from a table of line starts built once."""

from __future__ import annotations

import re
from bisect import bisect_right

from attrib.models import Location, Span

_NEWLINE = re.compile("\n")


class LineIndex:
    """Maps code-point offsets in ``text`` to lines and columns.

    A line ends after its ``\\n``; in a ``\\r\\n`` ending the ``\\r`` is the last character of the line before, so
    CRLF files count lines exactly as LF files do.
    """

    def __init__(self, text: str) -> None:
        self.text_length = len(text)
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at ``offset`` (an offset past the end clamps to it)."""
        offset = max(0, min(offset, self.text_length))
        line = bisect_right(self.line_starts, offset)  # 1-based: index of the line's start + 1
        return line, offset - self.line_starts[line - 1] + 1

    def location(self, span: Span) -> Location:
        """Where ``span`` starts, and where its last character (``end - 1``) is; an empty span ends where it starts."""
        line, column = self.line_column(span.start)
        if span.end > span.start:
            end_line, end_column = self.line_column(span.end - 1)
        else:
            end_line, end_column = line, column
        return Location(line=line, column=column, end_line=end_line, end_column=end_column)
