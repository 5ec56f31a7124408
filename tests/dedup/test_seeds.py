"""The design constraint on the seed articles: reprints are near-duplicates, other outlets are not."""

import itertools
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from service.dedup import MemoryBandIndex, band_keys, signature, similarity

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "articles"
BODIES = {
    path.name[:3]: json.loads(path.read_text())["body"] for path in sorted(SEEDS.glob("*.json"))
}
READ_MORE = (
    "Read more:\nGlobal markets rally as inflation data shows cooling trends\n"
    "Storm leaves thousands without power along the coast\n"
    "Sign up for our daily newsletter. © 2026 Example News. All rights reserved."
)


def reprint(body: str, *, seed: int, trim: float = 0.0, change: float = 0.0) -> str:
    """`body` as another site runs it: new headline and byline, edits, a Read more block."""
    rng = random.Random(seed)
    tokens = body.split()
    tokens = tokens[: round(len(tokens) * (1 - trim))]
    for i in rng.sample(range(len(tokens)), round(change * len(tokens))):
        tokens[i] = rng.choice(("reportedly", "officials", "Tuesday", tokens[i][::-1]))
    return "\n\n".join(
        [
            "Allies gather as talks open",
            "By Staff Reporter | 3 min read",
            " ".join(tokens),
            READ_MORE,
        ]
    )


def rewrapped(body: str) -> str:
    words = body.split()
    return "\n".join("  ".join(words[i : i + 9]) for i in range(0, len(words), 9))


VARIANTS: dict[str, Callable[[str], str]] = {
    "headline and chrome": lambda body: reprint(body, seed=1),
    "rewrapped": rewrapped,
    "7 % words edited": lambda body: reprint(body, seed=2, change=0.07),
    "trimmed 15 %": lambda body: reprint(body, seed=3, trim=0.15),
    "trimmed 20 %, 10 % edited": lambda body: reprint(body, seed=4, trim=0.20, change=0.10),
}


@pytest.fixture(scope="module")
def index() -> MemoryBandIndex[str]:
    index: MemoryBandIndex[str] = MemoryBandIndex()
    for name, body in BODIES.items():
        index.add(name, signature(body), body)
    return index


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", sorted(BODIES))
def test_reprint_of_a_seed_is_its_near_duplicate(
    index: MemoryBandIndex[str], seed: str, variant: str
) -> None:
    text = VARIANTS[variant](BODIES[seed])
    match = index.check(signature(text), text)
    assert match is not None
    assert match.duplicate_of == seed


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(("000", "001", "003"), 2)))
def test_three_outlets_on_one_meeting_are_not_duplicates(a: str, b: str) -> None:
    sig_a, sig_b = signature(BODIES[a]), signature(BODIES[b])
    index: MemoryBandIndex[str] = MemoryBandIndex()
    index.add(a, sig_a, BODIES[a])
    assert index.check(sig_b, BODIES[b]) is None
    assert similarity(sig_a, sig_b) < 0.1
    assert not set(band_keys(sig_a)) & set(band_keys(sig_b))


def test_every_seed_is_new_against_the_others() -> None:
    index: MemoryBandIndex[str] = MemoryBandIndex()
    for name, body in BODIES.items():
        sig = signature(body)
        assert index.check(sig, body) is None, name
        index.add(name, sig, body)
