"""`pip install nofame` without extras: build the wheel, install it into a fresh virtual environment,
then check a draft and serve /healthz from there.

Slow (a few minutes: the install unpacks spaCy, scikit-learn and their stack from pip's cache or the
configured index), so it is marked `slow`; it runs in the suite all the same. It is skipped only when
pip cannot reach a package index at all.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
DRAFT = (
    "# Gunman kills three at Dayton depot\n\n"
    "A gunman opened fire at the bus depot on Friday, killing three people, police said.\n\n"
    "Mourners gathered on Sunday to remember the victims.\n"
)
EXTRA_MODULES = ("pyarrow", "matplotlib", "dask", "distributed", "warcio")


def _run(args: list[str], timeout: float, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)  # type: ignore[call-overload]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_wheel_without_extras_checks_and_serves(tmp_path: Path, built_wheel: Path) -> None:
    probe = _run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp_path / "probe"), "click"], 300
    )
    if probe.returncode != 0:
        pytest.skip(f"pip cannot reach a package index: {probe.stderr.strip()[-200:]}")
    wheel = built_wheel

    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)], 300).returncode == 0
    bin_dir = venv / "bin"
    installed = _run([str(bin_dir / "pip"), "install", "-q", str(wheel)], 1800)
    assert installed.returncode == 0, installed.stderr[-2000:]

    for module in EXTRA_MODULES:  # none of the extras came with the plain install
        found = _run([str(bin_dir / "python"), "-c", f"import {module}"], 120)
        assert found.returncode != 0, f"{module} is installed without its extra"

    work = tmp_path / "work"  # no checkout and no config around: only what the wheel carries
    work.mkdir()
    (work / "draft.md").write_text(DRAFT)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    checked = _run([str(bin_dir / "nofame"), "check", "draft.md", "--format", "json"], 600, cwd=work, env=env)
    assert checked.returncode in (0, 1), checked.stderr
    assert '"schema": "nofame.report/v1"' in checked.stdout

    audit = _run([str(bin_dir / "nofame"), "audit", "draft.md", "-o", "out.parquet"], 300, cwd=work, env=env)
    assert audit.returncode == 2
    assert audit.stderr.strip().splitlines()[-1].endswith("pip install 'nofame[audit]'"), audit.stderr

    port = _free_port()
    server = subprocess.Popen(
        [str(bin_dir / "nofame"), "serve", "--single-process", "--port", str(port)],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        health = None
        deadline = time.monotonic() + 300  # spaCy and the models load before the first answer
        while time.monotonic() < deadline and server.poll() is None:
            try:
                health = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(1)
        assert health is not None, server.stderr.read() if server.poll() is not None else "no answer"
        assert health.status_code == 200 and health.json()["status"] == "ok"
    finally:
        server.terminate()
        server.wait(timeout=60)
