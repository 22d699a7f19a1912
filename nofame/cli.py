"""The command line: check, rewrite, rules, explain. Exit codes: 0 clean, 1 findings, 2 bad input."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any

import click

from nofame import __version__
from nofame.article import Article
from nofame.checker import Checker, build_checker, check
from nofame.errors import NofameError
from nofame.extras import require_extra
from nofame.model import MODEL_NAMES
from nofame.profiles import PROFILES
from nofame.render.json import render_json
from nofame.render.text import render_text
from nofame.report import SEVERITIES, Report, severity_at_least
from nofame.rewrite import rewrite
from nofame.ruleset.load import load_rules
from nofame.settings import Settings, load_settings
from nofame.sources import FetchSettings, load_article

EXIT_FINDINGS = 1
EXIT_INPUT = 2


def friendly_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """A bad draft, URL, rule or config is one clear line and exit code 2, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except NofameError as exc:
            click.echo(f"nofame: error: {exc}", err=True)
            sys.exit(EXIT_INPUT)

    return wrapper


def _bounded(flag: str, bounds: click.ParamType, default: float, text: str) -> Callable[..., Any]:
    """A number option within bounds, its default shown in --help: one line per option."""
    return click.option(flag, type=bounds, default=default, show_default=True, help=text)


def article_options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.argument("source"),
        click.option("--headline", help="Headline for a plain-text draft."),
        click.option(
            "--input-format",
            "fmt",
            type=click.Choice(["text", "markdown", "html", "json"]),
            help="Input format (default: by extension or content).",
        ),
        click.option("--profile", type=click.Choice(list(PROFILES)), help="Threshold profile."),
        click.option("--perpetrator", "perpetrators", multiple=True, help="Perpetrator's name (repeatable)."),
        click.option("--disable", "disabled", multiple=True, help="Rule id to skip (repeatable)."),
        click.option("--preview", is_flag=True, help="Also run rules whose status is preview."),
        click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="A .nofame.toml file."),
        click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _run_check(**options: Any) -> tuple[Checker, Report]:
    checker, article, settings = _load(**options)
    return checker, check(checker, article, settings)


def _load(
    source: str,
    headline: str | None,
    fmt: str | None,
    profile: str | None,
    perpetrators: tuple[str, ...],
    disabled: tuple[str, ...],
    preview: bool,
    config: Path | None,
) -> tuple[Checker, Article, Settings]:
    base = load_settings(config)
    settings = base.with_overrides(
        profile=profile,
        perpetrators=base.perpetrators + perpetrators,
        disabled_rules=base.disabled_rules | frozenset(disabled),
        include_preview=preview or None,
    )
    article = load_article(
        source,
        headline=headline,
        fmt=fmt,
        fetch_settings=FetchSettings(allow_hosts=settings.allow_hosts),
        stdin=sys.stdin.buffer,
    )
    checker = build_checker(settings)
    unknown = [r for r in settings.disabled_rules if r not in {rule.id for rule in checker.rules}]
    if unknown:
        raise NofameError(f"unknown rule id(s) to disable: {', '.join(sorted(unknown))}")
    return checker, article, settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nofame")
def main() -> None:
    """Check news drafts about mass attacks against no-notoriety guidelines."""


