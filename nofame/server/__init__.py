"""The Flask app: the page for journalists, the JSON API, and the LanguageTool-compatible API.

`create_app(config)` builds the costly Checker once and keeps it in `app.extensions["nofame"]`;
every request is a pure `check(checker, article, settings)` with per-request settings.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask
from flask_limiter import Limiter

from nofame import __version__
from nofame.checker import build_checker
from nofame.resources import data_dir
from nofame.server import api, deadline, errors, languagetool, memory_guard, pages, security
from nofame.server.config import DEFAULTS, read_config_file
from nofame.server.openapi import build_openapi
from nofame.server.page_token import normalise_origin
from nofame.server.security import KeyRing, client_identity, parse_keys
from nofame.server.state import ServerState
from nofame.settings import load_settings

# Endpoints that run the checker: they share one stricter rate limit per API key or address.
CHECK_ENDPOINTS = ("api.check_article", "api.rewrite_article", "languagetool.check_text")


def create_app(config: dict[str, Any] | None = None) -> Flask:
    web = data_dir("web")
    app = Flask(__name__, template_folder=str(web / "templates"), static_folder=str(web / "static"))
    app.config.update(DEFAULTS)
    config = dict(config or {})
    settings = config.get("NOFAME_SETTINGS")
    config_file = config.get("NOFAME_CONFIG_FILE")
    if config_file is not None:
        file_settings, server_config = read_config_file(Path(config_file))
        settings = settings or file_settings
        app.config.update(server_config)
    app.config.update(config)
    settings = settings or load_settings()
    app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600
    app.json.sort_keys = False  # keep the report's field order
    app.json.ensure_ascii = False

    key_entries = _listed(app.config["NOFAME_API_KEYS"])
    if app.config["NOFAME_READ_ENV"]:
        # Read once and removed, so plain keys do not outlive start-up in the environment (which child
        # processes inherit and /proc/PID/environ shows); only their hashes are kept.
        key_entries += os.environ.pop("NOFAME_API_KEYS", "").split(",")
    checker = app.config["NOFAME_CHECKER"] or build_checker(settings)
    app.config["NOFAME_CHECKER"] = None  # the app holds it in extensions; config stays plain data
    app.config["NOFAME_API_KEYS"] = ()  # only the hashes are kept
    app.extensions["nofame"] = checker
    app.extensions["nofame.server"] = ServerState(
        checker=checker,
        settings=settings,
        keys=KeyRing(parse_keys(key_entries)),
        secret=_secret(app.config.get("SECRET_KEY")),
        public_origin=normalise_origin(origin) if (origin := app.config["NOFAME_PUBLIC_ORIGIN"]) else None,
        allow_hosts=frozenset(_listed(app.config["NOFAME_ALLOW_HOSTS"])),
        fetch_timeout=float(app.config["NOFAME_FETCH_TIMEOUT"]),
        openapi=build_openapi(
            (rule.id for rule in checker.rules), app.config["MAX_CONTENT_LENGTH"], page=app.config["NOFAME_PAGE"]
        ),
    )

    app.context_processor(lambda: {"version": __version__})
    errors.register(app)
    security.install(app)
    deadline.install(app)  # before the limiter: request ids and timing start first
    memory_guard.install(app)
    limiter = Limiter(
        client_identity,
        app=app,
        default_limits=[lambda: app.config["NOFAME_RATE_LIMIT_DEFAULT"]],
        storage_uri=app.config["RATELIMIT_STORAGE_URI"],
        headers_enabled=True,
        strategy="fixed-window",
    )
    if app.config["NOFAME_PAGE"]:
        app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(languagetool.bp)
    checks = limiter.shared_limit(lambda: app.config["NOFAME_RATE_LIMIT"], scope="checks")
    for endpoint in CHECK_ENDPOINTS:
        app.view_functions[endpoint] = checks(app.view_functions[endpoint])
    limiter.exempt(app.view_functions["api.healthz"])
    limiter.exempt(app.view_functions["static"])
    app.extensions["nofame.limiter"] = limiter
    return app


def _listed(value: str | Any) -> list[str]:
    """A list from config, where a single string may hold comma-separated entries."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value or ())


def _secret(value: str | bytes | None) -> bytes:
    if not value:
        return secrets.token_bytes(32)  # page tokens then last as long as the process
    return value.encode("utf-8") if isinstance(value, str) else value
