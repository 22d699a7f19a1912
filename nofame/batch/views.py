"""What the report and compare templates show: sections of text, tables and figures, ready to render.

Every table carries its own CSV (the full rows, unformatted) as a data: URL and every figure its PNG
and SVG, so that a saved page is the whole study: downloads work offline and need no server and no
script. Jinja2 (it ships with Flask) renders the pages from templates shipped as package data.
"""

from __future__ import annotations

import base64
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

Cell = str | Markup


@dataclass(frozen=True)
class FigureView:
    """A chart drawn twice, as PNG and SVG data: URLs, with the alt text that says what it shows."""

    name: str
    png: str
    svg: str
    alt: str


@dataclass(frozen=True)
class TableView:
    name: str  # file name of its CSV, without .csv
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]  # as shown
    csv_headers: tuple[str, ...] = ()
    csv_rows: tuple[tuple[Any, ...], ...] = ()  # as downloaded: plain values, every row
    numeric: frozenset[int] = frozenset()
    caption: str = ""
    collapsed: bool = False  # in a <details> (long tables under a chart)

    @property
    def csv_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def csv_url(self) -> str:
        headers = self.csv_headers or self.headers
        rows = self.csv_rows if self.csv_headers else tuple(tuple(_plain(c) for c in row) for row in self.rows)
        return data_url(to_csv(headers, rows), "text/csv;charset=utf-8")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    paragraphs: tuple[Cell, ...] = ()
    figures: tuple[FigureView, ...] = ()
    tables: tuple[TableView, ...] = ()
    items: tuple[Cell, ...] = ()  # a bullet list
    subsections: tuple[Section, ...] = field(default=())


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue()


def data_url(text: str | bytes, mime: str) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def render_figure(fig: Figure, name: str, alt: str) -> FigureView:
    """The figure as PNG (for slides) and SVG (for print); fonts stay text in the SVG, no date stamps."""
    FigureCanvasAgg(fig)
    png, svg = io.BytesIO(), io.BytesIO()
    fig.savefig(png, format="png", dpi=110, bbox_inches="tight")
    fig.savefig(svg, format="svg", bbox_inches="tight", metadata={"Date": None})
    return FigureView(name, data_url(png.getvalue(), "image/png"), data_url(svg.getvalue(), "image/svg+xml"), alt)


def _plain(cell: Any) -> str:
    if isinstance(cell, Markup):
        return cell.striptags()
    return str(cell)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "table"


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("nofame.batch", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env
