"""The immutable Checker and the pure function that checks one article with it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language

from nofame.actors import ActorLexicon, Cast, find_cast, load_actor_lexicon
from nofame.actors.dated import mark_dated_attackers
from nofame.actors.past import EMPTY as EMPTY_PAST
from nofame.actors.past import (
    NAMED_CUE,
    PastPerpetrators,
    load_past_perpetrators,
    mark_earlier_attackers,
    name_listed_perpetrator,
)
from nofame.analysis import Analysis, find_perpetrator_sentences, split_sentences
from nofame.article import Article
from nofame.context import ArticleContext, ContextLexicon, article_context, load_context_lexicon
from nofame.errors import InputError, RuleError
from nofame.fold import fold
from nofame.language import LanguageDetector, LanguageGuess, UnsupportedLanguage, load_language_detector
from nofame.model.framing import model_framing
from nofame.model.predict import Models, load_models
from nofame.model.relevance import apply_relevance
from nofame.model.relevance import probabilities as attack_probabilities
from nofame.model.roles import apply_roles
from nofame.nlp import load_pipeline, parse
from nofame.parse_needs import rule_needs
from nofame.partial_parse import SentenceNeeds
from nofame.profiles import get_profile
from nofame.report import SEVERITY_RANK, Finding, Report
from nofame.resources import data_dir, lexicon_path
from nofame.ruleset.compile import CompiledRules, compile_rules
from nofame.ruleset.custom import builtin_functions
from nofame.ruleset.findings import finding_of
from nofame.ruleset.kinds import DECLARATIVE_KINDS
from nofame.ruleset.load import load_rules
from nofame.ruleset.match import match_patterns, requirements_met
from nofame.ruleset.registry import Needs, RuleFunctions
from nofame.ruleset.schema import Rule
from nofame.settings import Settings
from nofame.stats import article_stats, summarise_actors

# Texts parsed together by spaCy. Memory grows with the tokens in a batch: 8 long articles' fields
# keep one checking process under 500 MB, and larger batches are no faster on CPU.
PIPE_BATCH = 8


@dataclass(frozen=True)
class Checker:
    """Everything costly, built once: the spaCy pipeline, compiled rules, lexicons, settings, models."""

    nlp: Language
    rules: tuple[Rule, ...]
    compiled: CompiledRules
    actor_lexicon: ActorLexicon
    context_lexicon: ContextLexicon
    settings: Settings
    models: Models = field(default_factory=Models)  # the trained models the `models` setting enables
    language: LanguageDetector = field(default_factory=load_language_detector)
    past_perpetrators: PastPerpetrators = EMPTY_PAST
    functions: RuleFunctions = field(default_factory=lambda: rule_functions())
    # The sentences to tag and parse (nofame.parse_needs); None, the default, parses every sentence: with
    # today's rules the partial parse covers three sentences in four and saves no measurable time.
    parse_needs: SentenceNeeds | None = None

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise RuleError(f"unknown rule {rule_id!r}; `nofame rules` lists them")


def build_checker(
    settings: Settings | None = None,
    *,
    rules_dir: Path | None = None,
    nlp: Language | None = None,
    models_dir: Path | None = None,
    partial_parse: bool = False,
    models: Models | None = None,
) -> Checker:
    """`models`: the trained models, already loaded (a worker process gets them from its parent); by
    default they are loaded from `models_dir` or the settings' at the versions the settings pin."""
    settings = settings or Settings()
    rules_root = rules_dir or data_dir("rules")
    if models is None:
        models = load_models(settings.models, models_dir or settings.models_dir)
    rules = load_rules(rules_root, settings.rules_dirs)
    functions = rule_functions()
    functions.check(rules)
    nlp = nlp or load_pipeline()
    compiled = compile_rules(nlp, rules)
    context_lexicon = load_context_lexicon(lexicon_path("context", rules_root))
    return Checker(
        nlp=nlp,
        rules=rules,
        compiled=compiled,
        actor_lexicon=load_actor_lexicon(lexicon_path("actors", rules_root)),
        context_lexicon=context_lexicon,
        past_perpetrators=load_past_perpetrators(lexicon_path("past-perpetrators", rules_root)),
        settings=settings,
        models=models,
        functions=functions,
        parse_needs=rule_needs(nlp, compiled, context_lexicon) if partial_parse else None,
    )


def rule_functions() -> RuleFunctions:
    """The engine's rule functions: the built-in ones, and those that read a trained model."""
    return builtin_functions().register("model_framing", model_framing, model="framing", needs=Needs(("min_words",)))


