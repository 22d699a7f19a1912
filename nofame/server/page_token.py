"""The page's token: lets the server's own page call the API when API keys are required.

A token is an HMAC over the time it was issued and the origin it was issued for, so it is worth
nothing anywhere else. It is accepted only on a request that a browser marks as coming from that
same origin: `Origin` equal to it, `Host` naming it, and `Sec-Fetch-Site` (when sent) `same-origin`.
The origin is the configured `public_origin`; without one, the origin the page was served from.

What this does not do: a program that fetches the page can send the same headers a browser would.
The token keeps the page usable without handing out keys and stops other sites from using the page's
access through their visitors' browsers; it does not authenticate anyone. Rate limits still apply.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from nofame.errors import ConfigError

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_origin(value: str) -> str:
    """`scheme://host[:port]` in lower case, the default port dropped; ConfigError when not an origin."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        raise ConfigError(f"public_origin {value!r} is not a valid origin") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname or parts.path.strip("/") or parts.query:
        raise ConfigError(f"public_origin {value!r} must look like https://nofame.example.org (no path)")
    host = parts.hostname.lower()
    host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{host}" + (f":{port}" if port and port != _DEFAULT_PORTS[scheme] else "")


def _mac(secret: bytes, issued: str, origin: str) -> str:
    return hmac.new(secret, f"nofame-page:{issued}:{origin}".encode(), hashlib.sha256).hexdigest()


def issue(secret: bytes, origin: str, now: float | None = None) -> str:
    issued = str(int(now if now is not None else time.time()))
    return f"{issued}.{_mac(secret, issued, origin)}"


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""  # why not: "expired", "other origin", "not same-origin", "invalid"


def verify(
    secret: bytes,
    token: str,
    *,
    origin: str,
    max_age: float,
    origin_header: str | None,
    host_header: str,
    fetch_site: str | None,
    now: float | None = None,
) -> Verdict:
    """Whether a request carrying `token` may call the API as the page of `origin`."""
    if fetch_site is not None and fetch_site != "same-origin":
        return Verdict(False, "not same-origin")
    try:
        sent_origin = normalise_origin(origin_header or "")
    except ConfigError:
        return Verdict(False, "not same-origin")
    if sent_origin != origin or not _host_names(host_header, origin):
        return Verdict(False, "other origin")
    issued, _, mac = token.partition(".")
    if not issued.isdigit() or not hmac.compare_digest(mac, _mac(secret, issued, origin)):
        return Verdict(False, "invalid")
    age = (now if now is not None else time.time()) - int(issued)
    if not -60 <= age <= max_age:
        return Verdict(False, "expired")
    return Verdict(True)


def _host_names(host_header: str, origin: str) -> bool:
    """Whether a `Host` header names the origin's host (`example.org:443` names `https://example.org`)."""
    scheme, _, netloc = origin.partition("://")
    return host_header.lower() in (netloc, f"{netloc}:{_DEFAULT_PORTS[scheme]}")
