"""`nofame audit`: inputs -> records -> (resume filter) -> polite fetch -> batches -> engine -> files.

The same pipeline drives every engine (in-process, local pool, Dask); only `map(batches)` differs.
Whatever stops the run (the end, Ctrl-C, SIGTERM from a cluster scheduler, an unexpected error),
the output files are closed and valid with every row finished so far.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import itertools
import platform
import signal
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from tqdm import tqdm

from nofame import __version__
from nofame.batch.fetch import FetchPolicy, fetch_stage
from nofame.batch.gate import DEFAULT_GATE, Gates, builtin_gates
from nofame.batch.readers import DEFAULT_COLUMNS, ColumnMap, check_inputs, estimate_total, read_inputs
from nofame.batch.records import Record, Result, findings_schema, row_schema
from nofame.batch.worker import Job
from nofame.batch.writers import TableWriter, output_format, partial, read_ids, read_metadata
from nofame.checker import Checker
from nofame.errors import InputError
from nofame.nlp import MODEL_PACKAGES
from nofame.resources import data_dir
from nofame.ruleset.load import load_rules
from nofame.settings import Settings

SCHEMA = "nofame.audit/v1"
# Settings that change rows: a resumed output must have been made with the same ones.
_FIXED = ("nofame_version", "ruleset_hash", "models", "profile", "settings", "gate", "gate_version", "gate_skips")


@dataclass(frozen=True)
class AuditOptions:
    inputs: tuple[str, ...]
    output: Path
    findings: Path | None = None
    columns: ColumnMap = field(default_factory=ColumnMap)
    settings: Settings = field(default_factory=Settings)
    gate: str | None = DEFAULT_GATE  # None: --no-gate (the default gate's verdict is still recorded)
    gates: Gates = field(default_factory=builtin_gates)  # the gates `gate` names one of
    engine: str = "local"  # local or dask
    jobs: int | None = None  # None: one for runs under SMALL_RUN records, else every core
    scheduler: str | None = None  # dask: an existing cluster's address
    batch_size: int = 16
    resume: bool = False
    retry_errors: bool = False  # with resume: check again the ids whose rows had an error
    overwrite: bool = False
    limit: int | None = None
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    progress: bool | None = None  # None: a bar when stderr is a terminal, plain log lines otherwise
    log_every: float | None = 60.0  # seconds between plain progress lines without a bar; None: silent
    command: str = ""


@dataclass
class AuditSummary:
    rows: int = 0  # rows written in this run
    skipped: int = 0  # ids already in the output (--resume)
    checked: int = 0
    not_relevant: int = 0
    errors: int = 0
    skipped_by: dict[str, int] = field(default_factory=dict)  # rows not checked, by reason
    findings: int = 0
    interrupted: bool = False
    seconds: float = 0.0
    first_result: float | None = None  # seconds until the first batch came back (startup cost)
    engine: str = ""
    workers: int = 0

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        state = "interrupted" if self.interrupted else "done"
        resumed = f", {self.skipped} already done" if self.skipped else ""
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped_by.items()))
        return (
            f"nofame audit: {state}: {self.rows} articles in {self.seconds:.1f} s ({self.rate:.1f}/s){resumed}; "
            f"{self.checked} checked, {self.not_relevant} not relevant, {self.errors} errors, {self.findings} findings"
            + (f"; skipped: {reasons}" if reasons else "")
        )


def ruleset_hash(root: Path | None = None) -> str:
    """sha256 over every rule and lexicon file (relative path and bytes), in path order."""
    root = root or data_dir("rules")
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.yml")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return f"sha256:{digest.hexdigest()}"


def model_pins(settings: Settings) -> dict[str, dict[str, Any]]:
    """The trained models the checks use: version and the sha256 their manifest gives for the weights."""
    import json

    pins = {}
    for name, version in getattr(settings, "models", ()):
        manifest = data_dir("models") / name / version / "manifest.json"
        try:
            sha = json.loads(manifest.read_text(encoding="utf-8")).get("model_sha256")
        except (OSError, ValueError):
            sha = None
        pins[name] = {"version": version, "model_sha256": sha}
    return pins


def _model_version() -> str:
    for name in MODEL_PACKAGES:
        for dist in (name, name.replace("_", "-")):
            try:
                return f"{name} {importlib.metadata.version(dist)}"
            except importlib.metadata.PackageNotFoundError:
                continue
    return "unknown"


def audit_metadata(
    options: AuditOptions, rule_ids: Sequence[str], engine: str, workers: int, gate: Any = None
) -> dict[str, Any]:
    settings = options.settings
    return {
        "schema": SCHEMA,
        "nofame_version": __version__,
        "ruleset_hash": ruleset_hash(),
        "rules": list(rule_ids),
        "models": model_pins(settings),
        "profile": settings.profile,
        "settings": {
            "disabled_rules": sorted(settings.disabled_rules),
            "include_preview": settings.include_preview,
            "perpetrators": list(settings.perpetrators),
            "past_perpetrators": list(getattr(settings, "past_perpetrators", ())),
        },
        "gate": getattr(gate, "name", options.gate or DEFAULT_GATE),  # its verdict fills `relevant`
        "gate_version": getattr(gate, "version", None),
        "gate_threshold": getattr(gate, "threshold", None),  # of the rows' gate_score
        "gate_skips": options.gate is not None,  # false with --no-gate: everything was checked
        "spacy": importlib.metadata.version("spacy"),
        "model": _model_version(),
        "python": platform.python_version(),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": options.command,
        "inputs": list(options.inputs),
        "engine": engine,
        "workers": workers,
    }


def run_audit(options: AuditOptions, *, checker: Checker | None = None, engine: Any = None) -> AuditSummary:
    """Run an audit to the end or to Ctrl-C; the output files are valid either way."""
    check_inputs(options.inputs, options.columns)
    output_format(options.output)
    if options.findings is not None:
        output_format(options.findings)
        if options.findings.resolve() == options.output.resolve():
            raise InputError("--findings must be a different file from the output")
    if options.output.exists() and not (options.resume or options.overwrite):
        raise InputError(f"{options.output} exists: pass --resume to continue it, or --overwrite to replace it")
    rules = load_rules()
    rule_ids = [rule.id for rule in rules]
    gate = options.gates.make(options.gate or DEFAULT_GATE, options.settings)
    job = Job(
        settings=options.settings, gate=gate, check_all=options.gate is None, findings=options.findings is not None
    )
    engine = engine or _make_engine(options, job, checker)
    metadata = audit_metadata(options, rule_ids, engine.name, getattr(engine, "workers", 1), gate)
    previous = _previous_runs(options, metadata)
    metadata["runs"] = [*previous, {"created": metadata["created"], "command": options.command}]

    summary = AuditSummary(engine=engine.name)
    done_ids: set[str] = set()
    writers: list[TableWriter] = []
    complete = False
    started = time.perf_counter()
    with _stop_on_sigterm():
        try:
            with engine:  # started first: a cluster knows its real number of workers only now
                summary.workers = metadata["workers"] = getattr(engine, "workers", 1)
                rows_writer = TableWriter(options.output, row_schema(rule_ids), metadata)
                writers.append(rows_writer)
                if options.resume:
                    keep = read_ids(options.output, drop_errors=options.retry_errors)
                    done_ids = rows_writer.copy_from(options.output, keep)
                    summary.skipped = len(done_ids)
                findings_writer = None
                if options.findings is not None:
                    findings_writer = TableWriter(options.findings, findings_schema(), metadata, row_group_size=5000)
                    writers.append(findings_writer)
                    if options.resume:
                        findings_writer.copy_from(options.findings, done_ids)
                progress = _Progress(options, summary)
                try:
                    records = _records(options, done_ids, progress)
                    for results in engine.map(_batches(records, options.batch_size)):
                        if summary.first_result is None:
                            summary.first_result = time.perf_counter() - started
                        _write(results, rows_writer, findings_writer, summary)
                        progress.update(len(results))
                    complete = True
                finally:
                    progress.close()
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            summary.seconds = time.perf_counter() - started
            final = {
                "complete": complete,
                "finished": datetime.now(UTC).isoformat(timespec="seconds"),
                "rows": writers[0].rows if writers else 0,
                "errors_this_run": summary.errors,
                "skipped_this_run": dict(sorted(summary.skipped_by.items())),
            }
            with _signals_deferred():  # a second Ctrl-C must not cut the footer in half
                for writer in writers:
                    writer.close(final)
    return summary


def _make_engine(options: AuditOptions, job: Job, checker: Checker | None) -> Any:
    from nofame.batch.local import InProcessEngine, ProcessPoolEngine, auto_jobs

    jobs = options.jobs or auto_jobs(options.inputs, options.limit)
    if options.engine == "dask":
        from nofame.batch.dask import DaskEngine

        return DaskEngine(job, scheduler=options.scheduler, workers=jobs)
    if options.engine != "local":
        raise InputError(f"unknown engine {options.engine!r} (local or dask)")
    if jobs == 1:
        return InProcessEngine(job, checker)
    return ProcessPoolEngine(job, jobs)


def _previous_runs(options: AuditOptions, metadata: dict[str, Any]) -> list[dict[str, Any]]:
    """On --resume, the earlier runs; refuse to mix rows made with another version, rule set or profile."""
    if not options.resume or not options.output.is_file():
        return []
    old = read_metadata(options.output)
    if not old:
        raise InputError(f"{options.output} was not written by nofame audit; cannot resume it")
    changed = [key for key in _FIXED if old.get(key) != metadata.get(key)]
    if changed:
        raise InputError(
            f"cannot resume {options.output}: it was made with a different {', '.join(changed)}; use a new output"
        )
    if options.findings is not None and not options.findings.is_file() and old.get("rows"):
        raise InputError(f"cannot resume with --findings {options.findings}: that file does not exist")
    return list(old.get("runs", []))


def _records(options: AuditOptions, done: set[str], progress: _Progress) -> Iterator[Record]:
    def fresh() -> Iterator[Record]:
        for record in read_inputs(options.inputs, options.columns):
            if record.id in done:
                progress.skip()
                continue
            yield record

    records: Iterable[Record] = fresh()
    if options.limit is not None:
        records = itertools.islice(records, options.limit)
    return fetch_stage(records, options.fetch)


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, max(size, 1))):
        yield batch


def _write(
    results: list[Result], rows_writer: TableWriter, findings_writer: TableWriter | None, summary: AuditSummary
) -> None:
    rows_writer.write([r.row for r in results])
    findings = [f for r in results for f in r.findings]
    if findings_writer is not None and findings:
        findings_writer.write(findings)
    summary.rows += len(results)
    for result in results:
        row = result.row
        summary.findings += row.get("findings") or 0
        if row.get("skipped"):
            summary.skipped_by[row["skipped"]] = summary.skipped_by.get(row["skipped"], 0) + 1
        if row.get("error") and not row.get("skipped"):
            summary.errors += 1
        elif row.get("checked"):
            summary.checked += 1
        elif row.get("skipped") in (None, "gate", "language"):
            summary.not_relevant += 1


class _Progress:
    """A tqdm bar (rate, ETA) on a terminal; otherwise a plain line every `log_every` seconds."""

    def __init__(self, options: AuditOptions, summary: AuditSummary, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.summary = summary
        self.bar_enabled = options.progress if options.progress is not None else self.stream.isatty()
        self.bar_enabled = self.bar_enabled and options.log_every is not None
        self.log_every = options.log_every
        self.started = self.last_log = time.monotonic()
        self.bar = None
        if self.bar_enabled:
            total = estimate_total(options.inputs)
            if total is not None and options.limit is not None:
                total = min(total, options.limit + summary.skipped)
            self.bar = tqdm(total=total, unit=" articles", file=self.stream, dynamic_ncols=True, smoothing=0.1)
            self.bar.update(summary.skipped)

    def skip(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def update(self, count: int) -> None:
        if self.bar is not None:
            self.bar.update(count)
            self.bar.set_postfix(errors=self.summary.errors, refresh=False)
            return
        if self.log_every is None:
            return
        now = time.monotonic()
        first = self.summary.rows == count
        if first or now - self.last_log >= self.log_every:
            self.last_log = now
            rate = self.summary.rows / max(now - self.started, 1e-9)
            print(
                f"nofame audit: {self.summary.rows} articles ({rate:.1f}/s), {self.summary.errors} errors, "
                f"{self.summary.not_relevant} not relevant",
                file=self.stream,
                flush=True,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Ignore SIGINT/SIGTERM while files are finished (main thread only)."""
    try:
        previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM (a batch scheduler's time limit, `kill`) stops the run like Ctrl-C: files stay valid."""

    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


__all__ = ["AuditOptions", "AuditSummary", "partial", "ruleset_hash", "run_audit"]


def command_line(ctx: Any) -> str:
    """The command as typed, rebuilt from click's parsed parameters (defaults left out), for the metadata."""
    import shlex

    import click

    words = ["nofame", ctx.info_name or "audit"]
    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        if isinstance(param, click.Argument):
            words += [str(v) for v in value or ()]
            continue
        if value is None or value == param.default or value in ((), False):
            continue
        flag = max(param.opts, key=len)
        if isinstance(param, click.Option) and param.is_flag:
            words.append(flag if value else (param.secondary_opts or [flag])[0])
        else:
            words += [w for v in (value if param.multiple else [value]) for w in (flag, str(v))]
    return shlex.join(words)


def options_from_cli(
    inputs: Sequence[str],
    output: Path,
    *,
    config: Path | None = None,
    profile: str | None = None,
    disabled: Sequence[str] = (),
    preview: bool = False,
    no_gate: bool = False,
    gate: str = DEFAULT_GATE,
    fetch_delay: float = 1.0,
    fetch_retries: int = 2,
    fetch_threads: int = 4,
    user_agent: str | None = None,
    ignore_robots: bool = False,
    command: str = "",
    **rest: Any,
) -> AuditOptions:
    """`nofame audit`'s options -> AuditOptions (settings from the config file, overridden by flags)."""
    from nofame.settings import load_settings

    base = load_settings(config)
    settings = base.with_overrides(
        profile=profile,
        disabled_rules=base.disabled_rules | frozenset(disabled),
        include_preview=preview or None,
    )
    unknown = sorted(set(settings.disabled_rules) - {rule.id for rule in load_rules()})
    if unknown:
        raise InputError(f"unknown rule id(s) to disable: {', '.join(unknown)}")
    columns = ColumnMap(**{key: rest.pop(f"{key}_col", None) for key in DEFAULT_COLUMNS})
    policy = FetchPolicy(
        delay=fetch_delay,
        retries=fetch_retries,
        threads=fetch_threads,
        robots=not ignore_robots,
        user_agent=user_agent or FetchPolicy().user_agent,
        allow_hosts=settings.allow_hosts,
    )
    return AuditOptions(
        inputs=tuple(inputs),
        output=output,
        columns=columns,
        settings=settings,
        gate=None if no_gate else gate,
        fetch=policy,
        command=command,
        **rest,
    )
