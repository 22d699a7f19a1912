"""Cost by draft size: time and peak memory of one check at 10 KB, 100 KB and 1 MB.

Each size runs in its own process (so peak memory is that check's own), on a draft built from the
test articles about attacks: a story that grows by paragraphs of the same kind, the perpetrator named
all the way through, as in a long live blog. The target is linear cost: 1 MB / 100 KB time <= 12.

    .venv/bin/python bench/size_scaling.py
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (10_000, 100_000, 1_000_000)


def draft(size: int) -> dict[str, str]:
    sys.path.insert(0, str(HERE))
    from corpus import ARTICLES, read_fixture

    fixtures = [read_fixture(p) for p in sorted(ARTICLES.glob("*.md")) if p.name != "README.md"]
    attacks = [f for f in fixtures if f[0].get("kind") == "attack"]
    headline = attacks[0][1]
    paragraphs = [p for _, _, ps in attacks for p in ps]
    body: list[str] = []
    length = 0
    while length < size - 2_000:
        paragraph = paragraphs[len(body) % len(paragraphs)]
        body.append(paragraph)
        length += len(paragraph) + 2
    return {"headline": headline, "body": "\n\n".join(body)}


def one(size: int) -> None:
    from nofame.checker import build_checker, check
    from nofame.sources import article_from_json

    checker = build_checker()
    check(checker, article_from_json({"headline": "Warm-up", "body": "Police said a gunman killed two people."}))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    article = article_from_json(draft(size))
    started = time.perf_counter()
    report = check(checker, article)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"size": size, "chars": len(article.body), "seconds": seconds, "findings": len(report.findings),
                      "peak_mb": peak / 1024, "growth_mb": (peak - before) / 1024}))  # fmt: skip


def main() -> None:
    if len(sys.argv) == 2:
        one(int(sys.argv[1]))
        return
    rows = []
    for size in SIZES:
        out = subprocess.run([sys.executable, __file__, str(size)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{'draft':>8} {'chars':>9} {'seconds':>8} {'findings':>8} {'peak MB':>8} {'check MB':>8}")
    for row in rows:
        print(
            f"{row['size'] // 1000:>6}KB {row['chars']:>9,} {row['seconds']:>8.2f} {row['findings']:>8} "
            f"{row['peak_mb']:>8.0f} {row['growth_mb']:>8.0f}"
        )
    by_size = {row["size"]: row["seconds"] for row in rows}
    ratio = by_size[1_000_000] / by_size[100_000]
    print(f"time 1 MB / 100 KB: {ratio:.1f} (target <= 12; linear is ~10)")
    print(f"time 100 KB / 10 KB: {by_size[100_000] / by_size[10_000]:.1f}")


if __name__ == "__main__":
    main()
