"""Timing scripts, outside the test suite. ``python -m benchmarks.run`` is the one command; see docs/benchmarks.md."""
