"""Folding an article's quotes into statements: the same words quoted by several articles
(translations included) are one statement with one variant per article.

Two quotes are one utterance when their speakers agree (or one is unattributed) and their
token-set similarity reaches `SAME_UTTERANCE`: 85 on rapidfuzz's 0–100 scale merges the seeds'
two translations of Umerov's words (95.6) and a quoted fragment of them (94.9), while different
sentences of one speaker on one topic stay well below (≈ 60).
"""

import uuid
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, NamedTuple

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from service.change import service as changes
from service.core import combined_writes
from service.core.combined_writes import Insert
from service.core.errors import ServiceUnavailable
from service.core.locks import LockSet, month_locks
from service.extraction.records import StatementMention
from service.statement import repository

SAME_UTTERANCE = 85.0
WINDOW_DAYS = 14
# an undated statement is a candidate for quotes dated (or, undated, published) within this
# window of its first report: round-ups and analyses quote weeks-old words
REPORTED_WINDOW_DAYS = 45
# a merge that lost this many races for one statement in a row gives up (503, retry)
MAX_LOST_RACES = 5


def merge(
    session: Session,
    statements: Iterable[StatementMention],
    participant_ids: dict[str, uuid.UUID],
    meeting_ids: dict[str, uuid.UUID],
    article_id: uuid.UUID,
    published_on: date,
    *,
    participant_keys: set[str],
    create: bool = True,
    writes: list[Insert | None] | None = None,
) -> list[uuid.UUID]:
    """Store or merge each quote; returns the statement ids in order. Without `create`, quotes
    only become variants of statements that already exist. `participant_keys` are the keys of
    the article's participants (a quote naming one is attributed); callers should already hold
    `locks(statements, …)`. Given `writes`, the variants' insert is appended to it for the
    caller's combined write (nothing later in the transaction may read them before it runs)."""
    statements = list(statements)
    # a no-op when the caller took them already
    locks(statements, participant_keys, published_on).take(session)
    # Writers quoting one person wait for each other here, on the resolved speaker (whatever
    # name or identifier each reached them by). The lock comes after the ingest's first
    # writes (participants, roles, meetings run side by side), but a writer holding it only
    # writes statements, which no writer waiting for it has touched, and all of an article's
    # speakers are locked in one ordered call: the late lock cannot close a cycle.
    speakers = {
        participant_ids[s.speaker_key] for s in statements if s.speaker_key in participant_ids
    }
    LockSet(exclusive={f"statements:speaker:{speaker}" for speaker in speakers}).take(session)
    stored: list[uuid.UUID] = []
    # this article's variants, written in one statement at the end; until then a later quote
    # of the article sees them through `_with_pending` as it would see them stored
    pending: list[repository.Variant] = []
    for mention in statements:
        speaker = participant_ids.get(mention.speaker_key) if mention.speaker_key else None
        meeting = meeting_ids.get(mention.meeting_key) if mention.meeting_key else None
        said_on = mention.said_on or published_on
        if create and speaker is None:
            # a quote that could not be pinned on anyone creates an unattributed statement
            LockSet(exclusive=_months_around(said_on)).take(session)
        for _attempt in range(MAX_LOST_RACES):
            found = repository.candidates(
                session, speaker, said_on, WINDOW_DAYS, REPORTED_WINDOW_DAYS, mention.text
            )
            match = _best_match(_with_pending(found, pending), mention.text, said_on)
            updates = _improvements(match, speaker, mention, meeting, published_on) if match else {}
            if speaker is None and not create:
                # a reprint's quote whose speaker is not on file holds the months only shared
                # (see `locks`): it may add a source, but must not move a statement in time
                updates.pop("said_on", None)
                updates.pop("reported_on", None)
            # quotes by two speakers may both claim one unattributed statement (they hold its
            # space shared): the second must not overwrite the first, but match afresh
            read = {name: getattr(match, name) for name in updates}
            if match is None or not updates:
                break
            if repository.update_statement(session, match.id, updates, read=read):
                break
        else:
            raise ServiceUnavailable("concurrent quotes kept changing the matching statement")
        if match is None and not create:
            continue
        if match is None:
            statement_id = repository.insert_statement(
                session,
                {
                    "text": mention.text,
                    "speaker_id": speaker,
                    "said_on": mention.said_on,
                    "channel": mention.channel,
                    "meeting_id": meeting,
                    "reported_on": published_on,
                },
            )
            changes.record(session, "statement", statement_id, "created")
        else:
            statement_id = match.id
            # a new variant (another source) shows in the statement even without updates
            changes.record(session, "statement", statement_id, "updated")
        pending.append(
            repository.Variant(
                statement_id, article_id, mention.text, mention.span.start, mention.span.end
            )
        )
        stored.append(statement_id)
    variants = repository.variants_insert(pending)
    if writes is None:
        combined_writes.write(session, [variants])
    else:
        writes.append(variants)
    return stored


