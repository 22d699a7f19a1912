"""Batch audits of news archives: `nofame audit`, `nofame report` and `nofame compare`.

readers (folders, JSONL, CSV, WARC, URL lists) -> records -> fetch (polite, URL lists only) -> gate
and check in workers (`local`: processes on this machine, `dask`: a cluster; `window` keeps both
bounded and in order) -> writers (Parquet, CSV, JSONL) -> measures and intervals -> report and
compare (HTML from Jinja2 templates, CSV). The entry point is `nofame.batch.audit.run_audit`; this
package imports nothing itself, so `nofame.batch.gate` stays cheap to import.
"""