@main.command("check")
@article_options
@click.option(
    "--fail-level",
    type=click.Choice(SEVERITIES),
    default="high",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@friendly_errors
def check_command(output: str, fail_level: str, **options: Any) -> None:
    """Check a draft (FILE, URL or - for stdin) and report findings."""
    _, report = _run_check(**options)
    click.echo(render_json(report) if output == "json" else render_text(report))
    if any(severity_at_least(f.severity, fail_level) for f in report.findings):
        sys.exit(EXIT_FINDINGS)


@main.command("rewrite")
@article_options
@click.option("--role", help='The noun that replaces the name ("the shooter"); chosen from the facts by default.')
@friendly_errors
def rewrite_command(output: str, role: str | None, **options: Any) -> None:
    """Print the whole suggested draft with every safe suggestion applied."""
    checker, article, settings = _load(**options)
    result = rewrite(checker, article, settings, role)
    if output == "json":
        click.echo(render_json(result.report, result.to_dict()))
    else:
        click.echo(result.draft, nl=False)


@main.group("rules", invoke_without_command=True)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="A .nofame.toml file.")
@click.pass_context
@friendly_errors
def rules_command(ctx: click.Context, output: str, config: Path | None) -> None:
    """List every rule (shipped, and the packs of `rules_dirs`) with its severity and status."""
    if ctx.invoked_subcommand is not None:
        return
    rules = load_rules(extra=load_settings(config).rules_dirs)
    if output == "json":
        rows = [
            {"id": r.id, "title": r.title, "category": r.category, "severity": r.severity, "status": r.status}
            for r in rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for r in rules:
        click.echo(f"{r.id:<30} {r.severity:<9} {r.status:<8} {r.title}")


@rules_command.command("test")
@click.argument("pack", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="A .nofame.toml file.")
@friendly_errors
def rules_test_command(pack: Path, config: Path | None) -> None:
    """Run the flag and pass examples of every rule in PACK; exit 1 when one fails."""
    from nofame.rulepacks import example_failures

    settings = replace(load_settings(config), rules_dirs=(pack,))
    checker = build_checker(settings)
    pack_rules = [r for r in checker.rules if Path(r.path).is_relative_to(pack)]
    failures = list(example_failures(checker, pack_rules, settings))
    for failure in failures:
        click.echo(f"FAIL {failure}")
    count = sum(len(r.flag_examples) + len(r.pass_examples) for r in pack_rules)
    click.echo(f"{len(pack_rules)} rules, {count} examples, {len(failures)} failed", err=True)
    if failures:
        sys.exit(EXIT_FINDINGS)


@rules_command.command("new")
@click.argument("rule_id")
@click.option("--category", default="house", show_default=True, help="The rule's category: its folder in the pack.")
@click.option(
    "--pack",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The pack folder to write <category>/<RULE_ID>.yml into.",
)
@friendly_errors
def rules_new_command(rule_id: str, category: str, pack: Path) -> None:
    """Write a commented rule template that passes its own examples, for an editor to adapt."""
    from nofame.rulepacks import rule_template

    slug = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
    if not slug.match(rule_id) or not slug.match(category):
        raise NofameError("rule ids and categories are lower-case words joined by hyphens, like house-style")
    path = pack / category / f"{rule_id}.yml"
    if path.exists():
        raise NofameError(f"{path} exists; choose another id or edit it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(rule_template(rule_id, category), encoding="utf-8")
    click.echo(f"wrote {path}; edit it, then run: nofame rules test {pack}")


@main.command("explain")
@click.argument("rule_id")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="A .nofame.toml file.")
@friendly_errors
def explain_command(rule_id: str, config: Path | None) -> None:
    """Explain one rule: what it flags, why, and what to write instead."""
    rules = {r.id: r for r in load_rules(extra=load_settings(config).rules_dirs)}
    rule = rules.get(rule_id)
    if rule is None:
        raise NofameError(f"unknown rule {rule_id!r}; `nofame rules` lists them")
    click.echo(click.style(f"{rule.id}: {rule.title}", bold=True))
    click.echo(
        f"severity {rule.severity}" + (f" ({rule.display_severity} in display text)" * bool(rule.display_severity))
    )
    click.echo(f"status {rule.status}, category {rule.category}\n")
    click.echo(f"Why: {rule.rationale}\n")
    click.echo(f"Instead: {rule.advice}\n")
    for ref in rule.references:
        click.echo(f"Source: {ref.title} <{ref.url}>")
    example = rule.flag_examples[0]
    click.echo(f"\nFlags: {example.headline or example.text}")
    click.echo(f"Quiet: {rule.pass_examples[0].headline or rule.pass_examples[0].text}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(0, 256), default=0, help="Worker processes (default: one per core).")
@click.option("--single-process", is_flag=True, help="One process with threads (waitress), for development.")
@click.option(
    "--threads", type=click.IntRange(1, 64), default=4, show_default=True, help="Threads with --single-process."
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A .nofame.toml file; its [server] table sets API keys, limits and the page.",
)
@click.option("--new-key", is_flag=True, help="Print a new random API key and its hash for the config, then exit.")
@friendly_errors
def serve_command(
    host: str, port: int, workers: int, single_process: bool, threads: int, config: Path | None, new_key: bool
) -> None:
    """Serve the web page and the API (http://127.0.0.1:8000 by default), one worker process per core."""
    from nofame.server.security import new_key as make_key
    from nofame.server.serve import serve

    if new_key:
        key, hashed = make_key()
        click.echo(f"API key (give it to the client, store it nowhere else): {key}")
        click.echo(f'config line ([server] api_keys) or NOFAME_API_KEYS entry: "{hashed}"')
        return
    serve(host=host, port=port, threads=threads, config=config, workers=workers, single_process=single_process)


@main.command("audit")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Results, one row per article: .parquet, .csv or .jsonl.",
)
@click.option(
    "--findings",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write one row per finding (.parquet, .csv or .jsonl).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: 1 under 500 articles, else all cores)."
)
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a LocalCluster.")
@click.option("--resume", is_flag=True, help="Skip ids already in the output and add the rest.")
@click.option("--retry-errors", is_flag=True, help="With --resume: check again the ids whose rows had an error.")
@click.option("--overwrite", is_flag=True, help="Replace an existing output.")
@click.option("--no-gate", is_flag=True, help="Check every article, not only those the relevance gate passes.")
@click.option(
    "--gate",
    default="lexicon+relevance",
    show_default=True,
    help="Relevance gate: lexicon+relevance, lexicon (words only) or relevance (the model alone).",
)
@click.option("--id-col", help="Column/key with the article id (default: id).")
@click.option("--text-col", help="Column/key with plain text (default: body, text or content).")
@click.option("--html-col", help="Column/key with HTML (default: html).")
@click.option("--headline-col", help="Column/key with the headline (default: headline or title).")
@click.option("--date-col", help="Column/key with the publication date (default: published or date).")
@click.option("--outlet-col", help="Column/key with the outlet (default: outlet).")
@click.option("--url-col", help="Column/key with the article URL (default: url).")
@click.option("--profile", type=click.Choice(list(PROFILES)), help="Threshold profile.")
@click.option("--disable", "disabled", multiple=True, help="Rule id to skip (repeatable).")
@click.option("--preview", is_flag=True, help="Also run rules whose status is preview.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="A .nofame.toml file.")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many new articles (a trial run).")
@_bounded("--batch-size", click.IntRange(min=1), 16, "Articles per task (parsed together in one nlp.pipe stream).")
@_bounded("--fetch-delay", click.FloatRange(min=0), 1.0, "Seconds between requests to the same host (URL lists).")
@_bounded(
    "--fetch-retries", click.IntRange(min=0), 2, "Retries with backoff (or Retry-After) after timeouts, 408/429/5xx."
)
@_bounded("--fetch-threads", click.IntRange(min=1), 4, "Hosts fetched at the same time.")
@click.option("--user-agent", help="User agent for fetches (add a contact address for large crawls).")
@click.option("--ignore-robots", is_flag=True, help="Do not read robots.txt.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="A progress bar (default: when stderr is a terminal; otherwise a line a minute).",
)
@friendly_errors
def audit_command(**options: Any) -> None:
    """Audit many articles: folders, JSONL, CSV, WARC(.gz) files and URL lists -> one row per article."""  # fmt: skip
    require_extra("dask" if options["engine"] == "dask" else "audit", "audit")
    from nofame.batch.audit import command_line, options_from_cli, run_audit

    audit = options_from_cli(command=command_line(click.get_current_context()), **options)
    summary = run_audit(audit)
    click.echo(summary.line(), err=True)
    if summary.interrupted:
        click.echo(f"nofame audit: {audit.output} holds every finished article; continue with --resume", err=True)
        sys.exit(130)


