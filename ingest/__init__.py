"""stormwater-warehouse: ingest California Water Boards data and build the DuckDB warehouse.

Sub-packages by stage: ``registry`` (the datasets and their official columns), ``landing``
(sources, download, Parquet, manifest, the ingest run), ``warehouse`` (dbt, validation,
evaluation) and ``matching`` (facility names, the review loop); ``sample`` generates data.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("stormwater-warehouse")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"
