"""What an audit worker process loads: no pandas, no pyarrow (each costs tens of MB per worker)."""

from __future__ import annotations

import subprocess
import sys

WORKER = """
import pickle
import sys
from nofame.batch.local import _init_worker
from nofame.batch.gate import AllRelevant
from nofame.batch.worker import Job, audit_batch
from nofame.batch.records import Record
from nofame.settings import Settings

_init_worker(pickle.dumps(Job(Settings(), AllRelevant())))
text = "Police said the gunman, Arlo Quokkaman, 24, killed three people at the mall on Saturday."
[result] = audit_batch(Job(Settings(), AllRelevant()), [Record(id="a", source="test", kind="text", data=text)])
assert result.row["checked"] and result.row["about_attack"], result.row
print(sorted(name for name in ("pandas", "pyarrow") if name in sys.modules))
"""


def test_a_worker_checks_without_loading_pandas_or_pyarrow() -> None:
    done = subprocess.run([sys.executable, "-c", WORKER], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_pandas_stays_importable_where_it_was_loaded_first() -> None:
    code = "import pandas\nfrom nofame.batch.worker import keep_pandas_out\nassert not keep_pandas_out()\nimport pandas"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
