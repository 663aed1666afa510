"""What the last successful build was built from, and what the next build must therefore redo.

After every successful build, ``$STORMWATER_HOME/build_state/`` keeps ``state.json`` (the
fingerprints below and the signature of the warehouse file it produced) and ``manifest.json``
(dbt's manifest of that build, the ``--state`` that ``state:modified`` compares against).
:func:`plan` compares the current fingerprints with them:

- **nothing** when no landed dataset, no import-log attempt other than ``skipped``, no project
  file, no dbt var, profile, dbt argument or tool version changed, and the live warehouse is the
  file that build published: dbt does not run at all;
- **incremental** when only landed datasets, the import log or project files changed:
  ``source:<source>.<dataset>+`` for each changed dataset, ``source:landing.import_log+`` (the
  import log, the status snapshot and what reads them) when the manifest gained a ``landed`` or
  ``failed`` attempt, and ``state:modified+`` when files under ``models/``, ``macros/``,
  ``seeds/``, ``snapshots/``, ``tests/dbt/`` or ``dbt_project.yml`` changed;
- **full** on a first build, a missing or unreadable state, a warehouse that is not the one last
  built, changed dbt vars (``state:modified`` cannot see them), ``profiles.yml``, dbt arguments or
  versions of dbt-core, dbt-duckdb or duckdb, or when asked (``--full``, ``--full-refresh``).

``analyses/`` is not fingerprinted: nothing in the warehouse is built from it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import yaml

from ingest.home import Home

PROJECT_FOLDERS = ("models", "macros", "seeds", "snapshots", "tests/dbt")
"""Project folders whose files dbt builds from (``state:modified`` sees their changes)."""
MODEL_PYTHON = ("ingest/compliance", "ingest/matching")
"""Python packages the dbt Python models import (the parameter and unit grammar, name matching).
dbt cannot see a change there, so one makes the next build a full one."""
LANDING_SOURCE = "landing.import_log"
"""The dbt source of the landing manifest (marts.import_log, the status snapshot)."""
SELECTION_FLAGS = frozenset({"--select", "-s", "--models", "-m", "--model", "--exclude", "--selector",
                             "--resource-type", "--resource-types", "--exclude-resource-type",
                             "--exclude-resource-types"})
"""dbt arguments that choose what to build: with them, the build runs exactly as asked."""
HARMLESS_FLAGS = {"--threads": 1, "--fail-fast": 0, "-x": 0, "--no-fail-fast": 0}
"""dbt arguments (with how many values follow) that cannot change what a build produces."""
TOOLS = ("dbt-core", "dbt-duckdb", "duckdb")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def split_args(dbt_args: list[str]) -> tuple[list[str], bool, bool]:
    """``(content_args, selects, full_refresh)``: the arguments that can change what is built
    (selection, ``--full-refresh`` and harmless flags removed), whether the user chose what to
    build, and whether ``--full-refresh`` was given."""
    kept: list[str] = []
    selects = full_refresh = False
    i = 0
    while i < len(dbt_args):
        arg = dbt_args[i]
        name = arg.split("=", 1)[0]
        if name in SELECTION_FLAGS:
            selects = True
            i += 1
            if "=" not in arg:  # the values run up to the next flag
                while i < len(dbt_args) and not dbt_args[i].startswith("-"):
                    i += 1
            continue
        if name == "--full-refresh":
            full_refresh = True
        elif name in HARMLESS_FLAGS:
            i += 0 if "=" in arg else HARMLESS_FLAGS[name]
        else:
            kept.append(arg)
        i += 1
    return kept, selects, full_refresh


@dataclass
class Fingerprint:
    """What a build is built from, each part as digests that change when it changes."""

    project: dict[str, str]
    """sha256 of every file dbt builds from, by path relative to the project."""
    dbt_vars: str
    profile: str
    tools: dict[str, str]
    args: list[str]
    model_python: str
    """Digest of the Python files under :data:`MODEL_PYTHON`."""
    datasets: dict[str, str]
    """Per landed dataset: digest of its Parquet files' names, sizes and modification times."""
    landing: str
    """Digest of the manifest's attempts other than ``skipped`` (what the import log shows new)."""

    @classmethod
    def current(cls, home: Home, project_dir: Path, dbt_args: list[str]) -> Fingerprint:
        project = {}
        for folder in PROJECT_FOLDERS:
            for path in sorted((project_dir / folder).rglob("*")):
                rel = path.relative_to(project_dir)
                if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in rel.parts):
                    project[str(rel)] = file_sha256(path)
        dbt_project = project_dir / "dbt_project.yml"
        project["dbt_project.yml"] = file_sha256(dbt_project)
        variables = (yaml.safe_load(dbt_project.read_text(encoding="utf-8")) or {}).get("vars") or {}
        return cls(project=project,
                   dbt_vars=_sha256(json.dumps(variables, sort_keys=True, default=str).encode()),
                   profile=file_sha256(project_dir / "profiles.yml"),
                   tools={t: _version(t) for t in TOOLS},
                   args=split_args(dbt_args)[0],
                   model_python=_python_digest(project_dir, MODEL_PYTHON),
                   datasets=landed_datasets(home),
                   landing=landing_digest(home))


