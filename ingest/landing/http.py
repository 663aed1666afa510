"""HTTP with the manners a nightly job needs: timeouts, retries with backoff, streaming,
conditional requests and a checksum of every byte received."""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from tqdm import tqdm
from urllib3.util.retry import Retry

RETRY_STATUSES = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class HttpSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 120.0
    retries: int = 4
    backoff: float = 1.0
    """Seconds before the first retry; doubles each time."""

    @classmethod
    def from_env(cls) -> HttpSettings:
        return cls(
            retries=int(os.environ.get("STORMWATER_HTTP_RETRIES", cls.retries)),
            backoff=float(os.environ.get("STORMWATER_HTTP_BACKOFF", cls.backoff)),
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
    304 answer returns ``not_modified``. A body cut short (fewer bytes than Content-Length, or
    a broken connection) is retried like a server error, then fails.
    """
    headers: dict[str, str] = {}
    if conditional:
        if conditional.get("etag"):
            headers["If-None-Match"] = str(conditional["etag"])
        if conditional.get("last_modified"):
            headers["If-Modified-Since"] = str(conditional["last_modified"])
    last_error = ""
    for attempt in range(settings.retries + 1):
        if attempt:
            time.sleep(settings.backoff * 2 ** (attempt - 1))
        try:
            with s.get(url, headers=headers, stream=True,
                       timeout=(settings.connect_timeout, settings.read_timeout)) as r:
                if r.status_code == 304:
                    return Download(not_modified=True)
                if r.status_code >= 400:
                    raise DownloadFailed(f"HTTP {r.status_code} from {url}")
                expected = r.headers.get("Content-Length")
                digest = hashlib.sha256()
                size = 0
                with dest.open("wb") as fh, tqdm(
                    total=int(expected) if expected and expected.isdigit() else None,
                    unit="B", unit_scale=True, unit_divisor=1024, desc=f"download {label}",
                    disable=not sys.stderr.isatty(), leave=False,
                ) as bar:
                    for chunk in r.iter_content(chunk_size=1 << 20):
                        fh.write(chunk)
                        digest.update(chunk)
                        size += len(chunk)
                        bar.update(len(chunk))
                if expected and expected.isdigit() and size != int(expected):
                    raise requests.exceptions.ChunkedEncodingError(
                        f"truncated download: {size} of {expected} bytes")
                return Download(False, digest.hexdigest(), size, r.headers.get("ETag"),
                                r.headers.get("Last-Modified"))
        except requests.exceptions.ChunkedEncodingError as exc:
            # The body broke off: urllib3 does not retry a body, so retry the whole request.
            last_error = _short(exc)
        except requests.exceptions.RequestException as exc:
            # Connection errors and timeouts were already retried with backoff by the adapter.
            raise DownloadFailed(f"cannot download {url}: {_short(exc)}") from exc
    raise DownloadFailed(f"download failed after {settings.retries + 1} attempts: {last_error}")


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "IncompleteRead" in text or "truncated" in text or "Connection broken" in text:
        return f"truncated download ({text[:160]})"
    return text[:200]


def get_json(s: requests.Session, url: str, settings: HttpSettings) -> object:
    try:
        r = s.get(url, timeout=(settings.connect_timeout, settings.read_timeout))
    except requests.exceptions.RequestException as exc:
        raise DownloadFailed(f"cannot reach {url}: {_short(exc)}") from exc
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
