"""Landing: from a source (the CKAN portal or a directory of CSVs) to zstd Parquet under
``$STORMWATER_HOME/landed/``, every attempt recorded in the manifest."""
