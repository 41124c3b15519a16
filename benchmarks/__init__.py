"""Benchmarks of the agency's hot paths against floors measured in the same run (``python -m benchmarks``)."""
