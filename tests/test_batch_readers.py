"""Batch readers: folders, JSONL, CSV, WARC(.gz) and URL lists stream records; bad ones become errors."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
import zlib
from datetime import date
from pathlib import Path

import brotli
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from nofame.batch.readers import ColumnMap, check_inputs, estimate_total, input_kind, read_inputs, read_jsonl
from nofame.batch.records import parse_date
from nofame.batch.worker import to_article
from nofame.errors import InputError, NofameError
from nofame.sources.markdown import FrontMatter, split_front_matter

DATA = Path(__file__).parent / "data" / "batch"
LEDGER = ColumnMap(id="story_id", text="story_text", headline="title", date="pubdate", outlet="paper")


def test_folder_is_read_recursively_in_path_order_with_ids_relative_to_the_folder() -> None:
    records = list(read_inputs([str(DATA / "folder")]))
    assert [r.id for r in records] == [
        "folder/brief.txt",
        "folder/latin1-notes.txt",
        "folder/story.json",
        "folder/2024/harbour-vigil.md",
        "folder/2024/library-opening.html",
    ]  # hidden files and other extensions (.csv) are not articles
    assert [r.kind for r in records] == ["text", "text", "json", "markdown", "html"]
    assert all(isinstance(r.data, bytes) for r in records)  # decoded in the worker: bad bytes -> error row


def test_folder_records_become_articles_with_their_metadata() -> None:
    by_id = {r.id: r for r in read_inputs([str(DATA / "folder")])}
    vigil = to_article(by_id["folder/2024/harbour-vigil.md"])
    assert vigil.headline.startswith("Hundreds gather at harbour vigil")
    assert (vigil.outlet, vigil.published) == ("Coastal Courier", "2024-03-14")  # from YAML front matter
    assert "title:" not in vigil.body
    page = to_article(by_id["folder/2024/library-opening.html"])
    assert (page.outlet, page.published[:10]) == ("Westbrook Gazette", "2024-05-02")
    story = to_article(by_id["folder/story.json"])
    assert story.outlet == "Valley Record" and story.url.endswith("brookfield-dealership-shooting")
    with pytest.raises(NofameError, match="not valid UTF-8 at byte 3"):
        to_article(by_id["folder/latin1-notes.txt"])


def test_jsonl_columns_are_mapped_and_bad_lines_become_error_records() -> None:
    records = list(read_inputs([str(DATA / "articles.jsonl")], LEDGER))
    assert len(records) == 12  # 13 lines, one blank
    good = [r for r in records if r.kind == "json"]
    assert [r.id for r in good][:3] == ["ledger-001", "ledger-002", "ledger-003"]
    first = to_article(good[0])
    assert (first.outlet, first.published) == ("Daily Ledger", "2023-11-04")
    assert first.headline.startswith("MADMAN'S BLOODBATH")
    errors = {r.source.rsplit(":", 1)[1]: r for r in records if r.kind == "error"}
    assert "not valid JSON" in errors["4"].error and errors["4"].id.endswith("articles.jsonl:4")
    assert errors["9"].id == "ledger-empty" and "no article text" in errors["9"].error
    assert errors["13"].id == "ledger-latin1" and "not valid UTF-8" in errors["13"].error  # id kept for --resume


def test_jsonl_default_columns_and_cms_fields(tmp_path: Path) -> None:
    line = {"id": 7, "title": "Vigil held", "text": "Mourners gathered.", "date": "2024-01-02", "dek": "A town grieves"}
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(line) + "\n[1, 2]\n", encoding="utf-8")
    records = list(read_jsonl(path, ColumnMap()))
    assert records[0].id == "7"
    article = to_article(records[0])
    assert (article.headline, article.dek, article.published) == ("Vigil held", "A town grieves", "2024-01-02")
    assert records[1].kind == "error" and records[1].error == "line 2 is not a JSON object"


def test_csv_rows_with_html_broken_html_and_bad_bytes() -> None:
    records = list(read_inputs([str(DATA / "pages.csv")]))
    assert [r.id for r in records] == ["page-1", "page-2", "page-3", "page-bad-bytes", "page-no-text", "page-malformed"]
    bad = records[3]
    assert bad.kind == "error" and bad.error == "row at line 5 is not valid UTF-8" and bad.outlet == "Inland Daily"
    with pytest.raises(NofameError, match="no article text found in the HTML"):
        to_article(records[4])
    recovered = to_article(records[5])  # unclosed tags everywhere: lxml recovers the text
    assert recovered.headline.startswith("Bus and tram fares") and "20 cents" in recovered.body
    page3 = to_article(records[2])
    assert page3.images and "pictured" in page3.images[0].caption  # HTML: image rules become checkable


def test_a_named_column_missing_from_a_csv_fails_before_any_work() -> None:
    with pytest.raises(InputError, match="no such column for --text-col story"):
        check_inputs([str(DATA / "pages.csv")], ColumnMap(text="story"))
    with pytest.raises(InputError, match="no such file"):
        check_inputs([str(DATA / "missing.jsonl")], ColumnMap())


def test_a_csv_without_a_text_column_fails_before_any_work(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("story_id,story,paper\n1,Police said,Gazette\n")
    with pytest.raises(InputError, match=r"no article text column \(looked for body, text, content, html"):
        check_inputs([str(path)], ColumnMap())
    check_inputs([str(path)], ColumnMap(text="story"))  # named: fine


def test_non_http_targets_in_a_warc_are_skipped_records(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warc_record("dns:example.org", "response", payload=io.BytesIO(b"1.2.3.4")))
    path = tmp_path / "dns.warc.gz"
    path.write_bytes(buffer.getvalue())
    (record,) = read_inputs([str(path)])
    assert (record.kind, record.skipped) == ("skipped", "non-http")


def test_input_kinds(tmp_path: Path) -> None:
    urls = tmp_path / "list.txt"
    urls.write_text("# my sample\nhttps://example.org/a\n\nhttp://example.org/b\n")
    prose = tmp_path / "draft.txt"
    prose.write_text("https://example.org/a is where the story ran.\n")
    assert input_kind(urls) == "urls" and input_kind(prose) == "article"
    assert input_kind(DATA / "crawl.warc.gz") == "warc" and input_kind(DATA / "folder") == "folder"
    assert input_kind(DATA / "pages.csv") == "csv" and input_kind(DATA / "articles.jsonl") == "jsonl"
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="unknown input type"):
        input_kind(tmp_path / "x.pdf")
    records = list(read_inputs([str(urls)]))
    assert [(r.id, r.kind, r.source) for r in records] == [
        ("https://example.org/a", "url", f"{urls.as_posix()}:2"),
        ("http://example.org/b", "url", f"{urls.as_posix()}:4"),
    ]


def test_warc_html_responses_only_with_their_charset() -> None:
    every = list(read_inputs([str(DATA / "crawl.warc.gz")]))
    # warcinfo, request, a redirect and an image are skipped records, with their reasons: one row each
    assert [(r.kind, r.skipped) for r in every if r.kind != "html"] == [
        ("skipped", "not-response"),
        ("skipped", "not-response"),
        ("skipped", "http-status"),
        ("skipped", "not-html"),
    ]
    assert len({r.id for r in every}) == len(every) == 7
    records = [r for r in every if r.kind == "html"]
    assert [r.url for r in records] == [
        "https://northern-times.example/2024/06/hamilton-mosque",
        "https://science-weekly.example/2024/06/exoplanet",
        "https://rundschau.example/2024/06/hamburg-fest",
    ]
    assert all(r.id.startswith("<urn:uuid:") and "@" in r.source for r in records)
    latin = to_article(records[2])
    assert records[2].charset == "iso8859-1" and "Hamburg" in latin.headline
    assert latin.outlet == "Hamburger Rundschau" and latin.published == "2024-06-20"


def test_a_malformed_warc_record_is_an_error_and_reading_resumes_after_it() -> None:
    records = [r for r in read_inputs([str(DATA / "crawl-damaged.warc")]) if r.kind != "skipped"]
    assert [r.kind for r in records] == ["html", "error", "html", "html"]
    assert "malformed WARC record" in records[1].error and "\x00" not in records[1].error
    assert records[2].url.endswith("exoplanet")


def _warc_bytes(pages: int) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in range(pages):
        body = f"<html><body><h1>Story {i}</h1><p>Text of story {i}.</p></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://example.org/{i}", "response", payload=io.BytesIO(body), http_headers=http
            )
        )
    return buffer.getvalue()


def test_a_corrupt_gzip_member_is_skipped_to_the_next_member(tmp_path: Path) -> None:
    data = _warc_bytes(3)
    second = data.index(b"\x1f\x8b\x08", 10)
    damaged = data[: second + 30] + b"\x00" * 40 + data[second + 70 :]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(damaged)
    records = list(read_inputs([str(path)]))
    assert [r.kind for r in records] == ["html", "error", "html"]
    assert records[2].url == "https://example.org/2"
    assert estimate_total([str(path)]) is None  # WARC: no cheap count, the bar shows a rate only


_STORY = "<html><body><article><h1>Fire at the depot</h1><p>Crews worked through the night.</p></article></body></html>"


def _encoded_warc(tmp_path: Path, payloads: list[tuple[str, bytes]], chunked: bool = False) -> Path:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i, (encoding, body) in enumerate(payloads):
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", encoding)]
        if chunked:
            headers.append(("Transfer-Encoding", "chunked"))
            body = b"".join(f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in (body[:40], body[40:]) if part)
            body += b"0\r\n\r\n"
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.org/{i}", "response", payload=io.BytesIO(body), http_headers=http
        )
        writer.write_record(record)
    path = tmp_path / "encoded.warc.gz"
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("chunked", [False, True])
def test_warc_http_payloads_are_decoded_whatever_their_content_encoding(tmp_path: Path, chunked: bool) -> None:
    story = _STORY.encode()
    payloads = [
        ("gzip", gzip.compress(story)),
        ("x-gzip", gzip.compress(story)),
        ("deflate", zlib.compress(story)),
        ("br", brotli.compress(story)),
        ("gzip, br", brotli.compress(gzip.compress(story))),
        ("gzip", story),  # stored decoded by the crawler, header kept
    ]
    records = list(read_inputs([str(_encoded_warc(tmp_path, payloads, chunked))]))
    assert [r.kind for r in records] == ["html"] * len(payloads)
    assert all(r.data == story for r in records)
    assert to_article(records[3]).headline == "Fire at the depot"


def test_warc_decompression_bomb_and_unknown_encoding_are_error_rows(tmp_path: Path) -> None:
    bomb = gzip.compress(b" " * 20_000_000)  # ~20 KB stored, 20 MB decoded: over the 5 MB cap
    path = _encoded_warc(
        tmp_path, [("gzip", bomb), ("zstd", b"\x28\xb5\x2f\xfd"), ("gzip", gzip.compress(_STORY.encode()))]
    )
    records = list(read_inputs([str(path)]))
    assert [r.kind for r in records] == ["error", "error", "html"]
    assert records[0].error == "payload larger than 5 MB"
    assert "unsupported content encoding 'zstd'" in records[1].error


def test_invalid_utf8_in_a_warc_payload_is_an_error_as_in_every_reader(tmp_path: Path) -> None:
    bad = _STORY.replace("night", "n\xe9ght").encode("latin-1")  # declared UTF-8, but is not
    records = list(read_inputs([str(_encoded_warc(tmp_path, [("identity", bad)]))]))
    with pytest.raises(InputError, match="is not valid UTF-8 at byte"):
        to_article(records[0])
    jsonl = tmp_path / "bad.jsonl"
    jsonl.write_bytes(b'{"body": "' + "n\xe9ght".encode("latin-1") + b'"}\n')
    (line,) = read_inputs([str(jsonl)])
    assert "not valid UTF-8" in line.error


def test_readers_stream_instead_of_loading_a_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl.gz"
    body = "Council members debated the budget for the library and the parks. " * 40
    lines = 6000
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for i in range(lines):
            handle.write(json.dumps({"id": f"n{i}", "headline": f"Story {i}", "body": body}) + "\n")
    raw_size = lines * (len(body) + 60)  # about 16 MB uncompressed
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_inputs([str(path)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == lines
    assert peak < raw_size / 20, f"peak {peak} bytes for a {raw_size}-byte input"
    assert estimate_total([str(path)]) == lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-03-05T10:00:00+01:00", date(2024, 3, 5)),
        ("2024/3/5", date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 10:00:00 GMT", date(2024, 3, 5)),
        ("5 March 2024", date(2024, 3, 5)),
        ("March 5, 2024", date(2024, 3, 5)),
        ("2024-02-30", None),
        ("last Tuesday", None),
        ("", None),
    ],
)
def test_publication_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_front_matter_is_split_off_markdown() -> None:
    front, text = split_front_matter("---\ntitle: A vigil\ndate: 2024-01-02\ntags: [a]\n---\n# A vigil\n\nText.\n")
    assert text.startswith("# A vigil") and front == FrontMatter(headline="A vigil", published="2024-01-02")
    assert split_front_matter("# No front matter\n") == (FrontMatter(), "# No front matter\n")
    crlf, _ = split_front_matter("---  \r\ntitle: A vigil\r\n---\r\nText.\r\n")
    assert crlf.headline == "A vigil"
    # a rule between paragraphs, not YAML: left in the text
    assert split_front_matter("---\nJust a line.\n---\nText.\n")[0] == FrontMatter()


def test_jobs_default_to_one_for_a_small_run(tmp_path: Path) -> None:
    from nofame.batch.local import SMALL_RUN, auto_jobs, default_jobs

    small = tmp_path / "small.jsonl"
    small.write_text('{"body": "x"}\n' * 300)
    assert auto_jobs([str(small)]) == 1
    large = tmp_path / "large.jsonl"
    large.write_text('{"body": "x"}\n' * (SMALL_RUN + 1))
    assert auto_jobs([str(large)]) == default_jobs()
    assert auto_jobs([str(large)], limit=100) == 1  # a trial run with --limit
    assert auto_jobs([str(DATA / "crawl.warc.gz")]) == 1  # a WARC is judged by its size


def test_a_warc_record_without_id_or_uri_is_named_by_its_place(tmp_path: Path) -> None:
    path = tmp_path / "odd.warc"
    path.write_bytes(b"\t\t")  # found by fuzzing: warcio reads a record with no headers at all
    records = list(read_inputs([str(path)]))
    assert records and all(r.id == r.source and r.id.startswith(f"{path.as_posix()}@") for r in records)
