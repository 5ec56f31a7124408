"""SQL of the meeting read paths. PostgreSQL renders the JSON itself, byte for byte what the
pydantic models in `schemas.py` would produce (a test holds the two together), so serving a
meeting costs Python one round trip and no per-row work.

`row_to_json` and `array_to_json` write compact JSON in column order; timestamps are spelled
as pydantic spells UTC datetimes (`…T10:00:00Z`, microseconds only when there are some).
"""

from collections.abc import Sequence

from psycopg import sql

# One meeting as MeetingRead: participants hosts first then by name, each with the articles
# naming it; sources oldest first.
MEETING_DETAIL = sql.SQL(
    """
SELECT row_to_json(d)::text FROM (
  SELECT m.id, m.title, m.kind, m.series, m.status, m.start_date, m.end_date, m.date_precision,
         m.city, m.country, p.participant_count, p.participants, s.sources,
         (SELECT count(*) FROM statements AS st WHERE st.meeting_id = m.id) AS statement_count
  FROM meetings AS m
  CROSS JOIN LATERAL (
    SELECT count(*) AS participant_count,
           coalesce(array_to_json(array_agg(x.item ORDER BY x.role DESC, x.name)), '[]')
             AS participants
    FROM (
      SELECT mp.role, pt.name, row_to_json(r) AS item
      FROM meeting_participations AS mp
      JOIN participants AS pt ON pt.id = mp.participant_id
      CROSS JOIN LATERAL (
        SELECT array_agg(DISTINCT e.article_id ORDER BY e.article_id) AS ids
        FROM evidence_spans AS e WHERE e.participation_id = mp.id
      ) AS ev
      CROSS JOIN LATERAL (
        SELECT (SELECT ref FROM (SELECT pt.id, pt.name, pt.type) AS ref) AS participant,
               mp.role, mp.mode, coalesce(cardinality(ev.ids), 0) AS source_count,
               coalesce(ev.ids, '{}') AS sources
      ) AS r
      WHERE mp.meeting_id = m.id
    ) AS x
  ) AS p
  CROSS JOIN LATERAL (
    SELECT coalesce(array_to_json(array_agg(a.item ORDER BY a.at, a.id)), '[]') AS sources
    FROM (
      SELECT ar.published_at AS at, ar.id, row_to_json(r) AS item
      FROM articles AS ar
      JOIN sources AS so ON so.id = ar.source_id
      CROSS JOIN LATERAL (
        SELECT ar.id, ar.title, so.name AS source_name,
               to_char(ar.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
                 || CASE WHEN to_char(ar.published_at, 'US') = '000000' THEN ''
                         ELSE to_char(ar.published_at, '.US') END
                 || 'Z' AS published_at
      ) AS r
      WHERE ar.id IN (SELECT e.article_id FROM evidence_spans AS e WHERE e.meeting_id = m.id)
    ) AS a
  ) AS s
  WHERE m.id = %(meeting_id)s
) AS d
"""
)

MEETING_EXISTS = sql.SQL("SELECT 1 FROM meetings WHERE id = %(meeting_id)s")

# Filters of the meeting list: each a fixed fragment with its own named parameter. The
# participant filter is not among them: it picks another row source (`meeting_list`).
LIST_FILTERS: dict[str, sql.SQL] = {
    "from": sql.SQL("m.start_date >= %(from)s"),
    "to": sql.SQL("m.start_date <= %(to)s"),
    "country": sql.SQL("m.country = %(country)s"),
    # `kyiv`, `KYIV` and `Kyïv` find Kyiv: a filter people type
    "city": sql.SQL("lower(unaccent(m.city)) = lower(unaccent(%(city)s))"),
    "kind": sql.SQL("m.kind = %(kind)s"),
    "series": sql.SQL("m.series = %(series)s"),
    "status": sql.SQL("m.status = %(status)s"),
    "q": sql.SQL("m.search_vector @@ websearch_to_tsquery('english', %(q)s)"),
}

# Newest first, undated last, as one key the indexes hold (ix_meetings_newest and, for one
# participant, ix_meeting_participations_participant_newest): a page after a cursor is a single
# row comparison however deep it is. An undated cursor carries null, i.e. -infinity.
_ALL_MEETINGS = {
    "rows": sql.SQL("meetings AS m"),
    "newest": sql.SQL("coalesce(m.start_date, '-infinity'::date)"),
    "meeting_id": sql.SQL("m.id"),
    "own": sql.SQL("TRUE"),
}
_ONE_PARTICIPANTS = {
    "rows": sql.SQL("meeting_participations AS mp JOIN meetings AS m ON m.id = mp.meeting_id"),
    "newest": sql.SQL("coalesce(mp.meeting_start_date, '-infinity'::date)"),
    "meeting_id": sql.SQL("mp.meeting_id"),
    "own": sql.SQL("mp.participant_id = %(participant)s"),
}
_AFTER = (
    "({newest}, {meeting_id}) < (coalesce(%(after_date)s::date, '-infinity'::date), %(after_id)s)"
)

# One MeetingSummary per row, with its keyset key.
_LIST = """
SELECT row_to_json(r)::text, t.start_date, t.id FROM (
  SELECT m.id, m.title, m.kind, m.series, m.status, m.start_date, m.end_date, m.date_precision,
         m.city, m.country, {newest} AS newest
  FROM {rows}
  WHERE {own} AND {where}
  ORDER BY {newest} DESC, {meeting_id} DESC
  LIMIT %(limit)s
) AS t
CROSS JOIN LATERAL (
  SELECT t.id, t.title, t.kind, t.series, t.status, t.start_date, t.end_date, t.date_precision,
         t.city, t.country,
         (SELECT count(*) FROM meeting_participations AS c WHERE c.meeting_id = t.id)
           AS participant_count
) AS r
ORDER BY t.newest DESC, t.id DESC
"""


def meeting_list(filters: Sequence[str], *, participant: bool, after: bool) -> sql.Composed:
    """The list query for the named `filters` (keys of LIST_FILTERS), for one participant's
    meetings or all, and after a cursor or from the start."""
    shape = _ONE_PARTICIPANTS if participant else _ALL_MEETINGS
    conditions: list[sql.Composable] = [LIST_FILTERS[name] for name in filters]
    if after:
        conditions.append(sql.SQL(_AFTER).format(**shape))
    where = sql.SQL(" AND ").join(conditions) if conditions else sql.SQL("TRUE")
    return sql.SQL(_LIST).format(where=where, **shape)
