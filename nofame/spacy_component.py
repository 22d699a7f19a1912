"""`nlp.add_pipe("nofame")`: a spaCy component that sets `doc._.nofame` to the nofame Report of the doc.

For researchers whose texts already go through a spaCy pipeline. The component checks `doc.text` as
an article body with nofame's own pipeline (its rules were compiled against that model's vocabulary
and labels), so the user's pipeline can be any model or language setup; the nofame checker is built
on the first doc, not when the pipeline is assembled. spaCy finds the factory through the
`spacy_factories` entry point, so `import nofame` is not needed before `add_pipe`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from nofame.api import Checker, make_settings
from nofame.report import Report

EXTENSION = "nofame"
if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


class NofameComponent:
    """Sets `doc._.nofame`; texts that cannot be checked (empty, another language) get None."""

    def __init__(self, name: str, settings: dict[str, Any]) -> None:
        self.name = name
        self.settings = make_settings(None, **settings)
        self._checker: Checker | None = None  # built on the first doc: spaCy loads are seconds

    @property
    def checker(self) -> Checker:
        if self._checker is None:
            self._checker = Checker(self.settings)
        return self._checker

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(EXTENSION, self._report(doc.text))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        """Docs in batches: their texts are parsed together (one report each, or None as in __call__)."""
        from nofame.errors import InputError

        for batch in minibatch(docs, size=batch_size):
            try:
                reports: list[Report | None] = list(self.checker.check_many([doc.text for doc in batch]))
            except InputError:  # one text cannot be checked: the others still get their reports
                reports = [self._report(doc.text) for doc in batch]
            for doc, report in zip(batch, reports, strict=True):
                doc._.set(EXTENSION, report)
                yield doc

    def _report(self, text: str) -> Report | None:
        from nofame.errors import InputError

        if not text.strip():
            return None
        try:
            return self.checker.check(text)
        except InputError:  # unsupported language, nothing to check: no report, not a crash mid-pipeline
            return None


@Language.factory(
    "nofame",
    default_config={"profile": None, "disabled_rules": [], "perpetrators": []},
)
def make_nofame(
    nlp: Language, name: str, profile: str | None, disabled_rules: list[str], perpetrators: list[str]
) -> NofameComponent:
    settings: dict[str, Any] = {"disabled_rules": disabled_rules, "perpetrators": perpetrators}
    if profile:
        settings["profile"] = profile
    return NofameComponent(name, settings)
