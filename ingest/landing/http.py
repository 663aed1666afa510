"""HTTP with the manners a nightly job needs: timeouts, retries with backoff, streaming,
conditional requests and a checksum of every byte received."""

from __future__ import annotations

import hashlib
import re
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import requests
import urllib3
from requests.adapters import HTTPAdapter
from tqdm import tqdm
from urllib3.util.retry import Retry

from ingest.errors import env_number

RETRY_STATUSES = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class HttpSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 120.0
    """Seconds without a byte, in the headers or in the middle of a body, before the attempt is retried."""
    retries: int = 4
    backoff: float = 1.0
    """Seconds before the first retry; doubles each time."""
    progress: bool = True
    """Progress bars on a terminal (``stormwater -q`` turns them off)."""

    @classmethod
    def from_env(cls) -> HttpSettings:
        """``STORMWATER_HTTP_RETRIES``, ``_BACKOFF``, ``_TIMEOUT`` (read) and ``_CONNECT_TIMEOUT``."""
        return cls(
            connect_timeout=env_number("STORMWATER_HTTP_CONNECT_TIMEOUT", cls.connect_timeout, minimum=0.001),
            read_timeout=env_number("STORMWATER_HTTP_TIMEOUT", cls.read_timeout, minimum=0.001),
            retries=int(env_number("STORMWATER_HTTP_RETRIES", cls.retries, kind=int)),
            backoff=env_number("STORMWATER_HTTP_BACKOFF", cls.backoff),
        )


def session(settings: HttpSettings) -> requests.Session:
    """A session that retries connection errors and 429/5xx answers with exponential backoff."""
    retry = Retry(
        total=settings.retries,
        connect=settings.retries,
        read=settings.retries,
        status=settings.retries,
        backoff_factor=settings.backoff,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        raise_on_status=False,
        respect_retry_after_header=True,
    )
    s = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    s.headers["User-Agent"] = "stormwater-warehouse/0.1 (+https://github.com/stormwater-warehouse)"
    return s


class DownloadFailed(Exception):
    pass


@dataclass(frozen=True)
class Download:
    not_modified: bool
    sha256: str = ""
    bytes: int = 0
    etag: str | None = None
    last_modified: str | None = None


class _BodyBroke(Exception):
    """The body stopped before its end (cut short, reset, or silent past the read timeout)."""


def fetch(
    s: requests.Session,
    url: str,
    dest: Path,
    settings: HttpSettings,
    conditional: Mapping[str, str | None] | None = None,
    label: str = "",
) -> Download:
    """Stream ``url`` into ``dest``, hashing as it goes.

    ``conditional`` may carry the ``etag`` and ``last_modified`` of the previous landing; a
    304 answer returns ``not_modified``. A body that breaks off (fewer bytes than
    Content-Length, a reset connection, or no byte for ``read_timeout`` seconds) is retried
    with backoff: from where it stopped with a ``Range`` request when the server advertised
    ``Accept-Ranges: bytes`` and a strong validator (sent as ``If-Range``), else from the
    start. The sha256 covers every byte of the final file.
    """
    first: dict[str, str] = {}
    if conditional:
        if conditional.get("etag"):
            first["If-None-Match"] = str(conditional["etag"])
        if conditional.get("last_modified"):
            first["If-Modified-Since"] = str(conditional["last_modified"])
    state = _Partial(dest)
    last_error = ""
    for attempt in range(settings.retries + 1):
        if attempt:
            time.sleep(settings.backoff * 2 ** (attempt - 1))
        try:
            return _attempt(s, url, state, settings, state.resume_headers() or first, label)
        except _BodyBroke as exc:
            last_error = str(exc)
        except requests.exceptions.RequestException as exc:
            # Before the body: connection errors and timeouts were already retried by the adapter.
            raise DownloadFailed(f"cannot download {url}: {describe(exc)}") from exc
    raise DownloadFailed(f"download failed after {settings.retries + 1} attempts: {last_error}")


