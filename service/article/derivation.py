"""Deriving records from an article: its extraction folded into participants, meetings and
statements, inside the ingest transaction; and re-deriving after the extractor changed."""

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from service.article import repository
from service.change import service as changes
from service.core import combined_writes, metrics
from service.core.combined_writes import Insert
from service.core.errors import ServiceUnavailable
from service.core.locks import LockSet
from service.extraction import extract
from service.extraction.records import Extraction, KnownEntity, Mention
from service.meeting import service as meetings
from service.participant import service as participants
from service.statement import service as statements

logger = logging.getLogger(__name__)


def _extract(
    article_id: uuid.UUID,
    text: str,
    published_at: datetime,
    language: str | None,
    known: list[KnownEntity],
) -> Extraction:
    try:
        return extract(text, published_at, language, known)
    except Exception:
        # a bug in the extractor must not cost a partner its article: it is stored, the
        # failure is logged loudly, and `parley reprocess` derives it once the bug is fixed
        logger.exception("extraction.failed", extra={"article_id": str(article_id)})
        metrics.count_extraction_failure()
        return Extraction()


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article's extraction and its participants' look-up, made from the known entities
    that are still current now that the writer holds every lock the fold needs."""

    extraction: Extraction
    lookup: participants.Lookup


# how often an ingest re-extracts because the known entities changed while it waited for its
# locks before it gives up (503, retry): each round needs another writer to commit meanwhile
MAX_REEXTRACTIONS = 4


def prepare_locked(
    session: Session,
    article_id: uuid.UUID,
    text: str,
    published_at: datetime,
    language: str | None,
    published_on: date,
    *,
    extra_keys: Iterable[int] = (),
    exclusive: Iterable[str] = (),
) -> Prepared:
    """Extract, look up, and take every lock the fold will need (with `extra_keys` and the
    names in `exclusive`, exclusively), so that the extraction is the one a writer running
    after every transaction committed before its locks would make.

    The known entities steer the extraction ("Kallas met …" is a person only once Kaja Kallas
    is stored), and they are read before the locks, whose names depend on the extraction. A
    writer committing meanwhile (this one may even have waited for it on a lock) can have
    stored an entity the text names: the known entities are read again under the locks, and
    while they differ the text is extracted again and the new extraction's locks are taken
    too. Without this, an article pushed while another was being written extracted as though
    that one did not exist, which no sequential order of the two gives.
    """
    extra = list(extra_keys)
    known = participants.known_entities(session, text)
    for _round in range(MAX_REEXTRACTIONS):
        extraction = _extract(article_id, text, published_at, language, known)
        lookup = look_up(session, extraction)
        wanted = locks(extraction, lookup, published_on)
        wanted.exclusive |= set(exclusive)
        # locks held from an earlier round are not taken again; new ones may wait on another
        # writer that waits on ours: PostgreSQL then aborts one, retried as a deadlock
        wanted.take(session, extra_keys=extra)
        current = participants.known_entities(session, text)
        if _same_entities(current, known):
            return Prepared(extraction, lookup)
        known = current
    raise ServiceUnavailable("concurrent writers kept changing the entities this text names; retry")


def _same_entities(a: list[KnownEntity], b: list[KnownEntity]) -> bool:
    # the query's row order is no part of what the gazetteer is given
    return {(e.type, e.name, e.aliases) for e in a} == {(e.type, e.name, e.aliases) for e in b}


def look_up(session: Session, extraction: Extraction) -> participants.Lookup:
    """The stored participants the extraction's stored mentions name (reads, takes no lock)."""
    return participants.look_up(session, _stored_mentions(extraction))


def locks(extraction: Extraction, lookup: participants.Lookup, published_on: date) -> LockSet:
    """Every advisory lock folding `extraction` may take, so a writer can take them all at once,
    in order, before it writes anything (no deadlock between concurrent ingests). Participants
    `lookup` found need none: only creating one does."""
    wanted = LockSet(exclusive=participants.creation_locks(lookup, _stored_mentions(extraction)))
    wanted |= meetings.locks(extraction.meetings, published_on)
    wanted |= statements.locks(extraction.statements, _participant_keys(extraction), published_on)
    wanted.shared.add(_REDERIVE)
    return wanted


_REDERIVE = "derivations:rederive"


