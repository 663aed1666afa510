"""The warehouse: dbt runs against it, Great Expectations validation of it, and evaluation of
its links against a sample's ground truth."""
