"""`--engine dask` on a small LocalCluster (2 worker processes, 1 thread each) gives the local rows."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from nofame.batch.audit import AuditOptions, run_audit
from nofame.batch.dask import CheckerPlugin, DaskEngine
from nofame.batch.gate import DEFAULT_GATE, lexicon_gate, make_gate
from nofame.batch.worker import Job
from nofame.batch.writers import read_metadata
from nofame.checker import Checker
from nofame.settings import Settings

DATA = Path(__file__).parent / "data" / "batch"
INPUTS = (str(DATA / "folder"), str(DATA / "pages.csv"), str(DATA / "crawl-damaged.warc"))


def test_dask_engine_gives_the_same_rows_as_the_local_engine(checker: Checker, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    local, remote = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    local_findings, remote_findings = tmp_path / "local-f.parquet", tmp_path / "dask-f.parquet"
    run_audit(AuditOptions(INPUTS, local, findings=local_findings, jobs=1, log_every=None), checker=checker)

    job = Job(Settings(), make_gate(DEFAULT_GATE), findings=True)
    engine = DaskEngine(job, workers=2, window=4)
    summary = run_audit(
        AuditOptions(INPUTS, remote, findings=remote_findings, engine="dask", jobs=2, batch_size=3, log_every=None),
        engine=engine,
    )
    assert engine._client is None and engine._cluster is None  # closed
    assert summary.engine == "dask" and summary.workers == 2 and summary.rows == 19  # 4 skipped WARC records among them

    assert pq.read_table(remote).to_pylist() == pq.read_table(local).to_pylist()
    assert pq.read_table(remote_findings).to_pylist() == pq.read_table(local_findings).to_pylist()
    meta = read_metadata(remote)
    assert meta["engine"] == "dask" and meta["complete"] is True


def test_the_worker_plugin_refuses_a_different_version() -> None:
    plugin = CheckerPlugin(Job(Settings(), lexicon_gate()), version="0.0.0-other")
    with pytest.raises(Exception, match="install the same version"):
        plugin.setup(worker=None)


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path: Path) -> None:
    import socket

    from nofame.errors import NofameError

    with socket.socket() as sock:  # a free port on the loopback, with nobody listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    engine = DaskEngine(Job(Settings(), lexicon_gate()), scheduler=f"tcp://127.0.0.1:{port}", timeout="2s")
    with pytest.raises(NofameError, match="cannot reach the Dask scheduler"):
        run_audit(AuditOptions(INPUTS, tmp_path / "x.parquet", engine="dask", log_every=None), engine=engine)
    assert not (tmp_path / "x.parquet").exists()


def test_the_local_cluster_listens_on_loopback_only_without_a_dashboard() -> None:
    psutil = pytest.importorskip("psutil")
    with DaskEngine(Job(Settings(), lexicon_gate()), workers=1):
        me = psutil.Process()
        pids = {me.pid, *(child.pid for child in me.children(recursive=True))}
        listening = [
            c.laddr for c in psutil.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN and c.pid in pids
        ]
    assert listening  # the scheduler and the worker listen...
    assert all(address.ip == "127.0.0.1" for address in listening), listening  # ...on loopback only
    assert all(address.port != 8787 for address in listening), listening
