"""`nofame.report/v1` as JSON text."""

from __future__ import annotations

import json
from typing import Any

from nofame.report import Report


def render_json(report: Report, rewrite: dict[str, Any] | None = None) -> str:
    """The report; with a rewrite, also its draft, suggested fields, role noun and edits."""
    data = report.to_dict()
    if rewrite is not None:
        data.update(rewrite)
    return json.dumps(data, ensure_ascii=False, indent=2)
