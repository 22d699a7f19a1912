"""The models one Checker loaded, and how the engine asks for them.

Models are loaded once, when the checker is built, from the versions the `models` setting pins. A
pinned model that is missing or does not match is an error there, never a silent fallback. Per
request, settings may switch a loaded model off; switching on one the checker did not load is an
error too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from nofame.model.bundle import Bundle, ModelError, check_name, load_bundle
from nofame.settings import Settings


@dataclass(frozen=True)
class Models:
    bundles: Mapping[str, Bundle] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def pins(self) -> dict[str, str]:
        return {name: bundle.version for name, bundle in self.bundles.items()}

    def for_settings(self, settings: Settings) -> dict[str, Bundle]:
        """The loaded models these settings enable, by name; an error for one enabled but not loaded."""
        active = {}
        for name, _ in settings.models:
            bundle = self.active(name, settings)
            if bundle is not None:
                active[name] = bundle
        return active

    def active(self, name: str, settings: Settings) -> Bundle | None:
        """The loaded model `name` if these settings enable it; None when they switch it off."""
        pinned = dict(settings.models).get(name)
        if pinned is None:
            return None
        bundle = self.bundles.get(name)
        if bundle is None or bundle.version != pinned:
            loaded = bundle.version if bundle else "none"
            raise ModelError(
                f"model {name} {pinned} is enabled in these settings but the checker loaded {loaded}; "
                "build the checker with the same `models` setting"
            )
        return bundle


def load_models(pins: Iterable[tuple[str, str]], root: Path | None = None) -> Models:
    bundles = {}
    for name, version in pins:
        check_name(name)
        bundles[name] = load_bundle(name, version, root)
    return Models(MappingProxyType(bundles))