def _python_digest(root: Path, packages: tuple[str, ...]) -> str:
    files = sorted(p for package in packages for p in (root / package).rglob("*.py"))
    return _sha256("\n".join(f"{p.relative_to(root)}:{file_sha256(p)}" for p in files).encode())


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def landed_datasets(home: Home) -> dict[str, str]:
    """Per dataset folder under ``landed/``: a digest of its Parquet files' names, sizes and
    modification times (a landing replaces files, an unchanged one keeps them as they are)."""
    out: dict[str, str] = {}
    if not home.landed.is_dir():
        return out
    for folder in sorted(home.landed.iterdir()):
        if folder.is_dir() and not folder.name.startswith("."):
            stats = [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(folder.glob("*.parquet"))]
            out[folder.name] = _sha256("\n".join(stats).encode())
    return out


def landing_digest(home: Home) -> str:
    """Digest of the manifest lines that are not ``skipped`` attempts: a night on which every
    dataset was confirmed unchanged adds nothing the warehouse would show differently."""
    h = hashlib.sha256()
    if home.manifest.exists():
        with home.manifest.open("rb") as fh:
            for line in fh:
                if line.strip() and _status(line) != "skipped":
                    h.update(line)
    return h.hexdigest()


def _status(line: bytes) -> object:
    try:
        return json.loads(line).get("status")
    except (ValueError, AttributeError):
        return None  # unreadable: counted as a change


@dataclass
class WarehouseSignature:
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> WarehouseSignature:
        st = path.stat()
        return cls(st.st_size, st.st_mtime_ns, file_sha256(path))

    def matches(self, path: Path) -> bool:
        """Whether ``path`` is this file: same size and time, or (after a copy or a cache
        restore that changed its time) the same content."""
        if not path.exists() or Path(f"{path}.wal").exists():
            return False
        st = path.stat()
        if st.st_size != self.size:
            return False
        return st.st_mtime_ns == self.mtime_ns or file_sha256(path) == self.sha256


@dataclass
class State:
    """The last successful build: what it was built from and the warehouse it produced."""

    built_at: str
    fingerprint: Fingerprint
    warehouse: WarehouseSignature
    validation: dict = field(default_factory=dict)
    """The validation run on this build by ``stormwater run``: its key and exit status."""


def state_dir(home: Home) -> Path:
    return home.root / "build_state"


def load(home: Home) -> State | None:
    """The last successful build's state; None when there is none or it cannot be read (the
    next build is then a full one)."""
    path = state_dir(home) / "state.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return State(raw["built_at"], Fingerprint(**raw["fingerprint"]), WarehouseSignature(**raw["warehouse"]),
                     raw.get("validation") or {})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def save(home: Home, state: State, dbt_manifest: Path | None) -> None:
    """Write ``state`` (and, when given, dbt's manifest of the build it describes)."""
    directory = state_dir(home)
    directory.mkdir(parents=True, exist_ok=True)
    if dbt_manifest is not None:
        tmp = directory / f".manifest.json.{os.getpid()}"
        shutil.copyfile(dbt_manifest, tmp)
        os.replace(tmp, directory / "manifest.json")
    _write(directory / "state.json", json.dumps(asdict(state), indent=1, sort_keys=True))


