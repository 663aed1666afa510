"""A CKAN-compatible server on 127.0.0.1 that serves generated CSVs like the portal does.

It answers ``/api/3/action/package_show`` for the two portal datasets with the real resource
ids from the registry, serves each file with ETag and Last-Modified, honours conditional
requests and byte ranges (``Range`` with ``If-Range``), and can misbehave on purpose: answer
500 a given number of times, cut a download short, or stall in the middle of a body.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from ingest import registry


@dataclass
class Faults:
    fail_times: int = 0
    """Answer 500 this many times before serving the file."""
    truncate: bool = False
    """Promise the whole file in Content-Length, then send only half of it."""
    stall_times: int = 0
    """Send half of the body, then go silent for ``stall_seconds`` and hang up; this many times."""
    stall_seconds: float = 2.0
    ranges: bool = True
    """Advertise ``Accept-Ranges: bytes`` and answer ``Range`` requests with 206."""


@dataclass
class CkanServer:
    directory: Path
    faults: dict[str, Faults] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)
    """Optional per-file ``hash`` metadata to publish (as the portal's resource ``hash``)."""

    def __post_init__(self) -> None:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> CkanServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def file_requests(self, name: str) -> list[dict[str, str]]:
        return [h for path, h in self.requests if path == f"/files/{name}"]

    def _resources(self, ckan_dataset: str) -> list[dict]:
        out = []
        for ds in registry.registry().values():
            if ds.ckan_dataset != ckan_dataset:
                continue
            if ds.yearly:
                ids = dict(ds.year_resource_ids)
                for p in sorted(self.directory.glob(f"{ds.key}_*.csv")):
                    year = registry.year_in(p.stem)
                    rid = ids.get(year or 0, hashlib.md5(p.name.encode()).hexdigest())
                    out.append(self._resource(rid, f"eSMR analytical export year {year}", p))
                out.append({"id": "all-years-zip", "name": "All years (zip)", "format": "ZIP",
                            "url": f"{self.url}/files/all.zip"})
            else:
                p = self.directory / f"{ds.key}.csv"
                if p.exists():
                    out.append(self._resource(ds.resource_ids[0], ds.title, p))
        return out

    def _resource(self, rid: str, name: str, p: Path) -> dict:
        return {"id": rid, "name": name, "format": "CSV", "url": f"{self.url}/files/{p.name}",
                "size": p.stat().st_size, "last_modified": None, "hash": self.hashes.get(p.name, "")}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                url = urlparse(self.path)
                server.requests.append((url.path, dict(self.headers.items())))
                if url.path == "/api/3/action/package_show":
                    name = parse_qs(url.query).get("id", [""])[0]
                    resources = server._resources(name)
                    body = {"success": bool(resources), "result": {"name": name, "resources": resources}}
                    self._send(200 if resources else 404, json.dumps(body).encode(), "application/json")
                elif url.path.startswith("/files/"):
                    self._file(url.path.removeprefix("/files/"))
                else:
                    self._send(404, b"not found", "text/plain")

            def _file(self, name: str) -> None:
                p = server.directory / name
                fault = server.faults.get(name, Faults())
                if fault.fail_times > 0:
                    fault.fail_times -= 1
                    self._send(500, b"internal error", "text/plain")
                    return
                if not p.exists():
                    self._send(404, b"not found", "text/plain")
                    return
                data = p.read_bytes()
                etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
                modified = formatdate(p.stat().st_mtime, usegmt=True)
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                start = self._range_start(fault, etag, modified, len(data))
                body = data[start:]
                if start:
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                else:
                    self.send_response(200)
                self.send_header("Content-Type", "text/csv")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", modified)
                if fault.ranges:
                    self.send_header("Accept-Ranges", "bytes")
                self.end_headers()
                if fault.stall_times > 0:
                    fault.stall_times -= 1
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    time.sleep(fault.stall_seconds)
                    self.close_connection = True
                    return
                self.wfile.write(body[: len(body) // 2] if fault.truncate else body)
                if fault.truncate:
                    self.close_connection = True

            def _range_start(self, fault: Faults, etag: str, modified: str, size: int) -> int:
                """Where a ``Range: bytes=N-`` request starts, when it is honoured; else 0."""
                m = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range", ""))
                if not (fault.ranges and m and int(m.group(1)) < size):
                    return 0
                if_range = self.headers.get("If-Range")
                if if_range is not None and if_range not in (etag, modified):
                    return 0  # the file changed since: the whole file
                return int(m.group(1))

            def _send(self, status: int, body: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
