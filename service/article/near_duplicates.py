"""The near-duplicate check of the ingest path: MinHash bands looked up in Postgres.

Two paths share the band table: word bands (reprints: `dedup.verdict`), then, only when those
find nothing, skeleton bands (paraphrased copies: `dedup.paraphrase_verdict`). Only the first
article of each group is indexed, so every candidate is a group's original and
the verdict's `duplicate_of` is the earliest article of the group. Checks that could see each
other's articles serialise on advisory locks over their band hashes (the ingest takes them with
all its other locks, in one ordered round trip), so two near-identical articles pushed at once
give one `created` and one `near_duplicate`, never two `created`.
"""

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from service import dedup
from service.article import repository
from service.core import combined_writes
from service.core.combined_writes import Insert


@dataclass(frozen=True, slots=True)
class Check:
    """A text's signature and band keys (both paths'), and the original it duplicates, if any."""

    signature: dedup.Signature
    keys: list[tuple[int, int]]
    duplicate_of: uuid.UUID | None
    similarity: float | None


@dataclass(frozen=True, slots=True)
class Fingerprint:
    text: str
    signature: dedup.Signature
    keys: list[tuple[int, int]]
    skeleton_keys: list[tuple[int, int]]

    def lock_keys(self) -> list[int]:
        """Checks that could see each other's articles share at least one of these."""
        return [band_hash for _, band_hash in self.keys + self.skeleton_keys]


def fingerprint(text: str) -> Fingerprint:
    signature = dedup.signature(text)
    return Fingerprint(text, signature, dedup.band_keys(signature), dedup.paraphrase_keys(text))


def check(session: Session, fingerprint: Fingerprint) -> Check:
    """Look for an earlier article this text nearly duplicates. The caller must hold the
    fingerprint's lock keys (see `Fingerprint.lock_keys`) until it commits."""
    signature, keys = fingerprint.signature, fingerprint.keys
    indexed = keys + fingerprint.skeleton_keys
    # one query for both paths' candidates: most checks find none, and a round trip each would
    # cost every original two
    rows = repository.near_duplicate_candidates(session, indexed, dedup.BAND_OFFSET)
    candidates = [
        (row.id, dedup.Signature.from_bytes(row.minhash), row.text)
        for row in rows
        if row.by_words and row.minhash is not None
    ]
    match = dedup.verdict(signature, fingerprint.text, candidates)
    if match is None and fingerprint.skeleton_keys:
        paraphrased = ((row.id, row.text) for row in rows if row.by_skeleton)
        match = dedup.paraphrase_verdict(fingerprint.text, paraphrased)
    if match is None:
        return Check(signature, indexed, None, None)
    return Check(signature, indexed, match.duplicate_of, round(match.similarity, 4))


def index(article_id: uuid.UUID, result: Check) -> Insert | None:
    """The write that makes an original findable by later checks, for the ingest's combined
    write (None for a near-duplicate: those are not indexed)."""
    if result.duplicate_of is not None:
        return None
    return repository.bands_insert(article_id, result.keys)


def reindex(session: Session, article_id: uuid.UUID, text: str) -> None:
    """Give a stored original the skeleton bands it lacks (articles stored before the
    paraphrase path existed have word bands only); bands it has are left as they are."""
    combined_writes.write(
        session, [repository.bands_insert(article_id, dedup.paraphrase_keys(text))]
    )