class _Partial:
    """What has been received so far, and whether the server lets us ask for the rest."""

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self.have = 0
        self.digest = hashlib.sha256()
        self.total: int | None = None
        self.etag: str | None = None
        self.last_modified: str | None = None
        self.validator: str | None = None
        """ETag (strong only) or Last-Modified of the full answer, when it accepts byte ranges."""

    def resume_headers(self) -> dict[str, str]:
        if not (self.have and self.validator):
            return {}
        return {"Range": f"bytes={self.have}-", "If-Range": self.validator}

    def restart(self, r: requests.Response) -> None:
        self.have, self.digest = 0, hashlib.sha256()
        self.etag, self.last_modified = r.headers.get("ETag"), r.headers.get("Last-Modified")
        length = r.headers.get("Content-Length", "")
        self.total = int(length) if length.isdigit() else None
        etag = r.headers.get("ETag")
        strong = etag if etag and not etag.startswith("W/") else None
        ranges = r.headers.get("Accept-Ranges", "").lower() == "bytes"
        self.validator = (strong or r.headers.get("Last-Modified")) if ranges else None


def _attempt(s: requests.Session, url: str, state: _Partial, settings: HttpSettings, headers: dict[str, str],
             label: str) -> Download:
    with s.get(url, headers=headers, stream=True, timeout=(settings.connect_timeout, settings.read_timeout)) as r:
        if r.status_code == 304 and "Range" not in headers:
            return Download(not_modified=True)
        if r.status_code >= 400 or r.status_code == 304:
            raise DownloadFailed(f"HTTP {r.status_code} from {url}")
        resumed = r.status_code == 206 and r.headers.get("Content-Range", "").startswith(f"bytes {state.have}-")
        if r.status_code == 206 and not resumed:
            state.have, state.validator = 0, None  # not the range asked for: next time, everything
            raise _BodyBroke(f"unexpected Content-Range {r.headers.get('Content-Range')!r}")
        if not resumed:
            state.restart(r)  # a full answer (the file changed, or no ranges): start over
        try:
            with state.dest.open("ab" if resumed else "wb") as fh, tqdm(
                total=state.total, initial=state.have, unit="B", unit_scale=True, unit_divisor=1024,
                desc=f"download {label}", disable=not (settings.progress and sys.stderr.isatty()), leave=False,
            ) as bar:
                # read1: whatever has arrived, so a stall keeps the bytes before it (iter_content
                # would drop a partly filled chunk when the read times out).
                while chunk := r.raw.read1(1 << 20, decode_content=True):
                    fh.write(chunk)
                    state.digest.update(chunk)
                    state.have += len(chunk)
                    bar.update(len(chunk))
        except (urllib3.exceptions.HTTPError, requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise _BodyBroke(f"{describe(exc)} after {state.have} bytes") from exc
        if state.total is not None and state.have != state.total:
            raise _BodyBroke(f"truncated download: {state.have} of {state.total} bytes")
        return Download(False, state.digest.hexdigest(), state.have, state.etag, state.last_modified)


def describe(exc: BaseException) -> str:
    """A requests/urllib3 error in a few words: which host could not be reached and why, a
    timeout, or a body cut short."""
    text = " ".join(str(exc).split()) if str(exc) else type(exc).__name__
    host = re.search(r"host='([^']+)', port=(\d+)", text)
    where = f"{host.group(1)}:{host.group(2)}" if host else ""
    if isinstance(exc, requests.exceptions.ConnectTimeout) or "ConnectTimeout" in text:
        return f"no answer from {where or 'the server'} (connect timeout)"
    if isinstance(exc, requests.exceptions.Timeout | urllib3.exceptions.TimeoutError) or "timed out" in text:
        return "read timeout (the server stopped sending)"
    if "IncompleteRead" in text or "truncated" in text or "Connection broken" in text:
        return f"truncated download ({text[:160]})"
    for pattern, reason in (("Name or service not known|getaddrinfo failed|nodename nor servname", "unknown host"),
                            ("Connection refused", "connection refused"),
                            ("Network is unreachable", "network unreachable"),
                            ("No route to host", "no route to host")):
        if re.search(pattern, text):
            return f"cannot reach {where or 'the server'} ({reason})"
    return text[:200]


def get_json(s: requests.Session, url: str, settings: HttpSettings) -> object:
    try:
        r = s.get(url, timeout=(settings.connect_timeout, settings.read_timeout))
    except requests.exceptions.RequestException as exc:
        reason = describe(exc)
        raise DownloadFailed(reason if reason.startswith("cannot reach") else f"cannot reach {url}: {reason}") from exc
    if r.status_code >= 400:
        raise DownloadFailed(f"HTTP {r.status_code} from {url}")
    try:
        return r.json()
    except ValueError as exc:
        raise DownloadFailed(f"{url} did not return JSON") from exc


def sha256_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
