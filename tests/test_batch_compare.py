"""`nofame compare`: two audits (or two parts of one) side by side, with the difference and its interval."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_batch_report import _rows, _write

from nofame.batch.compare import Side, apply_filters, compare, to_text, write_comparison
from nofame.batch.intervals import newcombe
from nofame.batch.writers import read_table
from nofame.cli import main
from nofame.errors import InputError


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows, _ = _rows()
    return _write(tmp_path_factory.mktemp("compare") / "results.parquet", rows)


def test_two_outlets_of_one_file(results: Path) -> None:
    a = Side(results, "Daily Ledger", ("outlet=Daily Ledger",))
    b = Side(results, "Morning Post", ("outlet=Morning Post",))
    comparison = compare(a, b)
    assert (comparison.n_a, comparison.n_b) == (15, 15)
    rows = {row.measure.key: row for row in comparison.rows}
    sensational = rows["sensational-language"]  # every Ledger article, no Post article
    assert (sensational.a.value, sensational.b.value) == (1.0, 0.0)
    assert sensational.difference == newcombe(15, 15, 0, 15) and sensational.significant
    assert not rows["name_in_headline"].significant and rows["name_in_headline"].difference.value == 0
    score = rows["score"]
    assert score.difference.value == pytest.approx(5.0) and score.difference.low < 5 < score.difference.high
    text = to_text(comparison)
    assert "sensational-language" in text and "-100.0pp" in text and " *" in text


def test_two_periods_and_outputs(results: Path, tmp_path: Path) -> None:
    a = Side(results, "before", ("published<2023-03-01",))
    b = Side(results, "after", ("published>=2023-03-01",))
    comparison = compare(a, b)
    assert comparison.n_a + comparison.n_b == 45
    out = write_comparison(comparison, tmp_path / "c.csv")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0]["measure"] == "name_in_headline" and int(rows[0]["n_a"]) == comparison.n_a
    page = write_comparison(comparison, tmp_path / "c.html", "Before <and> after").read_text(encoding="utf-8")
    assert "<title>Before &lt;and&gt; after</title>" in page and 'download="compare-rules.csv"' in page
    assert "small n=16" in page and "<script" not in page
    with pytest.raises(InputError, match=r"\.html or \.csv"):
        write_comparison(comparison, tmp_path / "c.txt")


def test_filters(results: Path) -> None:
    table = read_table(results)
    assert apply_filters(table, ["published>=2023-06-01"]).num_rows == 10
    assert apply_filters(table, ["outlet = Evening Star", "published<2023-02-01"]).num_rows == 0
    for bad in ("colour=red", "outlet>A", "published<soon"):
        with pytest.raises(InputError):
            apply_filters(table, [bad])


def test_cli_compare(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "compare.html"
    args = ["compare", str(results), str(results), "--a-filter", "outlet=Daily Ledger", "--b-filter",
            "outlet=Evening Star", "--b-label", "Star", "-o", str(out)]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "B = Star: 15" in result.output and out.is_file()
    bad = CliRunner().invoke(main, ["compare", str(results), str(results), "--a-filter", "size>3"])
    assert bad.exit_code != 0 and "filter" in bad.output