def check(checker: Checker, article: Article, settings: Settings | None = None) -> Report:
    """Check one article; `settings` overrides the checker's (per request: profile, names, rules)."""
    return check_many(checker, [article], settings)[0]


def check_many(checker: Checker, articles: Iterable[Article], settings: Settings | None = None) -> list[Report]:
    """Check several articles, parsing all their fields in one `nlp.pipe` stream (long ones in pieces)."""
    return [report for _, report in _analyse_many(checker, articles, settings)]


def analyse(checker: Checker, article: Article, settings: Settings | None = None) -> tuple[Analysis, Report]:
    """Check one article and keep what the check read (docs, cast, context): the rewrite needs the parse."""
    return next(_analyse_many(checker, [article], settings))


def _analyse_many(
    checker: Checker, articles: Iterable[Article], settings: Settings | None
) -> Iterator[tuple[Analysis, Report]]:
    """The analysis and report of every article, on the text as written, one article at a time: an
    analysis holds its article's Docs, and `check_many` keeps only the reports (memory stays that of one
    article and one parse batch, however many articles are checked together). The drafts are validated
    before the first one is parsed.

    Rules read the folded text (fullwidth and other compatibility forms as plain letters, symbols as
    spaces); it has the original's length, so offsets hold for both, and the analysis and report carry
    the text as written, so that a rewrite keeps every character it does not edit."""
    settings = settings or checker.settings
    articles = list(articles)
    field_sets = [article.fields() for article in articles]
    for fields in field_sets:
        if not any(fields.get(name, "").strip() for name in ("body", "headline")):
            raise InputError("the draft is empty: give a headline or body text")
    languages = [checker.language.detect(article) for article in articles]
    for guess in languages:
        if not guess.supported:
            raise UnsupportedLanguage(guess)
    folded_sets = [{name: fold(text) for name, text in fields.items()} for fields in field_sets]
    texts = [text for folded in folded_sets for text in folded.values()]
    return _analyses(checker, articles, field_sets, folded_sets, languages, texts, settings)


def _analyses(
    checker: Checker,
    articles: list[Article],
    field_sets: list[dict[str, str]],
    folded_sets: list[dict[str, str]],
    languages: list[LanguageGuess],
    texts: list[str],
    settings: Settings,
) -> Iterator[tuple[Analysis, Report]]:
    relevance = attack_probabilities(checker.models.active("relevance", settings), folded_sets)
    docs_iter = parse(checker.nlp, texts, batch_size=PIPE_BATCH, needs=checker.parse_needs)
    for article, fields, folded, guess, probability in zip(
        articles, field_sets, folded_sets, languages, relevance, strict=True
    ):
        docs = {name: next(docs_iter) for name in folded}
        analysis, report = _check_docs(checker, article, folded, docs, settings, guess, probability)
        if folded != fields:
            analysis, report = replace(analysis, texts=fields), _as_written(report, fields, folded)
        yield analysis, report


def _as_written(report: Report, fields: dict[str, str], folded: dict[str, str]) -> Report:
    """The report on the folded text shown on the text as written: fields, and each finding's text."""
    findings = []
    for finding in report.findings:
        original, seen = fields.get(finding.field), folded.get(finding.field)
        if original is not None and seen is not None and seen[finding.start : finding.end] == finding.text:
            finding = replace(finding, text=original[finding.start : finding.end])
        findings.append(finding)
    return replace(report, fields=fields, findings=tuple(findings))


