"""Folding an article's meetings into stored meetings: one row per real meeting.

Two reports are the same meeting when their dates agree (or one is undated and the other is
near the article's date: an undated meeting is where its first report's publication put it),
their countries do not conflict, and their series (or, without a series, their kind) agree. A planned meeting later reported as held becomes held. Merging
happens under advisory locks covering every meeting a report could match (`locks`), so
concurrent ingests never create twins.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from service.change import service as changes
from service.core.combined_writes import Insert
from service.core.errors import ServiceUnavailable
from service.core.locks import LockSet, month_locks
from service.extraction.records import MeetingMention, Span
from service.meeting import repository

# an undated report ("a leader-level gathering in France") matches meetings dated within this
# window of its article's date
UNDATED_WINDOW_DAYS = 21
# an undated meeting is matched by reports dated (or, undated, published) within this window of
# its first report's publication: announced a few weeks ahead, or reported weeks after
REPORTED_WINDOW_DAYS = 45
# a merge that lost this many races for one record in a row gives up (503, retry)
MAX_LOST_RACES = 5
_PRECISION_RANK = {"unknown": 0, "month": 1, "day": 2}


@dataclass(slots=True)
class Merged:
    """What merging an article's meetings produced: local meeting key → meeting id, the
    evidence rows to store (see `evidence_insert`), and the meetings and participants (through
    their participations) that those rows back."""

    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    evidence: list[dict[str, object]] = field(default_factory=list)
    meeting_ids: set[uuid.UUID] = field(default_factory=set)
    participant_ids: set[uuid.UUID] = field(default_factory=set)


def merge(
    session: Session,
    meetings: Iterable[MeetingMention],
    participant_ids: dict[str, uuid.UUID],
    article_id: uuid.UUID,
    published_on: date,
    *,
    create: bool = True,
) -> Merged:
    """Store or merge each mention. Without `create`, mentions only add evidence to meetings
    and participations that already exist. The evidence is returned, not written: the caller
    stores an article's whole evidence in one statement (`evidence_insert`); nothing here reads
    evidence back, so deferring it changes no decision."""
    merged = Merged()
    mentions = list(meetings)
    if not mentions:
        return merged
    # a no-op when the caller took them already, as it should
    locks(mentions, published_on).take(session)
    for mention in mentions:
        parties = {
            participant_ids[p.participant_key]
            for p in mention.participants
            if p.participant_key in participant_ids
        }
        meeting_id = _merge_one(session, mention, parties, published_on, create=create)
        if meeting_id is None:
            continue
        merged.ids[mention.key] = meeting_id
        evidence_before = len(merged.evidence)
        merged.evidence += _evidence(article_id, "meeting_id", meeting_id, mention.spans)
        if mention.spans:
            merged.meeting_ids.add(meeting_id)
        parties_here = _combined_participations(mention, participant_ids)
        if create:
            rows = repository.upsert_participations(
                session, meeting_id, list(parties_here.values())
            )
        else:
            rows = repository.find_participations(session, meeting_id, set(parties_here))
        for participant_id, participation_id in rows.items():
            spans = parties_here[participant_id][3]
            merged.evidence += _evidence(article_id, "participation_id", participation_id, spans)
            if spans:
                merged.participant_ids.add(participant_id)
        if len(merged.evidence) > evidence_before or (create and rows):
            # a new source or participant shows in the meeting: feed consumers must refetch
            changes.record(session, "meeting", meeting_id, "updated")
    return merged


def evidence_insert(rows: list[dict[str, object]]) -> Insert | None:
    """Evidence rows (each names one meeting, participation or role) as a part of a combined
    write (None when there are none)."""
    return repository.evidence_insert(rows)


def _combined_participations(
    mention: MeetingMention, participant_ids: dict[str, uuid.UUID]
) -> dict[uuid.UUID, tuple[uuid.UUID, str, str, list[Span]]]:
    """One (participant, role, mode, spans) per participant: two mentions of one participant
    in a meeting fold together (a host stays host, a known mode beats `unknown`)."""
    combined: dict[uuid.UUID, tuple[uuid.UUID, str, str, list[Span]]] = {}
    for participation in mention.participants:
        participant_id = participant_ids.get(participation.participant_key)
        if participant_id is None:
            continue
        _, role, mode, spans = combined.get(
            participant_id, (participant_id, "attendee", "unknown", [])
        )
        combined[participant_id] = (
            participant_id,
            "host" if "host" in (role, participation.role) else "attendee",
            mode if mode != "unknown" else participation.mode,
            [*spans, *participation.spans],
        )
    return combined


def locks(mentions: Iterable[MeetingMention], published_on: date) -> LockSet:
    """The locks a writer holds while it merges these meeting reports, one per month of dated
    meetings and one per month of undated ones.

    A dated meeting sits in its start date's month, an undated one in its `reported_on`'s. A
    dated report reads and creates dated meetings of its own month only (`_same_meeting`):
    it holds that month exclusively. An undated report reads dated meetings within
    `UNDATED_WINDOW_DAYS` of its article (shared) and creates undated ones in its article's
    month (exclusive). Every report reads the undated meetings first reported within its reach
    (`_reach`, shared): a report that could match a meeting another is creating waits for it,
    while dated reports of different months, which can at most both date one undated meeting
    (`update_meeting` settles that race), run side by side.
    """
    wanted = LockSet()
    for mention in mentions:
        wanted.shared |= month_locks("meetings:undated", *_reach(mention, published_on))
        if mention.start_date is None:
            wanted.exclusive |= month_locks("meetings:undated", published_on, published_on)
            window = timedelta(days=UNDATED_WINDOW_DAYS)
            wanted.shared |= month_locks(
                "meetings:dated", published_on - window, published_on + window
            )
        else:
            wanted.exclusive |= month_locks(
                "meetings:dated", mention.start_date, mention.start_date
            )
    return wanted


def _reach(mention: MeetingMention, published_on: date) -> tuple[date, date]:
    """The days an undated meeting's first report may fall on for `mention` to match it."""
    if mention.start_date is None:
        first = last = published_on
    elif mention.date_precision == "month":
        first, last = repository.month_bounds(mention.start_date)
    else:
        first = last = mention.start_date
    window = timedelta(days=REPORTED_WINDOW_DAYS)
    return first - window, last + window


