"""An in-process band index: the benchmarks' and tests' stand-in for the band table."""

from collections.abc import Hashable
from typing import Generic, TypeVar

from service.dedup.lsh import Match, band_keys, verdict
from service.dedup.minhash import Signature

K = TypeVar("K", bound=Hashable)


class MemoryBandIndex(Generic[K]):
    """Band key → keys of the texts added under it, as the band table maps them to articles."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, int], list[K]] = {}
        self._signatures: dict[K, tuple[Signature, str]] = {}
        self._position: dict[K, int] = {}

    def add(self, key: K, sig: Signature, text: str) -> None:
        self._position.setdefault(key, len(self._position))
        self._signatures[key] = (sig, text)
        for band_key in band_keys(sig):
            self._buckets.setdefault(band_key, []).append(key)

    def candidates(self, sig: Signature) -> list[K]:
        """Keys sharing at least one band with `sig`, in the order they were added."""
        found: dict[K, None] = {}
        for band_key in band_keys(sig):
            found.update(dict.fromkeys(self._buckets.get(band_key, ())))
        return sorted(found, key=self._position.__getitem__)

    def check(self, sig: Signature, text: str) -> Match[K] | None:
        """The earliest added text that `text` (whose signature is `sig`) near-duplicates."""
        return verdict(sig, text, ((key, *self._signatures[key]) for key in self.candidates(sig)))
