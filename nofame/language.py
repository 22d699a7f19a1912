"""Which language an article is written in. nofame's rules, lexicons and models are English: an article
in another language is refused with a reason, never checked and silently judged "not about an attack"."""

from __future__ import annotations

from dataclasses import dataclass

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from nofame.article import Article
from nofame.errors import InputError

SUPPORTED = frozenset({"en"})
# py3langid is unsure on a few words ("John Doe" comes out as Acehnese at 2%): a language other than
# English is believed only when the detector is this sure, and otherwise the declared language (HTML
# lang, CMS `language`) or English stands.
CONFIDENT = 0.9
# Enough text to judge: the headline, dek and the opening of the body. Longer texts add time, not accuracy.
SAMPLE_CHARS = 1500
NAMES = {
    "en": "English", "de": "German", "fr": "French", "it": "Italian", "es": "Spanish", "pt": "Portuguese",
    "nl": "Dutch", "tr": "Turkish", "sv": "Swedish", "no": "Norwegian", "nb": "Norwegian", "da": "Danish",
    "fi": "Finnish", "pl": "Polish", "cs": "Czech", "sr": "Serbian", "ru": "Russian", "uk": "Ukrainian",
    "ar": "Arabic", "he": "Hebrew", "th": "Thai", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
}  # fmt: skip


class UnsupportedLanguage(InputError):
    """The article is not in a language nofame checks."""

    def __init__(self, guess: LanguageGuess) -> None:
        self.guess = guess
        super().__init__(
            f"the article is in {guess.name} ({guess.code}, confidence {guess.confidence:.2f}); "
            "nofame's rules are written for English articles only"
        )


@dataclass(frozen=True)
class LanguageGuess:
    code: str  # ISO 639-1
    confidence: float  # the detector's probability; 0.0 when the declared language was used

    @property
    def name(self) -> str:
        return NAMES.get(self.code, self.code)

    @property
    def supported(self) -> bool:
        return self.code in SUPPORTED


@dataclass(frozen=True)
class LanguageDetector:
    """py3langid's model (97 languages, trained on news, government and web text), loaded once."""

    identifier: LanguageIdentifier

    def detect_text(self, text: str, declared: str = "") -> LanguageGuess:
        code, probability = self.identifier.classify(text[:SAMPLE_CHARS])
        if probability >= CONFIDENT:
            return LanguageGuess(str(code), round(float(probability), 3))
        return LanguageGuess(declared or "en", 0.0)

    def detect(self, article: Article) -> LanguageGuess:
        parts = (article.headline, article.dek, article.body)
        return self.detect_text("\n".join(p for p in parts if p), declared=article.language)


def load_language_detector() -> LanguageDetector:
    return LanguageDetector(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
