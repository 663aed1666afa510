"""Writes the dbt files that follow from the dataset registry, so no column list is retyped.

    python -m tools.codegen          # rewrite the generated files
    python -m tools.codegen --check  # exit 1 if any is out of date (run by the tests)

Generated, per source (``models/staging/<source>/``): the sources' and staging models' YAML,
the staging models and the data-dictionary docs blocks; plus the ``staging_datasets()`` macro.
The cleaning rules themselves live in ``macros/`` and ``tools/codegen/staging_spec.py``.
"""

from tools.codegen.cli import main

__all__ = ["main"]
