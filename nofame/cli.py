"""The command line: check, rewrite, rules, explain. Exit codes: 0 clean, 1 findings, 2 bad input."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from nofame import __version__
from nofame.checker import Checker, build_checker, check
from nofame.errors import NofameError
from nofame.profiles import PROFILES
from nofame.render.json import render_json
from nofame.render.text import render_text
from nofame.report import SEVERITIES, Report, severity_at_least
from nofame.rewrite import suggested_draft
from nofame.ruleset.load import load_rules
from nofame.settings import load_settings
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


def _run_check(
    source: str,
    headline: str | None,
    fmt: str | None,
    profile: str | None,
    perpetrators: tuple[str, ...],
    disabled: tuple[str, ...],
    preview: bool,
    config: Path | None,
) -> tuple[Checker, Report]:
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
    return checker, check(checker, article)


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
@friendly_errors
def rewrite_command(output: str, **options: Any) -> None:
    """Print the whole suggested draft with every safe suggestion applied."""
    _, report = _run_check(**options)
    draft = suggested_draft(report)
    click.echo(render_json(report, draft) if output == "json" else draft, nl=output == "json")


@main.command("rules")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@friendly_errors
def rules_command(output: str) -> None:
    """List every rule with its severity and status."""
    rules = load_rules()
    if output == "json":
        rows = [
            {"id": r.id, "title": r.title, "category": r.category, "severity": r.severity, "status": r.status}
            for r in rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for r in rules:
        click.echo(f"{r.id:<30} {r.severity:<9} {r.status:<8} {r.title}")


@main.command("explain")
@click.argument("rule_id")
@friendly_errors
def explain_command(rule_id: str) -> None:
    """Explain one rule: what it flags, why, and what to write instead."""
    rules = {r.id: r for r in load_rules()}
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


if __name__ == "__main__":
    main()