def _with_pending(candidates: list[Any], pending: list[repository.Variant]) -> list[Any]:
    """The candidates plus, for each candidate statement, the wordings of this article's
    variants not yet written (the query would have returned them as rows of that statement)."""
    if not pending:
        return candidates
    rows = {row.id: row for row in candidates}
    extra = [
        _Candidate(**(rows[v.statement_id]._asdict() | {"text": v.text}))
        for v in pending
        if v.statement_id in rows
    ]
    return candidates + extra


class _Candidate(NamedTuple):
    """A candidate row as `repository.candidates` returns it."""

    id: uuid.UUID
    speaker_id: uuid.UUID | None
    said_on: date | None
    meeting_id: uuid.UUID | None
    reported_on: date
    text: str


def _best_match(candidates: list[Any], text: str, around: date) -> Any:
    """The candidate wording nearest `text`, if one is near enough to be the same utterance.

    Ties (one quote said twice, by two speakers or in two stories) go to the statement nearest
    in time to the quote (`around`: its date, else its article's), then to the earliest
    reported, then to content; never to the candidates' row order, which follows the order
    concurrent writers happened to insert in, not the order they committed in."""
    best, best_rank = None, None
    for candidate in candidates:
        score = fuzz.token_set_ratio(candidate.text, text)
        if score < SAME_UTTERANCE:
            continue
        when = candidate.said_on or candidate.reported_on
        rank = (
            -score,
            abs((when - around).days),
            candidate.reported_on,
            candidate.said_on is None,
            candidate.text,
            candidate.speaker_id is None,
        )
        if best_rank is None or rank < best_rank:
            best, best_rank = candidate, rank
    return best


def _improvements(
    existing: Any,
    speaker: uuid.UUID | None,
    mention: StatementMention,
    meeting: uuid.UUID | None,
    published_on: date,
) -> dict[str, Any]:
    updates: dict[str, Any] = {}
    # the earliest report places an undated statement, whatever order the reports arrive in;
    # it so moves only under an undated quote, into that quote's own month, which it holds
    # (a dated quote dates it, and a dated statement sits in its said_on's month)
    if published_on < existing.reported_on:
        updates["reported_on"] = published_on
    if existing.speaker_id is None and speaker is not None:
        updates["speaker_id"] = speaker
    if existing.said_on is None and mention.said_on is not None:
        updates["said_on"] = mention.said_on
    if existing.meeting_id is None and meeting is not None:
        updates["meeting_id"] = meeting
    return updates


def prune(session: Session, statement_ids: set[uuid.UUID]) -> None:
    """Remove statements whose every variant is gone (after an article was re-extracted); the
    ones that stay have lost or regained a variant: noted as updated."""
    deleted = repository.delete_without_variants(session, statement_ids)
    for statement_id in deleted:
        changes.record(session, "statement", statement_id, "deleted")
    for statement_id in sorted(statement_ids - set(deleted)):
        changes.record(session, "statement", statement_id, "updated")


def locks(
    statements: Iterable[StatementMention], participant_keys: set[str], published_on: date
) -> LockSet:
    """The locks a writer holds while it merges these quotes.

    Every statement sits in one month: a dated one in its said_on's, an undated one in its
    `reported_on`'s; a quote reads and writes statements within `WINDOW_DAYS` of its date (its
    article's when it has none), undated ones within `REPORTED_WINDOW_DAYS`. An attributed
    quote can only match its speaker's statements or unattributed ones, so it holds the months
    it reaches shared; writers quoting one speaker are serialised by the lock on the resolved
    speaker that `merge` takes once participants are resolved. An unattributed quote can match
    anyone's statement, so it holds those months exclusively: it waits for every statement
    writer of those months, and for none of other times. (`participant_keys` tells which
    quotes name a speaker among the article's participants.)
    """
    wanted = LockSet()
    for mention in statements:
        months = _months_around(mention.said_on or published_on)
        if mention.speaker_key in participant_keys:
            wanted.shared |= months
        else:
            wanted.exclusive |= months
    return wanted


def _months_around(day: date) -> set[str]:
    """The lock names of the months a quote of `day` reaches (its candidates, and where it
    creates or moves a statement)."""
    reach = timedelta(days=max(WINDOW_DAYS, REPORTED_WINDOW_DAYS))
    return month_locks("statements", day - reach, day + reach)