def _check_docs(
    checker: Checker,
    article: Article,
    fields: dict,
    docs: dict,
    settings: Settings,
    language: LanguageGuess,
    relevance: float | None = None,
) -> tuple[Analysis, Report]:
    profile = get_profile(settings.profile)
    models = checker.models.for_settings(settings)
    lexical = article_context(docs, fields, checker.context_lexicon)
    cast = find_cast(
        docs,
        perpetrator_names=settings.perpetrators,
        lexicon=checker.actor_lexicon,
        texts=fields,
        attack=lexical.attack_story,
    )
    context, model_stats = apply_relevance(
        models.get("relevance"),
        fields,
        _attacker_acted(_several_harmed(lexical, cast), cast),
        perpetrator_found=bool(cast.perpetrators),
        probability=relevance,
    )
    cast = apply_roles(models.get("roles"), cast, fields, attack=context.attack)
    if settings.builtin_past_perpetrators:
        cast, context = _listed_attack(checker.past_perpetrators, cast, context)
        cast = mark_earlier_attackers(
            cast, checker.past_perpetrators, fields, attacker_unnamed=context.attacker_unnamed
        )
    cast = mark_dated_attackers(cast, fields)
    sentences = split_sentences(docs)
    analysis = Analysis(
        article=article,
        docs=docs,
        texts=fields,
        cast=cast,
        context=context,
        profile=profile,
        settings=settings,
        lexicon=checker.context_lexicon,
        perpetrator_sentences=find_perpetrator_sentences(sentences, fields, cast, checker.context_lexicon),
        rule_lexicons=checker.compiled.lexicons,
        sentences=sentences,
        sentence_starts={name: tuple(s.start_char for s in sents) for name, sents in sentences.items()},
        models=models,
    )
    active, not_checkable = _active_rules(checker.rules, article, settings)
    findings: list[Finding] = list(match_patterns(checker.compiled, analysis, frozenset(r.id for r in active)))
    for rule in active:
        evaluate = checker.functions[rule.function] if rule.function else DECLARATIVE_KINDS.get(rule.kind)
        needs = checker.functions.models.get(rule.function)
        if evaluate is not None and requirements_met(rule, analysis) and (not needs or needs in models):
            findings.extend(finding_of(rule, analysis, m) for m in evaluate(rule, analysis))
    kept = [f for f in findings if not article.is_suppressed(f.rule, f.field, f.start)]
    order = {name: i for i, name in enumerate(fields)}
    kept.sort(key=lambda f: (order.get(f.field, len(order)), f.start, -SEVERITY_RANK[f.severity], f.rule))
    return analysis, Report(
        profile=profile.name,
        fields=fields,
        actors=summarise_actors(cast, about_attack=analysis.naming_applies),
        stats={**article_stats(analysis), **model_stats, "language_confidence": language.confidence},
        findings=tuple(_dedupe(kept)),
        not_checkable=tuple(sorted(not_checkable)),
        language=language.code,
    )


# Cues that say a person was hurt in the attack, not merely named near it.
_HARM_CUES = ("harmed:", "victim-list")


def _several_harmed(context: ArticleContext, cast: Cast) -> ArticleContext:
    """Several people the story names as shot, stabbed or killed are several victims, though no count is
    written ("Dane was shot ... Purcell and Lowry were wounded"); an official shot is one of them. With
    attack words, or in a court report, that is an attack: the harm they suffered is the casualty the
    lexicon looks for."""
    if context.several_victims:
        return context
    harmed = sum(1 for a in cast.actors if a.role != "perpetrator" and any(c.startswith(_HARM_CUES) for c in a.cues))
    if harmed < 2:
        return context
    return replace(context, several_victims=True, attack=context.attack or context.attack_words or context.court)


# Cues of a perpetrator noun given to the attacker ("suicide bombers A and B", "gunman A", "identified as the shooter").
_NAMED_ATTACKER = ("title:", "apposition:", "identified:")


def _attacker_acted(context: ArticleContext, cast: Cast) -> ArticleContext:
    """A person the story says attacked people, with a count of victims and a casualty word, is an attack
    though no attack word is written: "NAME, who killed five people in the town, asks to be released", "the
    settler who killed 29 worshippers" (arming himself alone is not an act against anyone). So is a story
    with attack words and several victims that writes no casualty word, once it names the attacker as one
    ("Two explosions ripped through the airport ... suicide bombers A and B attacked it")."""
    if context.attack:
        return context
    counted = context.counted and context.casualty
    several = context.attack_words and context.several_victims
    if not (counted or several):
        return context
    cues = [c for a in cast.perpetrators for c in a.cues]
    acted = any(c.startswith("agency:") and c != "agency:armed" for c in cues)
    named = several and any(c.startswith(_NAMED_ATTACKER) for c in cues)
    return replace(context, attack=True) if acted or named else context


def _listed_attack(known: PastPerpetrators, cast: Cast, context: ArticleContext) -> tuple[Cast, ArticleContext]:
    """A listed attacker the story names becomes its perpetrator when it found none, and the story is about his
    attack though it counts no victims ("Details on NAME are surfacing": a profile in the days after)."""
    cast = name_listed_perpetrator(cast, known, context)
    if any(NAMED_CUE in a.cues for a in cast.perpetrators):
        context = replace(context, attack=True)
    return cast, context


def _active_rules(rules: tuple[Rule, ...], article: Article, settings: Settings) -> tuple[list[Rule], list[str]]:
    active, not_checkable = [], []
    for rule in rules:
        if rule.id in settings.disabled_rules or (rule.status == "preview" and not settings.include_preview):
            continue
        if rule.media_needed - article.media:
            not_checkable.append(rule.id)
            continue
        active.append(rule)
    return active, not_checkable


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, int, int]] = set()
    out = []
    for f in findings:
        key = (f.rule, f.field, f.start, f.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
