"""Recorded source documents: one VCR.py-shaped YAML file per document in ``cassettes/<document-id>.yaml``.

The shape is VCR.py's (``interactions`` of ``request`` and ``response``, ``version: 1``), so the files replay with
the common test tools. attrib adds, inside each response, ``url`` (the final URL after redirects),
``recorded_at`` and ``sha256`` (of the body bytes). Text bodies are stored decoded; binary bodies (PDF) as
``!!binary`` base64, as VCR.py stores them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from attrib.errors import DocumentError

# Headers worth keeping: what the body is and when it changed. Never cookies, auth or volatile CDN headers.
KEPT_HEADERS = ("content-type", "content-language", "last-modified", "etag", "content-length")


@dataclass(frozen=True)
class Recording:
    """One recorded response, as attrib reads it back."""

    document_id: str
    request_url: str
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    recorded_at: dt.datetime
    sha256: str
    request_headers: dict[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return "utf-8"


def cassette_path(root: str | os.PathLike[str], document_id: str) -> Path:
    """Where a document's cassette lives: ``cassettes/<id>.yaml`` beside the ``sources.yaml`` at ``root``."""
    return Path(root) / "cassettes" / f"{document_id}.yaml"


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.width = 4096
    return yaml


def _is_text(content_type: str) -> bool:
    return content_type.startswith("text/") or content_type in ("application/xhtml+xml", "application/xml")


def write_cassette(path: str | os.PathLike[str], recording: Recording) -> None:
    """Write through a temp file in the same folder and rename, so a failure never leaves a partial cassette."""
    path = Path(path)
    if _is_text(recording.content_type):
        body: object = recording.body.decode(recording.charset, errors="replace")
    else:
        body = recording.body  # ruamel emits bytes as !!binary base64
    data = {
        "interactions": [
            {
                "request": {
                    "body": None,
                    "headers": {k: [v] for k, v in recording.request_headers.items()},
                    "method": "GET",
                    "uri": recording.request_url,
                },
                "response": {
                    "status": {"code": recording.status, "message": _reason(recording.status)},
                    "headers": {k: [v] for k, v in recording.headers.items()},
                    "body": {"string": body},
                    "url": recording.url,
                    "recorded_at": recording.recorded_at.isoformat(),
                    "sha256": recording.sha256,
                },
            }
        ],
        "version": 1,
    }
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(buffer.getvalue())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_cassette(path: str | os.PathLike[str], document_id: str) -> Recording:
    """Read a cassette back; the body is returned as the bytes that were recorded (text re-encoded as UTF-8)."""
    path = Path(path)
    try:
        data = _yaml().load(path.read_text(encoding="utf-8"))
        response = data["interactions"][-1]["response"]
        request = data["interactions"][-1]["request"]
        headers = {k.lower(): (v[0] if isinstance(v, list) else str(v)) for k, v in (response.get("headers") or {}).items()}
        raw = response["body"]["string"]
        if isinstance(raw, str):
            body = raw.encode("utf-8")
            if "content-type" in headers and "charset=" in headers["content-type"]:
                base = headers["content-type"].split(";")[0].strip()
                headers["content-type"] = f"{base}; charset=utf-8"
        else:
            body = bytes(raw)
        recorded = response.get("recorded_at")
        recorded_at = dt.datetime.fromisoformat(str(recorded)) if recorded else dt.datetime.fromtimestamp(0, dt.UTC)
        return Recording(
            document_id=document_id,
            request_url=str(request.get("uri", "")),
            url=str(response.get("url") or request.get("uri", "")),
            status=int(response["status"]["code"]),
            headers=headers,
            body=body,
            recorded_at=recorded_at,
            sha256=str(response.get("sha256") or hashlib.sha256(body).hexdigest()),
            request_headers={k: (v[0] if isinstance(v, list) else str(v)) for k, v in (request.get("headers") or {}).items()},
        )
    except FileNotFoundError:
        raise DocumentError(document_id, f"not recorded (run `attrib sources fetch {document_id}`)") from None
    except (OSError, KeyError, IndexError, TypeError, ValueError) as error:
        raise DocumentError(document_id, f"{path}: cassette cannot be read ({error})") from error
    except Exception as error:  # ruamel's YAMLError family
        if type(error).__module__.startswith("ruamel"):
            raise DocumentError(document_id, f"{path}: cassette is not valid YAML ({error})") from error
        raise


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
