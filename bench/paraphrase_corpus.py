"""Machine-reworded copies of the synthetic originals, for the near-duplicate paraphrase path.

A paraphrasing site keeps the names, places, dates and figures of a wire story and their order,
and rewords the rest: words swapped for synonyms, some dropped, filler added, clauses of a
sentence turned round. `paraphrase` does that to a share of the lower-case words of a text (the
capitalised ones and the numbers are left as they are, whatever the share); the result is what
the word path misses and the skeleton path must catch. Drawn from its own seeded RNG, so the
corpus of `gen_corpus.generate` is unchanged.

Run: `python bench/paraphrase_corpus.py [--share 0.4] [--seed S]` prints one original and its
paraphrase with their similarities.
"""

import argparse
import random
import re

from corpus_words import FILLER, SYNONYMS
from gen_corpus import Item, generate

# replacements for words with no entry in SYNONYMS: to a shingle or an alignment any other word
# is a changed word, so these need not be true synonyms
_REWORDS = (
    "regarding", "concerning", "notably", "substantial", "nevertheless", "additionally",
    "subsequently", "approximately", "primarily", "considerable", "reportedly", "broadly",
)  # fmt: skip
_BARE = re.compile(r"^[^\w]*(\w[\w'-]*)[^\w]*$")


def _reword(rng: random.Random, token: str) -> str:
    found = _BARE.match(token)
    if found is None or not found[1][0].islower():
        return token  # a name, a number or punctuation: a paraphraser keeps it
    bare = found[1]
    roll = rng.random()
    if roll < 0.7:
        swap = SYNONYMS.get(bare) or _REWORDS[rng.randrange(len(_REWORDS))]
        return token.replace(bare, swap, 1)
    if roll < 0.85:
        return ""
    return f"{FILLER[rng.randrange(len(FILLER))]} {token}"


def _turn(sentence: str) -> str:
    """'A, B.' → 'B, A.': the clauses of a sentence in the other order."""
    head, _, tail = sentence.partition(", ")
    return f"{tail.rstrip('.')}, {head}." if tail else sentence


def paraphrase(rng: random.Random, text: str, share: float, turn: float = 0.25) -> str:
    """`text` with `share` of its lower-case words reworded and a `turn` share of its
    sentences' clauses reordered, paragraph by paragraph."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        sentences = []
        for sentence in re.split(r"(?<=\.) ", paragraph):
            tokens = [_reword(rng, t) if rng.random() < share else t for t in sentence.split(" ")]
            reworded = " ".join(t for t in tokens if t)
            sentences.append(_turn(reworded) if rng.random() < turn else reworded)
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def paraphrases(items: list[Item], share: float, seed: int) -> list[Item]:
    """One paraphrase per original in `items`, grouped with it, as `reprint` items."""
    rng = random.Random(f"paraphrase-{seed}-{share}")
    return [
        Item(
            f"{item.id}-p",
            "reprint",
            item.story,
            item.id,
            item.outlet,
            item.title,
            item.published_at,
            paraphrase(rng, item.text, share),
            (f"paraphrase{share:.2f}",),
        )
        for item in items
        if item.kind == "original"
    ]


def main() -> None:
    from service.dedup import signature, similarity, word_ids, word_similarity

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--share", type=float, default=0.4)
    parser.add_argument("--seed", type=int, default=20260103)
    args = parser.parse_args()
    items = generate(1, seed=args.seed)
    copy = paraphrases(items, args.share, args.seed)[0]
    original = items[0].text
    print(original, "\n\n----\n\n", copy.text, sep="")
    print(
        f"\nestimated Jaccard {similarity(signature(original), signature(copy.text)):.3f}, "
        f"word alignment {word_similarity(word_ids(original), word_ids(copy.text)):.3f}"
    )


if __name__ == "__main__":
    main()
