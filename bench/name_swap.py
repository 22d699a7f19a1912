"""How much perpetrator identification owes to names the small model already knows.

On the corpus `dev` split (texts from the corpus cache), every gold perpetrator's given names and surname
are replaced, throughout the text, by invented names drawn from one pool, and the engine is scored on the
swapped texts. Pools: `same` (the text as it is: the baseline, measured in the same run), `anglo`,
`arabic`, `turkic`, `slavic`, `east-asian`, `hyphenated` (double-barrelled surnames). A name the small
model tags as a place or an organisation, or does not tag at all, shows up here as a drop against
`same`; the corpus `test` split is never read.

    python bench/name_swap.py                  # every pool
    python bench/name_swap.py --pools arabic   # one pool
    python bench/name_swap.py --ids            # and the ids of the articles missed
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace

from nofame.checker import build_checker
from nofame.evaluation import corpus
from nofame.evaluation.corpus import Gold
from nofame.evaluation.score import name_tokens
from nofame.evaluation.systems import Sample, run_engine, sample_of
from nofame.settings import load_settings

# Invented names (given names; surnames), recombined at random, so no pair is meant to be anyone.
_POOL_TEXT = {
    "anglo": (
        "Darrel, Trevor, Colin, Brandon, Wesley, Garrett, Shane, Dwight",
        "Vickery, Hollister, Pembrook, Ashdown, Crowther, Lindqvist, Marlowe, Tolliver",
    ),
    "arabic": (
        "Karim, Anouar, Tahar, Yassine, Walid, Souhail, Bilal, Hamza",
        "Benhaddou, Azzouzi, El Ouarti, Tahiri, Bouhlal, Ait Lahcen, Zeroual, Mansouri",
    ),
    "turkic": (
        "Gökhan, Rakhim, Sayfiddin, Erkan, Timur, Ulugbek, Baurzhan, Selim",
        "Yıldırımer, Qodirov, Baimukhamedov, Karaağaç, Tursunov, Özdemirci, Alimzhanov, Kılıçarslan",
    ),
    "slavic": (
        "Vladislav, Miroslav, Dmytro, Radomir, Zdeněk, Bogdan, Kazimierz, Oleksiy",
        "Wróblewski, Kovalchuk, Přibyl, Zelenko, Dąbrowicz, Shevtsov, Hrabovský, Mazurek",
    ),
    "east-asian": (
        "Jun-ho, Quang, Hiroki, Wei, Minh Tuan, Seung-woo, Kenta, Zhiwei",
        "Tran, Nakagawa, Pham, Cheon, Huang, Matsuda, Loh, Yoon",
    ),
    "hyphenated": (
        "Mohamed, Jean-Luc, Ahmed, Pierre-Yves, Farid, Marc-Antoine, Nabil, Said",
        "Lahbib-Rouhani, Ben Ammar-Kefi, Duval-Mekki, Haddad-Brissac, Saidi-Fontaine, Gharbi-Lemaire",
    ),
}
POOLS = {name: (given.split(", "), family.split(", ")) for name, (given, family) in _POOL_TEXT.items()}

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def swapped(
    sample: Sample, gold: Gold, pool: tuple[Sequence[str], Sequence[str]], rng: random.Random
) -> tuple[Sample, Gold]:
    """The sample with every gold perpetrator renamed, word for word, and the gold renamed alike."""
    given, family = pool
    mapping: dict[str, str] = {}
    for name in gold.perpetrators:
        words = _WORD.findall(name)
        for k, word in enumerate(words):
            if word.rstrip(".") in mapping or len(word.rstrip(".")) < 2 or word.endswith("."):
                continue  # initials and suffixes stay
            mapping[word] = rng.choice(family if k == len(words) - 1 else given)
    if not mapping:
        return sample, gold
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(mapping, key=len, reverse=True)) + r")(?![\w-])"
    )

    def rename(text: str) -> str:
        return pattern.sub(lambda m: mapping[m.group(1)], text)

    article = sample.article
    renamed = replace(
        article,
        headline=rename(article.headline),
        dek=rename(article.dek),
        body=rename(article.body),
        images=tuple(replace(image, caption=rename(image.caption)) for image in article.images),
    )
    return replace(sample, text=rename(sample.text), article=renamed), replace(
        gold, perpetrators=tuple(rename(name) for name in gold.perpetrators)
    )


def recall(golds: Mapping[str, Gold], found: Mapping[str, tuple[str, ...]]) -> tuple[int, int, int, list[str]]:
    """(names found, names in gold, wrong guesses, ids with a name missed)."""
    hit = total = wrong = 0
    missed = []
    for doc_id, gold in golds.items():
        truth = [name_tokens(name) for name in gold.perpetrators]
        guesses = [name_tokens(g) for g in found[doc_id]]
        got = [any(t & g for g in guesses) for t in truth]
        hit, total = hit + sum(got), total + len(truth)
        earlier = [name_tokens(n) for n in gold.prior_attackers]
        wrong += sum(1 for g in guesses if not any(g & t for t in truth) and not any(g & e for e in earlier))
        if not all(got):
            missed.append(doc_id)
    return hit, total, wrong, missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pools", nargs="*", default=["same", *POOLS], choices=["same", *POOLS])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--ids", action="store_true", help="print the ids of the articles with a name missed")
    args = parser.parse_args()
    corpus_dir, cache = corpus.default_corpus_dir(), corpus.default_cache()
    documents = [d for d in corpus.load_manifest(corpus_dir / "manifest.jsonl") if d.split == "dev"]
    golds = corpus.load_gold(corpus_dir / "gold.jsonl")
    naming = [d for d in documents if golds[d.id].perpetrators and d.language == "en"]
    base = {d.id: sample_of(d.id, corpus.read_text(cache, d), golds[d.id]) for d in naming}
    checker = build_checker(replace(load_settings(None), include_preview=True))
    print(f"name swap on dev: {len(naming)} articles that name a perpetrator")
    print(f"{'pool':<12} {'found':>9} {'recall':>7} {'wrong':>6} {'vs same':>8}")
    reference = None
    for pool in args.pools:
        rng = random.Random(args.seed)
        pairs = {
            i: (s, golds[i]) if pool == "same" else swapped(s, golds[i], POOLS[pool], rng) for i, s in base.items()
        }
        outcomes = run_engine(checker, [s for s, _ in pairs.values()])
        hit, total, wrong, missed = recall(
            {i: g for i, (_, g) in pairs.items()}, {i: o.perpetrators for i, o in outcomes.items()}
        )
        share = hit / total if total else 0.0
        reference = share if pool == "same" else reference
        ratio = f"{share / reference:.2f}" if reference else "-"
        print(f"{pool:<12} {hit:>4}/{total:<4} {share:>7.2f} {wrong:>6} {ratio:>8}")
        if args.ids and missed:
            print("  missed: " + " ".join(missed))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
