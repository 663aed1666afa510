"""stormwater-warehouse: ingest California Water Boards data and build the DuckDB warehouse."""

__version__ = "0.1.0"
