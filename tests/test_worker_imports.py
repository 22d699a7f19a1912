"""What an audit worker process loads: no pandas, no pyarrow, no skops (each costs tens of MB per worker)."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from nofame.batch.gate import AllRelevant
from nofame.batch.local import _pickled_models
from nofame.batch.worker import Job
from nofame.settings import Settings

WORKER = """
import pickle
import sys
from nofame.batch.local import _init_worker
from nofame.batch.records import Record
from nofame.batch.worker import audit_batch

job, models = pickle.loads(open(sys.argv[1], "rb").read())
_init_worker(job, models)
text = "Police said the gunman, Arlo Quokkaman, 24, killed three people at the mall on Saturday."
[result] = audit_batch(pickle.loads(job), [Record(id="a", source="test", kind="text", data=text)])
assert result.row["checked"] and result.row["about_attack"], result.row
print(sorted(name for name in ("pandas", "pyarrow", "skops") if name in sys.modules))
"""


def test_a_worker_checks_without_loading_pandas_pyarrow_or_skops(tmp_path: Path) -> None:
    job = Job(Settings(), AllRelevant())
    models = _pickled_models(job)
    assert models is not None
    initargs = tmp_path / "initargs.pickle"
    initargs.write_bytes(pickle.dumps((pickle.dumps(job), models)))
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(initargs)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_pandas_stays_importable_where_it_was_loaded_first() -> None:
    code = "import pandas\nfrom nofame.batch.worker import keep_pandas_out\nassert not keep_pandas_out()\nimport pandas"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
