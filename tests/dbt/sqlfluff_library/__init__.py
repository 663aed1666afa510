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

_PROJECT = Path(__file__).resolve().parents[3] / "dbt_project.yml"
_VARS = yaml.safe_load(_PROJECT.read_text())["vars"]


def var(name, default=None):
    return _VARS.get(name, default)


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
