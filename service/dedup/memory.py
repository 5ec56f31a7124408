"""An in-process band index: the benchmarks' and tests' stand-in for the band table."""

from collections.abc import Hashable
from typing import Generic, TypeVar

from service.dedup.lsh import Match, band_keys, verdict
from service.dedup.minhash import Signature
from service.dedup.paraphrase import paraphrase_keys, paraphrase_verdict

K = TypeVar("K", bound=Hashable)


class MemoryBandIndex(Generic[K]):
    """Band key → keys of the texts added under it, as the band table maps them to articles.

    With `paraphrases` (the default, as ingest does) texts are also indexed and checked by their
    skeleton bands (`paraphrase`); without, only by word bands, for before/after figures.
    """

    def __init__(self, *, paraphrases: bool = True) -> None:
        self.paraphrases = paraphrases
        self._buckets: dict[tuple[int, int], list[K]] = {}
        self._signatures: dict[K, tuple[Signature, str]] = {}
        self._position: dict[K, int] = {}

    def add(self, key: K, sig: Signature, text: str) -> None:
        self._position.setdefault(key, len(self._position))
        self._signatures[key] = (sig, text)
        keys = band_keys(sig) + (paraphrase_keys(text) if self.paraphrases else [])
        for band_key in keys:
            self._buckets.setdefault(band_key, []).append(key)

    def lookup(self, keys: list[tuple[int, int]]) -> list[K]:
        """Keys of the texts sharing at least one of `keys`, in the order they were added."""
        found: dict[K, None] = {}
        for band_key in keys:
            found.update(dict.fromkeys(self._buckets.get(band_key, ())))
        return sorted(found, key=self._position.__getitem__)

    def candidates(self, sig: Signature) -> list[K]:
        """Keys sharing at least one word band with `sig`, in the order they were added."""
        return self.lookup(band_keys(sig))

    def check(self, sig: Signature, text: str) -> Match[K] | None:
        """The earliest added text that `text` (whose signature is `sig`) near-duplicates: by
        the word path first, then (with `paraphrases`) by the skeleton path, as ingest checks."""
        found = [(key, *self._signatures[key]) for key in self.candidates(sig)]
        match = verdict(sig, text, found)
        if match is not None or not self.paraphrases:
            return match
        keys = paraphrase_keys(text)
        return paraphrase_verdict(
            text, ((key, self._signatures[key][1]) for key in self.lookup(keys))
        )