@main.command("report")
@click.argument("results", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="HTML file.")
@click.option(
    "--findings",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The audit's --findings file: adds the most frequent flagged phrases.",
)
@click.option("--title", default="nofame audit report", show_default=True)
@_bounded("--top", click.IntRange(min=1), 25, "Rows in the worst-articles table.")
@_bounded(
    "--min-outlet-articles", click.IntRange(min=1), 5, "Outlets with fewer analysed articles leave the outlet chart."
)
@click.option("--show-names", is_flag=True, help="Do not mask perpetrator names in headlines and phrases.")
@friendly_errors
def report_command(results: Path, output: Path, findings: Path | None, title: str, top: int,
                   min_outlet_articles: int, show_names: bool) -> None:  # fmt: skip
    """Write a self-contained HTML report (charts embedded) from `nofame audit` results."""
    require_extra("report", "report")
    from nofame.batch.report import ReportOptions, write_report

    write_report(ReportOptions(results, output, findings, title, top, show_names, min_outlet_articles))
    click.echo(f"nofame report: wrote {output}", err=True)


@main.command("compare")
@click.argument("a", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("b", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--a-filter", multiple=True, help="Narrow A: outlet=NAME, published>=YYYY-MM-DD ... (repeatable).")
@click.option("--b-filter", multiple=True, help="Narrow B the same way (compare one file with itself).")
@click.option("--a-label", help="Name of A in the output (default: the file name and filters).")
@click.option("--b-label", help="Name of B in the output.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Also write .html or .csv.")
@click.option("--title", default="nofame comparison", show_default=True, help="Title of the HTML page.")
@friendly_errors
def compare_command(a: Path, b: Path, a_filter: tuple[str, ...], b_filter: tuple[str, ...], a_label: str | None,
                    b_label: str | None, output: Path | None, title: str) -> None:  # fmt: skip
    """Compare two audits (or two parts of one) measure by measure: A, B, and B - A with its 95% interval."""
    require_extra("report", "compare")
    from nofame.batch.compare import Side, compare, to_text, write_comparison

    def side(path: Path, filters: tuple[str, ...], label: str | None) -> Side:
        return Side(path, label or " ".join([path.name, *filters]), filters)

    comparison = compare(side(a, a_filter, a_label), side(b, b_filter, b_label))
    click.echo(to_text(comparison), nl=False)
    if output is not None:
        write_comparison(comparison, output, title)
        click.echo(f"nofame compare: wrote {output}", err=True)


@main.command("train")
@click.argument("name", type=click.Choice(MODEL_NAMES))
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder holding NAME/train.jsonl and NAME/test.jsonl (default: models/data).",
)
@click.option(
    "--models",
    "models_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("models"),
    show_default=True,
    help="Folder to write NAME/vN into (in a checkout, ./models is the shipped one); point `models_dir` at it.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed for folds and the classifier.")
@friendly_errors
def train_command(name: str, data: Path | None, models_dir: Path, seed: int) -> None:
    """Train model NAME from its data into a new immutable models/NAME/vN folder, with test metrics."""
    from nofame.model.train import metrics_table, train

    result = train(name, data=data, models=models_dir, seed=seed)
    click.echo(f"nofame train: wrote {result.path}")
    click.echo(metrics_table(name, result.path.name, result.metrics))
    if not result.metrics["beats_baseline"]:
        click.echo(f"nofame train: {name} does not beat its rules-only baseline; keep it disabled", err=True)
    click.echo(f'pin it in the config to use it: models = {{{name} = "{result.path.name}"}}', err=True)


@main.group("corpus")
def corpus_group() -> None:
    """The real-coverage corpus: import annotations, fill and verify the text cache."""


def _corpus_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option(
        "--corpus",
        "corpus_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder holding manifest.jsonl and gold.jsonl (default: corpus/ of this checkout).",
    )(command)
    return click.option(
        "--cache",
        type=click.Path(file_okay=False, path_type=Path),
        help="Text cache (default: $NOFAME_CORPUS_CACHE or ~/.cache/nofame/corpus).",
    )(command)


@corpus_group.command("import")
@click.argument("staging", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_corpus_options
@click.option("--check", "check_only", is_flag=True, help="Only validate the staging files; write nothing.")
@friendly_errors
def corpus_import_command(staging: Path, corpus_dir: Path | None, cache: Path | None, check_only: bool) -> None:
    """Turn staging annotations (snippets) into manifest rows and gold offsets; normalise the cached texts."""
    from nofame.evaluation.commands import import_staging

    sys.exit(import_staging(staging, corpus_dir, cache, check_only=check_only, echo=click.echo))


@corpus_group.command("verify")
@_corpus_options
@click.option("--fetch", is_flag=True, help="Fetch the URL of every text missing from the cache (safe fetcher).")
@friendly_errors
def corpus_verify_command(corpus_dir: Path | None, cache: Path | None, fetch: bool) -> None:
    """Check every manifest text in the cache against its sha256; list what is missing or changed."""
    from nofame.evaluation.commands import verify_cache

    sys.exit(verify_cache(corpus_dir, cache, fetch=fetch, echo=click.echo))


@corpus_group.command("training-data")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@_corpus_options
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the cuts and padding.")
@friendly_errors
def corpus_training_command(out: Path, corpus_dir: Path | None, cache: Path | None, seed: int) -> None:
    """Write training sets for `nofame train NAME --data OUT` (keep OUT outside the repository: it holds texts)."""
    from nofame.evaluation.commands import export_training

    sys.exit(export_training(corpus_dir, cache, out, seed, echo=click.echo))


@main.command("eval")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="dev", show_default=True)
@_corpus_options
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="A .nofame.toml file.")
@click.option("--compare-models", is_flag=True, help="Also score the engine with every trained model off.")
@click.option("--preview", is_flag=True, help="Also score rules whose status is preview.")
@click.option("--no-ids", is_flag=True, help="Leave out the ids behind misses and false alarms.")
@click.option(
    "--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write the scores as JSON."
)
@friendly_errors
def eval_command(split: str, corpus_dir: Path | None, cache: Path | None, config: Path | None, compare_models: bool,
                 preview: bool, no_ids: bool, json_path: Path | None) -> None:  # fmt: skip
    """Score the engine and the keyword floor on the real-coverage corpus (document level, per rule)."""
    from nofame.evaluation.commands import EvalOptions, run_eval

    options = EvalOptions(split, corpus_dir, cache, config, compare_models, preview, not no_ids, json_path)
    sys.exit(run_eval(options, echo=click.echo))


@main.command("past-perpetrator-hash")
@click.argument("names", nargs=-1, required=True)
@click.option(
    "--list",
    "list_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The hashed list whose salt to use (default: the shipped rules/lexicons/past-perpetrators.yml).",
)
@friendly_errors
def past_perpetrator_hash_command(names: tuple[str, ...], list_path: Path | None) -> None:
    """Print the `hashes:` lines that add NAMES to the built-in list of past perpetrators."""
    from nofame.actors.past import load_past_perpetrators, name_forms, name_hash
    from nofame.resources import data_dir

    known = load_past_perpetrators(list_path or data_dir("rules") / "lexicons" / "past-perpetrators.yml")
    for name in names:
        forms = name_forms(name)
        if not forms:
            raise NofameError(f"{name!r}: give a full name (a surname alone is too common to list)")
        for form in sorted(forms):
            click.echo(f"  - {name_hash(known.salt, form)}")


if __name__ == "__main__":
    main()