def forget(home: Home) -> None:
    """Drop the state: the next build is a full one."""
    (state_dir(home) / "state.json").unlink(missing_ok=True)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Plan:
    mode: str
    """``nothing``, ``incremental``, ``full`` or ``as-asked`` (the user's own selection)."""
    reason: str
    select: tuple[str, ...] = ()
    uses_state: bool = False

    @property
    def refresh(self) -> bool:
        """Whether incremental models rebuild from scratch (``--full-refresh``): in every full
        build, and whenever a project file changed. They add only new rows (macros/increments.sql)
        when nothing but landed data changed."""
        return self.mode == "full" or (self.mode == "incremental" and self.uses_state)

    def dbt_args(self, home: Home) -> list[str]:
        """What to add to ``dbt build`` for this plan. A build of changed data alone leaves the
        unit tests out: they test the models' logic on fixed inputs, and no project file changed
        since they passed in the build this state describes."""
        refresh = ["--full-refresh"] if self.refresh else []
        if self.mode != "incremental":
            return refresh
        args = ["--select", *self.select, *refresh]
        if self.uses_state:
            return [*args, "--state", str(state_dir(home))]
        return [*args, "--exclude-resource-type", "unit_test"]

    def line(self, last: State | None) -> str:
        """One line saying what this build does and why."""
        if self.mode == "nothing":
            return (f"nothing changed since the last build ({last.built_at if last else '?'}): no landed "
                    "dataset, project file or dbt argument differs, so dbt did not run (--full rebuilds "
                    "everything)")
        if self.mode == "incremental":
            refresh = (" --full-refresh" if self.refresh
                       else " (no unit tests: no project file changed); the monitoring tables add the new rows "
                            "and drop the vanished ones")
            return f"incremental build ({self.reason}): dbt build --select {' '.join(self.select)}{refresh}"
        if self.mode == "full":
            return f"full build: {self.reason}"
        return "build as asked (your own selection)"


def _changes(old: dict[str, str], new: dict[str, str]) -> list[str]:
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


def _sources_of(dbt_manifest: Path) -> dict[str, str]:
    """``table name -> source_name.table`` of every dbt source in the last build's manifest."""
    try:
        sources = json.loads(dbt_manifest.read_text(encoding="utf-8")).get("sources", {})
    except (OSError, ValueError):
        return {}
    return {s["name"]: f"{s['source_name']}.{s['name']}" for s in sources.values()}


def _quoted(names: list[str], limit: int = 4) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def plan(home: Home, current: Fingerprint, dbt_args: list[str], full: bool = False) -> Plan:
    """What the next ``dbt build`` must do, given the last successful build's state."""
    _, selects, full_refresh = split_args(dbt_args)
    if selects:
        return Plan("as-asked", "the arguments select what to build")
    if full or full_refresh:
        return Plan("full", "asked for (--full)" if full else "asked for (--full-refresh)")
    last = load(home)
    dbt_manifest = state_dir(home) / "manifest.json"
    if last is None or not dbt_manifest.exists():
        return Plan("full", "first build (no build state under $STORMWATER_HOME/build_state)")
    if not last.warehouse.matches(home.warehouse):
        return Plan("full", f"{home.warehouse.name} is not the warehouse the last build published")
    old = last.fingerprint
    for what, before, now_ in (("the dbt versions changed", old.tools, current.tools),
                               ("profiles.yml changed", old.profile, current.profile),
                               (f"the Python the dbt models import changed ({', '.join(MODEL_PYTHON)})",
                                old.model_python, current.model_python),
                               ("the dbt vars in dbt_project.yml changed", old.dbt_vars, current.dbt_vars),
                               ("the dbt arguments changed", old.args, current.args)):
        if before != now_:
            return Plan("full", what)
    select: list[str] = []
    reasons: list[str] = []
    datasets = _changes(old.datasets, current.datasets)
    if datasets:
        sources = _sources_of(dbt_manifest)
        missing = [d for d in datasets if d not in sources]
        if missing:
            return Plan("full", f"no dbt source for landed dataset {missing[0]} in the last build")
        select += [f"source:{sources[d]}+" for d in datasets]
        reasons.append(f"landing changed: {_quoted(datasets)}")
    if old.landing != current.landing:
        select.append(f"source:{LANDING_SOURCE}+")
        reasons.append("new import-log attempts")
    files = _changes(old.project, current.project)
    if files:
        select.append("state:modified+")
        reasons.append(f"project files changed: {_quoted(files)}")
    if not select:
        return Plan("nothing", "nothing changed")
    return Plan("incremental", "; ".join(reasons), tuple(select), uses_state=bool(files))


def validation_key(state: State, project_dir: Path) -> str:
    """What a validation result depends on: the warehouse, the landing, the suites' code, the
    dbt vars they read and the Great Expectations version."""
    parts = [state.warehouse.sha256, json.dumps(state.fingerprint.datasets, sort_keys=True),
             state.fingerprint.landing, file_sha256(Path(__file__).with_name("validation.py")),
             file_sha256(project_dir / "dbt_project.yml"), _version("great-expectations")]
    return _sha256("\n".join(parts).encode())


def record_validation(home: Home, state: State, key: str, status: int) -> None:
    """Remember the validation of the build ``state`` describes (``stormwater run`` reuses it
    while nothing changes)."""
    state.validation = {"key": key, "status": status, "at": now()}
    save(home, state, None)