def _evidence(
    article_id: uuid.UUID, target: str, target_id: object, spans: Iterable[Span]
) -> list[dict[str, object]]:
    return [
        {"article_id": article_id, target: target_id, "span_start": s.start, "span_end": s.end}
        for s in spans
    ]


def _merge_one(
    session: Session,
    mention: MeetingMention,
    parties: set[uuid.UUID],
    published_on: date,
    *,
    create: bool,
) -> uuid.UUID | None:
    for _attempt in range(MAX_LOST_RACES):
        existing = _matching(session, mention, parties, published_on)
        if existing is None:
            break
        updates = _improvements(existing, mention, published_on)
        # the columns read must still hold what was read (locks already serialise writers
        # that can reach one meeting; this keeps a merge correct on its own): else match afresh
        read = {name: getattr(existing, name) for name in updates}
        if not updates or repository.update_meeting(session, existing.id, updates, read=read):
            if set(updates) - {"reported_on"}:  # reported_on is not shown in the API
                changes.record(session, "meeting", existing.id, "updated")
            return existing.id  # type: ignore[no-any-return]
    else:
        raise ServiceUnavailable("concurrent reports kept changing the matching meeting; retry")
    if not create:
        return None
    meeting_id = repository.insert_meeting(
        session,
        {
            "title": mention.title,
            "kind": mention.kind,
            "series": mention.series,
            "status": mention.status,
            "start_date": mention.start_date,
            "end_date": mention.end_date,
            "date_precision": mention.date_precision if mention.start_date else "unknown",
            "city": mention.city,
            "country": mention.country,
            "reported_on": published_on,
        },
    )
    changes.record(session, "meeting", meeting_id, "created")
    return meeting_id


def _matching(
    session: Session, mention: MeetingMention, parties: set[uuid.UUID], published_on: date
) -> Any:
    """The stored meeting this report is most likely about, or None.

    Several may fit (two Istanbul talks a week apart, an undated report between them): the one
    sharing most parties wins, then the nearer date, the same city and kind, then the earliest
    stored. Stored meetings of one transaction share `created_at`, so the last tie goes to
    content, never to a random id."""
    around = mention.start_date or published_on
    reach = _reach(mention, published_on)
    best: tuple[Any, ...] | None = None
    found: Any = None
    for existing in repository.candidates(session, mention, around, UNDATED_WINDOW_DAYS, reach):
        if not _same_meeting(existing, mention):
            continue
        theirs = repository.participant_ids(session, existing.id) if parties else set()
        shared = len(parties & theirs)
        if not (_dated_on_both_sides(existing, mention) or existing.series is not None or shared):
            continue
        if _strangers(existing, mention, shared, len(parties), len(theirs)):
            continue
        if _other_pair(existing, mention, shared, len(parties), len(theirs)):
            continue
        when = existing.start_date or existing.reported_on
        rank = (
            -shared,
            abs((when - around).days),
            existing.city != mention.city,
            existing.kind != mention.kind,
            existing.created_at,
            existing.title,
            str(existing.start_date),
            existing.city or "",
        )
        if best is None or rank < best:
            best, found = rank, existing
    return found


