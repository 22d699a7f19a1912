"""Reading audit result columns the same way from Parquet, CSV and JSONL (where booleans and numbers
come back as text): the report's and compare's only access to raw columns besides measures."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc


def truthy(table: pa.Table, column: str) -> pa.Array:
    """True where the column is true; false for null, missing or text other than "true"."""
    if column not in table.column_names:
        return pa.array([False] * table.num_rows)
    values = table.column(column)
    if pa.types.is_string(values.type):
        values = pc.equal(pc.utf8_lower(values), "true")
    elif not pa.types.is_boolean(values.type):
        values = pc.cast(values, pa.bool_())
    return pc.fill_null(values, False)


def numbers(table: pa.Table, column: str) -> pa.ChunkedArray | None:
    if column not in table.column_names:
        return None
    values = table.column(column)
    if pa.types.is_null(values.type):
        return None
    if pa.types.is_string(values.type):
        values = pc.cast(pc.if_else(pc.equal(values, ""), None, values), pa.float64())
    return pc.cast(values, pa.float64())


def total(values: object) -> float:
    return float(pc.sum(values).as_py() or 0)


def mean(values: object) -> float | None:
    result = pc.mean(values).as_py() if values is not None else None
    return None if result is None else float(result)


def errors(table: pa.Table) -> pa.ChunkedArray:
    """The error column with empty text as null."""
    values = table.column("error")
    if pa.types.is_null(values.type):
        return values
    return pc.if_else(pc.equal(pc.cast(values, pa.string()), ""), None, values)


def population(table: pa.Table) -> tuple[pa.Table, str]:
    """Checked articles the engine judged to be about an attack; all checked ones if it never said."""
    checked = table.filter(truthy(table, "checked"))
    if "about_attack" in checked.column_names and pc.any(truthy(checked, "about_attack")).as_py():
        return checked.filter(truthy(checked, "about_attack")), "checked articles about an attack"
    return checked, "checked articles"
