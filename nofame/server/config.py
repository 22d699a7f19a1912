"""Server configuration: Flask config keys, their defaults, and the `[server]` table of a TOML file.

One file can configure both the checks and the server:

    [nofame]                     # what `nofame check --config` reads too
    profile = "no-notoriety"
    allow_hosts = ["cms.intranet"]

    [server]
    api_keys = ["sha256:..."]         # `nofame serve --new-key` prints a key and this line
    rate_limit = "60 per minute"      # checks per API key (or per IP without a key)
    max_request_bytes = 1000000
    page = true                       # serve the web page at /
    public_origin = "https://nofame.example.org"  # where the page is served; its tokens work only there
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nofame.errors import ConfigError
from nofame.settings import Settings, read_toml, settings_from_mapping

DEFAULTS: dict[str, Any] = {
    "NOFAME_SETTINGS": None,  # a Settings; else read from NOFAME_CONFIG_FILE or .nofame.toml in the cwd
    "NOFAME_CONFIG_FILE": None,
    "NOFAME_CHECKER": None,  # a prebuilt Checker (tests, embedding); else built once by create_app
    "NOFAME_API_KEYS": (),  # plain keys or "sha256:<hex>" hashes; only hashes are kept
    "NOFAME_READ_ENV": True,  # also take keys from the NOFAME_API_KEYS environment variable
    "NOFAME_RATE_LIMIT": "60 per minute",  # checking endpoints, per API key or client IP
    "NOFAME_RATE_LIMIT_DEFAULT": "600 per minute",  # every other endpoint except /healthz and static files
    "NOFAME_ALLOW_HOSTS": (),  # internal hosts URL checks may reach, added to the settings' allow_hosts
    "NOFAME_FETCH_TIMEOUT": 15.0,  # seconds for a URL fetch (connect timeout is 5 s)
    "NOFAME_PAGE": True,  # serve the web page at /
    "NOFAME_PAGE_TOKEN_MINUTES": 120,  # how long a page token lasts (the page fetches a new one when it expires)
    "NOFAME_PUBLIC_ORIGIN": None,  # e.g. "https://nofame.example.org": page tokens work only from there
    "NOFAME_REQUEST_DEADLINE": 20.0,  # seconds a request may run under `nofame serve` (0: none); then 503
    "NOFAME_REQUEST_MEMORY_MB": 1000,  # MB a worker may grow by during one request under `nofame serve`; then 503
    "MAX_CONTENT_LENGTH": 1_000_000,  # bytes per request body; larger requests get 413
    "RATELIMIT_STORAGE_URI": "memory://",
}

_SERVER_KEYS = {
    "api_keys": ("NOFAME_API_KEYS", list),
    "rate_limit": ("NOFAME_RATE_LIMIT", str),
    "rate_limit_default": ("NOFAME_RATE_LIMIT_DEFAULT", str),
    "max_request_bytes": ("MAX_CONTENT_LENGTH", int),
    "fetch_timeout": ("NOFAME_FETCH_TIMEOUT", (int, float)),
    "page": ("NOFAME_PAGE", bool),
    "public_origin": ("NOFAME_PUBLIC_ORIGIN", str),
    "request_deadline": ("NOFAME_REQUEST_DEADLINE", (int, float)),
    "request_memory_mb": ("NOFAME_REQUEST_MEMORY_MB", int),
    "rate_limit_storage": ("RATELIMIT_STORAGE_URI", str),
    "page_token_minutes": ("NOFAME_PAGE_TOKEN_MINUTES", int),
}


def read_config_file(path: Path) -> tuple[Settings, dict[str, Any]]:
    """A TOML file -> (check settings, Flask config from its `[server]` table)."""
    data = read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {})
        checks = dict(data.get("nofame", {}))
        server = checks.pop("server", {})
    else:
        server = data.pop("server", {})
        checks = data.get("nofame", data)
    return settings_from_mapping(checks, str(path), path.parent), server_config(server, f"{path} [server]")


def server_config(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where} must be a table")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _SERVER_KEYS:
            raise ConfigError(f"{where}: unknown setting {key!r}; known: {', '.join(_SERVER_KEYS)}")
        name, expected = _SERVER_KEYS[key]
        if isinstance(value, bool) and expected is not bool:
            raise ConfigError(f"{where}: {key!r} must not be a boolean")
        if not isinstance(value, expected) or (expected is list and not all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{where}: {key!r} has the wrong type")
        if key in ("max_request_bytes", "fetch_timeout", "page_token_minutes") and value <= 0:
            raise ConfigError(f"{where}: {key!r} must be positive")
        out[name] = tuple(value) if isinstance(value, list) else value
    return out
