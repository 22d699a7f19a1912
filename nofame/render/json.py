"""`nofame.report/v1` as JSON text."""

from __future__ import annotations

import json

from nofame.report import Report


def render_json(report: Report, draft: str | None = None) -> str:
    data = report.to_dict()
    if draft is not None:
        data["draft"] = draft
    return json.dumps(data, ensure_ascii=False, indent=2)
