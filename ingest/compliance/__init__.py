"""Compliance rules computed in Python: the grammar that maps published parameter names to the
Industrial General Permit's numeric action level (NAL) parameters (``parameters``) and the one
that reads units and their factor to mg/L (``units``). Both are called from dbt Python models."""
