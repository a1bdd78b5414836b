"""attrib's exceptions. Each seam raises its own subclass, carrying the file (and line) it is about::

    AttribError                  anything attrib reports as a one-line error, exit 2
    ├── InputError               an article that cannot be read (missing, binary, not UTF-8, too large, unknown type)
    ├── RegistryError            sources.yaml is invalid; ``problems`` holds every "file:line:col: message"
    ├── DocumentError            a recorded or local source document cannot be read or parsed
    ├── FetchError               recording a source failed (never raised by ``attrib check``)
    ├── ConfigError              attrib.toml / [tool.attrib] is invalid
    └── GitError                 --diff could not ask git for changed lines

The CLI catches ``AttribError`` in one place and prints ``str(error)``; anything else is a bug.
"""

from __future__ import annotations


class AttribError(Exception):
    """Base of every error attrib reports to the user as one line."""


class InputError(AttribError):
    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


class RegistryError(AttribError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class DocumentError(AttribError):
    def __init__(self, document_id: str, message: str) -> None:
        self.document_id = document_id
        self.message = message
        super().__init__(f"{document_id}: {message}")


class FetchError(AttribError):
    pass


class ConfigError(AttribError):
    pass


class GitError(AttribError):
    pass
