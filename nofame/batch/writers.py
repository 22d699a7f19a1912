"""Result files: Parquet (row groups), CSV or JSONL by extension, always valid when the run stops.

Rows go to `<output>.partial` and the file is renamed over the output when the writer closes, which
it does on success, on Ctrl-C and on a crash alike: the output is always a complete, readable file
(a Parquet footer written, no half line). Only a hard kill (SIGKILL, power loss) loses the current
run's rows; the previous output, if any, is untouched then.

`--resume` copies the previous output's rows into the new file first (streaming, row group by row
group or line by line) and hands back their ids so the audit skips them.

Reproducibility metadata (nofame version, rule set hash, profile, settings, command line, runs) is
stored in the Parquet schema metadata under the key `nofame`, and for CSV/JSONL in a sidecar
`<output>.meta.json`.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from nofame.errors import InputError

FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
METADATA_KEY = b"nofame"
FINAL_KEY = b"nofame.final"
ROW_GROUP_SIZE = 1000


def output_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: the output must end in .parquet, .csv or .jsonl")
    return fmt


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".meta.json")


def partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def read_metadata(path: Path) -> dict[str, Any]:
    """The audit metadata of a results or findings file ({} if it has none)."""
    if output_format(path) == "parquet":
        meta = pq.ParquetFile(path).metadata.metadata or {}
        found = json.loads(meta[METADATA_KEY]) if METADATA_KEY in meta else {}
        if FINAL_KEY in meta:  # written at close: completion and counts
            found.update(json.loads(meta[FINAL_KEY]))
        return found
    side = sidecar(path)
    return json.loads(side.read_text(encoding="utf-8")) if side.is_file() else {}


class TableWriter:
    """Rows of one schema to one file; `close()` makes the file final (idempotent)."""

    def __init__(self, path: Path, schema: pa.Schema, metadata: dict[str, Any], row_group_size: int = ROW_GROUP_SIZE):
        self.path = path
        self.format = output_format(path)
        self.schema = schema
        self.metadata = metadata
        self.row_group_size = row_group_size
        self.rows = 0
        self._buffer: list[dict[str, Any]] = []
        self._tmp = partial(path)
        self._closed = False
        self._pq: pq.ParquetWriter | None = None
        self._text = None
        self._csv: Any = None
        self._open()

    # -- opening and copying previous rows (resume) --

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.format == "parquet":
            meta = {METADATA_KEY: json.dumps(self.metadata, sort_keys=True).encode()}
            self._pq = pq.ParquetWriter(self._tmp, self.schema.with_metadata(meta), compression="zstd")
        else:
            self._text = self._tmp.open("w", encoding="utf-8", newline="")
            if self.format == "csv":
                self._csv = csv.writer(self._text)
                self._csv.writerow(self.schema.names)

    def copy_from(self, old: Path, keep: set[str] | None = None, drop_errors: bool = False) -> set[str]:
        """Copy the rows of a previous output (ids in keep, if given); return the ids copied."""
        copied: set[str] = set()
        if not old.is_file():
            return copied
        if self.format == "parquet":
            source = pq.ParquetFile(old)
            if source.schema_arrow.remove_metadata() != self.schema.remove_metadata():
                raise InputError(f"{old}: its columns differ from this audit's (another rule set?); use a new output")
            for batch in source.iter_batches(batch_size=self.row_group_size):
                table = pa.Table.from_batches([batch]).replace_schema_metadata(None)
                mask = _keep_mask(table, keep, drop_errors)
                if mask is not None:
                    table = table.filter(mask)
                if table.num_rows:
                    self._pq.write_table(table.cast(self.schema.remove_metadata()).replace_schema_metadata(None))
                    copied.update(table.column("id").to_pylist())
                    self.rows += table.num_rows
            return copied
        for row, raw in _old_text_rows(old, self.format, self.schema.names):
            row_id = row.get("id")
            if not row_id or (keep is not None and row_id not in keep) or (drop_errors and row.get("error")):
                continue
            if self.format == "csv":
                self._csv.writerow([row.get(name, "") for name in self.schema.names])
            else:
                self._text.write(raw.rstrip("\n") + "\n")
            copied.add(row_id)
            self.rows += 1
        return copied

    # -- writing --

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        if self._closed:
            raise RuntimeError("writer is closed")
        if self.format == "parquet":
            self._buffer.extend(rows)
            if len(self._buffer) >= self.row_group_size:
                self.flush()
        else:
            for row in rows:
                self._write_text(row)
            self._text.flush()
        self.rows += len(rows)

    def flush(self) -> None:
        if self.format == "parquet" and self._buffer:
            self._pq.write_table(pa.Table.from_pylist(self._buffer, schema=self.schema.remove_metadata()))
            self._buffer = []

    def _write_text(self, row: dict[str, Any]) -> None:
        if self.format == "csv":
            self._csv.writerow([_csv_cell(row.get(name)) for name in self.schema.names])
        else:
            ordered = {name: _json_value(row.get(name)) for name in self.schema.names}
            self._text.write(json.dumps(ordered, ensure_ascii=False) + "\n")

    def close(self, final: dict[str, Any] | None = None) -> None:
        """Flush, finish the file and move it over the output; `final` (completion, counts) joins
        the metadata: in the Parquet footer under `nofame.final`, in the sidecar for CSV/JSONL."""
        if self._closed:
            return
        self._closed = True
        final = final or {}
        self.metadata = {**self.metadata, **final}
        try:
            self.flush()
        finally:
            if self._pq is not None:
                self._pq.add_key_value_metadata({FINAL_KEY: json.dumps(final, sort_keys=True).encode()})
                self._pq.close()
            if self._text is not None:
                self._text.close()
            if self.format != "parquet":
                _atomic_write(sidecar(self.path), json.dumps(self.metadata, indent=2, sort_keys=True) + "\n")
            os.replace(self._tmp, self.path)


def _keep_mask(table: pa.Table, keep: set[str] | None, drop_errors: bool) -> pa.Array | None:
    import pyarrow.compute as pc

    mask = None
    if keep is not None:
        mask = pc.is_in(table.column("id"), value_set=pa.array(sorted(keep), pa.string()))
    if drop_errors and "error" in table.column_names:
        ok = pc.is_null(table.column("error"))
        mask = ok if mask is None else pc.and_(mask, ok)
    return mask


def read_ids(path: Path, drop_errors: bool = False) -> set[str]:
    """The ids in a results file (streaming), optionally without error rows."""
    if not path.is_file():
        return set()
    ids: set[str] = set()
    if output_format(path) == "parquet":
        columns = ["id", "error"] if drop_errors else ["id"]
        for batch in pq.ParquetFile(path).iter_batches(columns=columns):
            rows = batch.to_pylist()
            ids.update(r["id"] for r in rows if not (drop_errors and r.get("error")))
        return ids
    for row, _ in _old_text_rows(path, output_format(path), None):
        if row.get("id") and not (drop_errors and row.get("error")):
            ids.add(row["id"])
    return ids


def _old_text_rows(path: Path, fmt: str, names: Sequence[str] | None) -> Iterator[tuple[dict[str, Any], str]]:
    with path.open("r", encoding="utf-8", newline="") as handle:
        if fmt == "csv":
            reader = csv.DictReader(handle)
            if names is not None and reader.fieldnames != list(names):
                raise InputError(f"{path}: its columns differ from this audit's (another rule set?); use a new output")
            for row in reader:
                yield row, ""
            return
        for line in handle:
            if not line.endswith("\n"):
                break  # a last line cut off by a hard kill
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict):
                if names is not None and list(row) != list(names):
                    raise InputError(f"{path}: its columns differ from this audit's; use a new output")
                yield row, line


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def read_table(path: Path, columns: Sequence[str] | None = None) -> pa.Table:
    """A results or findings file as an Arrow table (for `nofame report` and tests)."""
    fmt = output_format(path)
    if fmt == "parquet":
        available = pq.read_schema(path).names
        wanted = None if columns is None else [c for c in columns if c in available]
        return pq.read_table(path, columns=wanted)
    if fmt == "jsonl":
        import pyarrow.json as pj

        if path.stat().st_size == 0:
            return pa.table({})
        table = pj.read_json(path)
    else:
        import pyarrow.csv as pc

        table = pc.read_csv(path)
    if columns is not None:
        table = table.select([c for c in columns if c in table.column_names])
    return table
