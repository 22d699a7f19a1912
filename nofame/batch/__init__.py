"""Batch audits of news archives: `nofame audit` and `nofame report`.

readers (folders, JSONL, CSV, WARC, URL lists) -> records -> fetch (polite, URL lists only) -> gate
and check in workers (`local`: processes on this machine, `dask`: a cluster) -> writers (Parquet,
CSV, JSONL) -> report (HTML). The entry point is `nofame.batch.audit.run_audit`; this package
imports nothing itself, so `nofame.batch.gate` stays cheap to import.
"""
