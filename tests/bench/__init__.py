"""Benchmarks on the demo village scaled up: `python -m tests.bench [NAME ...] [--json]`.

Names: redeem, lookup, barcode, check (none: all). The big database is built once
and cached (see `dataset`); every run works on a fresh copy of it.
"""
