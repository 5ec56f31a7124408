"""Threshold sweep of the paraphrase path: what each (skeleton alignment, word floor, shortest
skeleton) would flag on ECB+, the synthetic corpus, its paraphrases, the seeds and news-dev.

Every pair the skeleton bands retrieve (skeletons of any length) is scored once — skeleton
alignment, word alignment, both skeleton lengths — and each setting is then a filter over those
scores. As ingest, the paraphrase path decides only where the word path found nothing, so pairs
the word path already flags are left out of its counts. A text's candidates are the texts before
it that start a group (originals and other outlets' reports; for ECB+ and news-dev every earlier
text).

Run: `python bench/paraphrase_sweep.py [--ecbplus PATH] [--dev PATH] [--stories N]`.
"""

import argparse
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from dedup_quality import ECBPLUS, ROOT, ecbplus_docs
from gen_corpus import generate
from paraphrase_corpus import paraphrases

from service.dedup import Signature, paraphrase, signature, verdict, word_ids, word_similarity
from service.dedup.skeleton import skeleton, skeleton_ids

DEV = ROOT.parent / "shared" / "datasets" / "news-dev"
SKELETON_THRESHOLDS = (0.66, 0.70, 0.72, 0.74, 0.76, 0.78, 0.80)
WORD_FLOORS = (0.40, 0.45, 0.50, 0.55, 0.60)
SHORTEST = (10, 20, 30)
SEEDS = (20260103, 7, 99)


class Pair(NamedTuple):
    label: str  # which tally the pair counts in
    positive: bool  # must be flagged
    skeleton: float
    words: float
    shortest: int  # the shorter skeleton's length


class Text(NamedTuple):
    text: str
    keys: set[tuple[int, int]]
    skeleton: list[int]
    words: list[int]
    signature: Signature


def features(text: str) -> Text:
    tokens = skeleton(text)
    # every retrievable pair is scored; the sweep applies the minimum length itself
    paraphrase.MIN_SKELETON = 1
    return Text(
        text,
        set(paraphrase.skeleton_keys(tokens)),
        skeleton_ids(tokens),
        word_ids(text),
        signature(text),
    )


def scored(
    label: str, positive: bool, group: int, check: Text, texts: list[Text]
) -> Iterator[Pair]:
    """Pairs of `check` (whose right original, if `positive`, is texts[group]) with the `texts`
    sharing a skeleton band with it, unless the word path flags it."""
    others = [i for i, t in enumerate(texts) if t.keys & check.keys]
    found = [(i, texts[i].signature, texts[i].text) for i in others]
    if verdict(check.signature, check.text, found) is not None:
        return  # the word path decides
    for i in others:
        yield Pair(
            label,
            positive and i == group,
            paraphrase.skeleton_similarity(check.skeleton, texts[i].skeleton),
            word_similarity(check.words, texts[i].words),
            min(len(check.skeleton), len(texts[i].skeleton)),
        )


def ecb_pairs(folder: Path) -> Iterator[Pair]:
    docs = [features(text) for _, _, text in ecbplus_docs(folder)]
    for b in range(1, len(docs)):
        yield from scored("ecb", False, -1, docs[b], docs[:b])


def synthetic_pairs(stories: int) -> Iterator[Pair]:
    for seed in SEEDS:
        items = generate(stories, seed=seed)
        firsts = [i for i in items if i.kind != "reprint"]
        texts = [features(i.text) for i in firsts]
        position = {item.id: n for n, item in enumerate(firsts)}
        for n in range(1, len(texts)):
            yield from scored("other", False, -1, texts[n], texts[:n])
        for item in items:
            if item.kind == "reprint":
                yield from scored("reprint", True, position[item.group], features(item.text), texts)
        for share in (0.55, 0.7):
            for copy in paraphrases(items, share, seed):
                yield from scored(
                    f"para{share}", True, position[copy.group], features(copy.text), texts
                )


def small_sets(dev: Path) -> Iterator[Pair]:
    bodies = {
        p.name[:3]: features(json.loads(p.read_text())["body"])
        for p in sorted((ROOT / "seeds" / "articles").glob("*.json"))
    }
    for a, b in itertools.combinations(("000", "001", "003"), 2):
        yield from scored("seeds", False, -1, bodies[b], [bodies[a]])
    names = sorted(p.stem for p in (dev / "texts").glob("*.txt"))
    texts = [features((dev / "texts" / f"{name}.txt").read_text()) for name in names]
    for n, name in enumerate(names):
        # news-dev's one paraphrase pair is the positive; any other dev pair is a negative
        group = names.index("213") if name == "214" else -1
        yield from scored("dev", group >= 0, group, texts[n], texts[:n])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecbplus", type=Path, default=ECBPLUS)
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--stories", type=int, default=400)
    args = parser.parse_args()
    pairs = [*ecb_pairs(args.ecbplus), *synthetic_pairs(args.stories), *small_sets(args.dev)]
    labels = sorted({p.label for p in pairs})
    totals = {label: sum(p.positive for p in pairs if p.label == label) for label in labels}
    print(f"pairs retrieved and left by the word path: {len(pairs)}; positives {totals}")
    print("min  skel  word   " + "  ".join(f"{label:>9s}" for label in labels))
    for shortest, skel, floor in itertools.product(SHORTEST, SKELETON_THRESHOLDS, WORD_FLOORS):
        passed = [
            p for p in pairs if p.shortest >= shortest and p.skeleton >= skel and p.words >= floor
        ]
        cells = []
        for label in labels:
            hits = [p for p in passed if p.label == label]
            good = sum(p.positive for p in hits)
            cells.append(f"{good:>4d}+{len(hits) - good:<4d}")
        print(f"{shortest:3d}  {skel:.2f}  {floor:.2f}   " + "  ".join(cells))
    print("cells: caught right original + flagged wrongly (a negative, or the wrong original)")


if __name__ == "__main__":
    main()
