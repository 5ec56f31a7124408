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

# Filters of the meeting list: each a fixed fragment with its own named parameter.
LIST_FILTERS: dict[str, sql.SQL] = {
    "from": sql.SQL("m.start_date >= %(from)s"),
    "to": sql.SQL("m.start_date <= %(to)s"),
    "participant": sql.SQL(
        "m.id IN (SELECT meeting_id FROM meeting_participations"
        " WHERE participant_id = %(participant)s)"
    ),
    "country": sql.SQL("m.country = %(country)s"),
    "city": sql.SQL("m.city = %(city)s"),
    "kind": sql.SQL("m.kind = %(kind)s"),
    "series": sql.SQL("m.series = %(series)s"),
    "status": sql.SQL("m.status = %(status)s"),
    "q": sql.SQL("m.search_vector @@ websearch_to_tsquery('english', %(q)s)"),
}
# newest first, undated last: the order of ix_meetings_start_date_id
AFTER_DATED = sql.SQL(
    "((m.start_date, m.id) < (%(after_date)s, %(after_id)s) OR m.start_date IS NULL)"
)
AFTER_UNDATED = sql.SQL("(m.start_date IS NULL AND m.id < %(after_id)s)")

# One MeetingSummary per row, with its keyset key.
_LIST = """
SELECT row_to_json(t)::text, t.start_date, t.id FROM (
  SELECT m.id, m.title, m.kind, m.series, m.status, m.start_date, m.end_date, m.date_precision,
         m.city, m.country,
         (SELECT count(*) FROM meeting_participations AS c WHERE c.meeting_id = m.id)
           AS participant_count
  FROM meetings AS m
  WHERE {where}
  ORDER BY m.start_date DESC NULLS LAST, m.id DESC
  LIMIT %(limit)s
) AS t
ORDER BY t.start_date DESC NULLS LAST, t.id DESC
"""


def meeting_list(conditions: Sequence[sql.Composable]) -> sql.Composed:
    where = sql.SQL(" AND ").join(conditions) if conditions else sql.SQL("TRUE")
    return sql.SQL(_LIST).format(where=where)