def _strangers(existing: Any, mention: MeetingMention, shared: int, ours: int, theirs: int) -> bool:
    """A meeting known only to its month that shares no party with a dated one: "A is expected
    to visit in May" is not B's talks with C on 20 May, though both are of kind "other" in May.
    One exact day on both sides (one place, one day) and a shared series still decide alone."""
    if shared or not ours or not theirs or (existing.series and existing.series == mention.series):
        return False
    return not (existing.date_precision == "day" and mention.date_precision == "day")


def _other_pair(
    existing: Any, mention: MeetingMention, shared: int, ours: int, theirs: int
) -> bool:
    """Two bilaterals that share one side only: Trump meeting Zelensky is not Trump meeting
    Netanyahu, though both name Trump (one side undated, the parties decide)."""
    if _dated_on_both_sides(existing, mention):
        return False
    both = existing.kind == "bilateral" and mention.kind == "bilateral"
    return both and ours >= 2 and theirs >= 2 and shared < 2


def _same_meeting(existing: Any, mention: MeetingMention) -> bool:
    """Whether a stored meeting and a new report can be the same gathering.

    Conflicts rule it out: two countries, two series, two exact dates. Otherwise the report
    must agree on the series (when both name one) or on the kind.
    """
    if existing.country and mention.country and existing.country != mention.country:
        return False
    if existing.series and mention.series and existing.series != mention.series:
        return False
    same_series = bool(existing.series and existing.series == mention.series)
    same_kind = bool(existing.kind == mention.kind)
    if existing.start_date is not None and mention.start_date is not None:
        if existing.date_precision == "day" and mention.date_precision == "day":
            # one place, one day: a differently worded kind is still the same meeting, but a
            # call is never the talks in a room, nor a summit the ministers' meeting beside it
            same_place = bool(existing.country and existing.country == mention.country)
            return bool(existing.start_date == mention.start_date) and (
                same_series or same_kind or (same_place and _kinds_fit(existing.kind, mention.kind))
            )
        same_month = (existing.start_date.year, existing.start_date.month) == (
            mention.start_date.year,
            mention.start_date.month,
        )
        return same_month and (same_series or same_kind)
    # one side undated: the caller also asks for a shared series or party
    return same_series or same_kind


# kinds a report may give a meeting it does not name precisely
_LOOSE_KINDS = frozenset({"talks", "other"})


def _kinds_fit(a: str, b: str) -> bool:
    if (a == "call") != (b == "call"):
        return False
    return a == b or a in _LOOSE_KINDS or b in _LOOSE_KINDS


def _dated_on_both_sides(existing: Any, mention: MeetingMention) -> bool:
    return existing.start_date is not None and mention.start_date is not None


def _improvements(existing: Any, mention: MeetingMention, published_on: date) -> dict[str, Any]:
    updates: dict[str, Any] = {}
    # the earliest report places the meeting, whatever order the reports arrive in; an undated
    # meeting so moves only under an undated report, into that report's own month, which it
    # holds (a dated report dates it, and a dated meeting sits in its start date's month)
    if published_on < existing.reported_on:
        updates["reported_on"] = published_on
    if existing.status == "planned" and mention.status == "held":
        updates["status"] = "held"
    if (
        mention.start_date is not None
        and _PRECISION_RANK[mention.date_precision]
        > _PRECISION_RANK[existing.date_precision if existing.start_date else "unknown"]
    ):
        updates["start_date"] = mention.start_date
        updates["date_precision"] = mention.date_precision
        # a meeting never ends before it starts (ck_meetings_date_order)
        end = existing.end_date
        if end is not None and end < mention.start_date:
            updates["end_date"] = (
                mention.end_date
                if mention.end_date is not None and mention.end_date >= mention.start_date
                else mention.start_date
            )
    if existing.city is None and mention.city is not None:
        updates["city"] = mention.city
    if existing.country is None and mention.country is not None:
        updates["country"] = mention.country
    return updates


def prune(session: Session, meeting_ids: set[uuid.UUID], participation_ids: set[int]) -> None:
    """Remove what lost its last evidence (after an article was re-extracted); the meetings
    that stay have lost or regained a source, participation or detail: noted as updated."""
    deleted = repository.delete_unsupported(session, meeting_ids, participation_ids)
    for meeting_id in deleted:
        changes.record(session, "meeting", meeting_id, "deleted")
    for meeting_id in sorted(meeting_ids - set(deleted)):
        changes.record(session, "meeting", meeting_id, "updated")
