"""What the app builds once and every request reads: the Checker, settings, keys, the OpenAPI document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nofame.checker import Checker
from nofame.server.security import KeyRing
from nofame.settings import Settings
from nofame.sources import FetchSettings


@dataclass(frozen=True)
class ServerState:
    checker: Checker
    settings: Settings  # the server's defaults; each request may override profile, names, rules
    keys: KeyRing
    secret: bytes  # signs the page's token
    public_origin: str | None = None  # the origin page tokens are bound to; None: the page's own
    allow_hosts: frozenset[str] = frozenset()
    fetch_timeout: float = 15.0
    openapi: dict[str, Any] = field(default_factory=dict)

    @property
    def rule_ids(self) -> frozenset[str]:
        return frozenset(rule.id for rule in self.checker.rules)

    def fetch_settings(self, settings: Settings) -> FetchSettings:
        return FetchSettings(allow_hosts=settings.allow_hosts | self.allow_hosts, read_timeout=self.fetch_timeout)