def _participant_keys(extraction: Extraction) -> set[str]:
    return {m.key for m in extraction.participants}


def rederive(session: Session, article_id: uuid.UUID) -> None:
    """Replace what this article supports with a fresh extraction.

    Its evidence is dropped first but the records stay, so a re-extraction that finds the same
    things merges back into the same rows (same ids); whatever lost its last evidence goes.
    Pruning may delete a meeting or statement that a concurrent ingest is about to add
    evidence to, so this holds the rederive lock exclusively (every ingest holds it shared,
    see `locks`): it waits for ingests in flight and holds new ones back until it commits.
    """
    article = repository.article_for_derivation(session, article_id)
    if article is None:
        return
    # the day in UTC, as ingest took it (the connection's time zone may be another)
    published_on = article.published_at.astimezone(UTC).date()
    prepared = prepare_locked(
        session,
        article_id,
        article.text,
        article.published_at,
        article.language,
        published_on,
        exclusive={_REDERIVE},
    )
    extraction, lookup = prepared.extraction, prepared.lookup
    touched = repository.derived_targets(session, article_id)
    repository.forget_derivations(session, article_id)
    fold(
        session,
        article_id,
        published_on,
        extraction,
        lookup,
        attach_only=article.outcome == "near_duplicate",
    )
    meetings.prune(session, touched["meetings"], touched["participations"])
    # a meeting only this article's participation evidence touched stays, changed
    for meeting_id in sorted(touched["participation_meetings"] - touched["meetings"]):
        changes.record(session, "meeting", meeting_id, "updated")
    statements.prune(session, touched["statements"])
    participants.prune_roles(session, touched["roles"])


@dataclass(frozen=True, slots=True)
class Derived:
    """The records an article is now evidence for (what `repository.extracted_ids` would read
    back for a freshly stored article)."""

    meeting_ids: list[uuid.UUID]
    statement_ids: list[uuid.UUID]
    participant_ids: list[uuid.UUID]


def fold(
    session: Session,
    article_id: uuid.UUID,
    published_on: date,
    extraction: Extraction,
    lookup: participants.Lookup | None = None,
    *,
    attach_only: bool = False,
    writes: list[Insert | None] | None = None,
) -> Derived:
    """Merge one article's extraction into the stored records, with the article as evidence.

    `lookup` is `look_up`'s answer read before the caller's locks (read here when not given).
    With `attach_only` (a near-duplicate), the article only adds evidence to records that
    already exist; whatever matches nothing is dropped. The evidence and statement variants
    are written at the end in one statement, or, given `writes`, appended to it for the
    caller's combined write (see `combined_writes`): nothing in the merge reads them back.
    """
    create = not attach_only
    ids = participants.resolve(session, _stored_mentions(extraction), create=create, lookup=lookup)
    evidence = participants.record_roles(
        session, extraction.roles, ids, article_id, published_on, create=create
    )
    merged = meetings.merge(
        session, extraction.meetings, ids, article_id, published_on, create=create
    )
    # the whole article's evidence in one statement: no step of the merge reads evidence
    evidence += merged.evidence
    pending: list[Insert | None] = [meetings.evidence_insert(evidence)]
    statement_ids = statements.merge(
        session,
        extraction.statements,
        ids,
        merged.ids,
        article_id,
        published_on,
        participant_keys=_participant_keys(extraction),
        create=create,
        writes=pending,
    )
    if writes is None:
        combined_writes.write(session, pending)
    else:
        writes += pending
    return Derived(
        meeting_ids=sorted(merged.meeting_ids),
        statement_ids=sorted(set(statement_ids)),
        participant_ids=sorted(merged.participant_ids),
    )


def _stored_mentions(extraction: Extraction) -> list[Mention]:
    """Entities that take part in something; people merely mentioned are not stored."""
    referenced = _referenced_keys(extraction)
    return [m for m in extraction.participants if m.key in referenced]


def _referenced_keys(extraction: Extraction) -> set[str]:
    """Entities that take part in something; people merely mentioned are not stored."""
    keys = {p.participant_key for m in extraction.meetings for p in m.participants}
    keys |= {s.speaker_key for s in extraction.statements if s.speaker_key}
    keys |= {r.person_key for r in extraction.roles}
    keys |= {r.affiliation_key for r in extraction.roles if r.affiliation_key}
    return keys
