"""Extraction never fails on odd input, and every span it returns lies inside the text."""

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from service.extraction import extract
from service.extraction.records import Extraction, Span

NEWSY = st.sampled_from(
    [
        "President",
        "Zelenskyy",
        "met",
        "said",
        "“",
        "”",
        '"',
        "«",
        "»",
        "—",
        "–",
        "\n",
        "\n\n",
        "KYIV, Ukraine –",
        "on Saturday",
        "Jan. 3",
        "next week",
        "talks",
        "summit",
        "NATO",
        "the U.K.",
        "Macron",
        "in Paris",
        ".",
        ",",
        "will",
        "hold",
        "a",
        "call",
        "with",
        "Prime Minister",
        "Ms.",
        "Read more",
        "By",
        "Editorial Team",
        "12",
        "2026",
        "'",
        "(",
        ")",
        ":",
        "visit",
        "hosted",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(NEWSY, max_size=120).map(" ".join),
    st.lists(NEWSY, max_size=120).map("".join),
)


def _spans(extraction: Extraction) -> list[Span]:
    spans = [s for m in extraction.participants for s in m.spans]
    spans += [r.span for r in extraction.roles]
    spans += [s for m in extraction.meetings for s in m.spans]
    spans += [s for m in extraction.meetings for p in m.participants for s in p.spans]
    spans += [q.span for q in extraction.statements]
    return spans


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 12, 31)))
def test_any_text_extracts_without_error_and_spans_stay_inside(text: str, when: datetime) -> None:
    extraction = extract(text, when.replace(tzinfo=UTC), "en")

    for span in _spans(extraction):
        assert 0 <= span.start < span.end <= len(text)
    for statement in extraction.statements:
        assert text[statement.span.start : statement.span.end] == statement.text


def test_a_name_broken_by_a_carriage_return_keeps_its_span_inside_the_text() -> None:
    # found by the property above: the cleaned name does not occur verbatim in the text
    text = "Aa\rPresident Aaa"
    extraction = extract(text, datetime(2000, 1, 1, tzinfo=UTC), "en")

    assert extraction.participants
    for span in _spans(extraction):
        assert 0 <= span.start < span.end <= len(text)
