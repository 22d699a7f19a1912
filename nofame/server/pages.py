"""The page for journalists: paste a draft (or a URL), check it, fix it. It never stores the draft:
the page posts to the JSON API and renders the report in the browser."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template

from nofame import __version__
from nofame.profiles import PROFILES
from nofame.report import SEVERITIES
from nofame.server.page_token import issue
from nofame.server.security import page_origin
from nofame.server.state import ServerState

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> Response:
    server: ServerState = current_app.extensions["nofame.server"]
    html = render_template(
        "index.html",
        version=__version__,
        profiles=list(PROFILES.values()),
        default_profile=server.settings.profile,
        default_perpetrators=", ".join(server.settings.perpetrators),
        page_token=issue(server.secret, page_origin()),
        max_bytes=current_app.config["MAX_CONTENT_LENGTH"],
        rule_count=len(server.checker.rules),
        severities=SEVERITIES,
    )
    return Response(html, mimetype="text/html")
