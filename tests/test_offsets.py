"""OffsetMap: offsets in the normalised body map back into the text as sent, in linear time."""

from __future__ import annotations

import random
import time

from nofame.fold import fold
from nofame.offsets import OffsetMap
from nofame.sources import article_from_json

PIECES = ["word", "Gunman", "café", "24,", "\r\n", "\r\n\r\n", "  ", "\t", "\u200b", "\u00a0", "ｍａｎ", "\n\n\n"]


def test_every_word_maps_back_to_itself() -> None:
    rng = random.Random(7)
    for _ in range(200):
        sent = "".join(rng.choice(PIECES) + rng.choice(["", " "]) for _ in range(rng.randint(1, 60)))
        if not sent.strip(" \r\n\t\u200b\u00a0"):
            continue
        body = article_from_json({"body": sent}).body
        mapping = OffsetMap.build(body, sent)
        assert mapping is not None, repr(sent)
        for word in body.split():
            start = body.index(word)
            mapped = sent[mapping.start(start) : mapping.end(start + len(word))]
            assert mapped.replace("\u200b", "") == word, (repr(sent), word)


def test_linear_on_a_large_draft() -> None:
    paragraph = "Police said the suspect, 24, was arrested on Friday.\r\n\r\n"
    timings = []
    for size in (20_000, 200_000):
        sent = paragraph * (size // len(paragraph))
        body = article_from_json({"body": sent}).body
        started = time.perf_counter()
        assert OffsetMap.build(body, sent) is not None
        timings.append(time.perf_counter() - started)
    assert timings[1] < 30 * max(timings[0], 0.001)  # 10x the text: about 10x the time, not 100x


def test_fold_keeps_length_and_folds_compatibility_letters() -> None:
    for text in ["ｍａｎｉｆｅｓｔｏ", "𝐦𝐚𝐧𝐢𝐟𝐞𝐬𝐭𝐨", "John\u00a0Doe", "ﬁnal…", "plain ascii"]:
        assert len(fold(text)) == len(text)
    assert fold("ｍａｎｉｆｅｓｔｏ 𝐦𝐚𝐧𝐢𝐟𝐞𝐬𝐭𝐨") == "manifesto manifesto"
    assert fold("ﬁnal…") == "ﬁnal…"  # expanding forms stay as written
