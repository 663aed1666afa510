"""dbt's Jinja builtins that sqlfluff's jinja templater lacks or fakes, for linting only.

.sqlfluff points `library_path` here; sqlfluff adds this module's names to the Jinja context
when it renders the models. `var` returns the real value from dbt_project.yml (sqlfluff's own
returns a placeholder, which breaks macros that take a var apart); `return` and `exceptions`
behave as in dbt, except that errors render as nothing so the linter sees the SQL around them.
dbt itself never reads this file.
"""

import sys
from pathlib import Path

import yaml

_ROOT = Path(__file__).resolve().parents[3]
_VARS = yaml.safe_load((_ROOT / "dbt_project.yml").read_text())["vars"]


def var(name, default=None):
    return _VARS.get(name, default)


def staging_datasets():
    """What macros/staging_datasets.sql returns, from the same spec that generates it (a macro in
    one file cannot call a macro of another file under sqlfluff's templater)."""
    if str(_ROOT) not in sys.path:
        sys.path.insert(0, str(_ROOT))
    from tools.codegen.staging_spec import MODELS

    return [{"key": m.key, "source": m.source, "table": m.key, "model": m.name,
             "record_key": list(m.record_key), "columns": [c.raw for c in m.columns]} for m in MODELS]


class adapter:  # the name dbt's Jinja context uses
    @staticmethod
    def quote(identifier):
        return '"' + str(identifier).replace('"', '""') + '"'


graph = {"nodes": {}}
"""dbt's project graph; empty here, so macros that read it take their fallback."""


def ref(*names, **kwargs):
    """A relation name for any ref(), including refs built from macro data."""
    return str(names[-1])


def _return(value):
    return value


class exceptions:  # the name dbt's Jinja context uses
    @staticmethod
    def raise_compiler_error(message):
        return ""

    @staticmethod
    def warn(message):
        return ""


setattr(sys.modules[__name__], "return", _return)


class flags:  # the name dbt's Jinja context uses
    WHICH = "build"
    """The dbt command running: a build, as the nightly one."""
