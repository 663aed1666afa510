"""Errors that carry the dataset they concern, so every failure names it on one line."""

from __future__ import annotations


class StormwaterError(Exception):
    """A failure the command line reports as one line on stderr."""


class DatasetError(StormwaterError):
    """A failure of one dataset (or one of its resources)."""

    def __init__(self, dataset_key: str, reason: str) -> None:
        super().__init__(f"{dataset_key}: {reason}")
        self.dataset_key = dataset_key
        self.reason = reason
