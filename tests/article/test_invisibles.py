"""Content rules: a body needs letters or digits once cleaned, bidi controls never reach stored
text, titles or authors, and zero-width characters never make a field non-empty."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.article.invisibles import has_letters_or_digits, is_blank, strip_bidi_controls
from service.models import Article
from tests.factories import article_payload

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _post(client: TestClient, headers: dict[str, str], payload: dict[str, Any]) -> Any:
    return client.post(
        "/v1/articles",
        content=json.dumps(payload).encode(),
        headers={**headers, "content-type": "application/json"},
    )


def _count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Article)).scalar_one()


CONTENTLESS = [
    ("bidi and zero-width only", {"body": "\u202e\u200b\u2066\u2069"}),
    ("combining marks only", {"body": "\u0301\u0302 \u0303\u20dd"}),
    ("zero-width joiners and BOM", {"body": "\u200c\u200d\ufeff\u2060 \u200b"}),
    ("punctuation and marks", {"body": "… — \u0301 !!"}),
    ("Hangul fillers", {"body": "\u3164\u115f \u3164"}),
    (
        "html of invisible entities",
        {"body": "<p>&#x202E;&#x200B;&#8294;</p>", "content_type": "text/html"},
    ),
]


@pytest.mark.parametrize(("case", "overrides"), CONTENTLESS, ids=[c[0] for c in CONTENTLESS])
def test_a_body_without_letters_or_digits_is_refused(
    client: TestClient,
    auth: Callable[..., dict[str, str]],
    session: Session,
    case: str,
    overrides: dict[str, Any],
) -> None:
    response = _post(client, auth(), article_payload(**overrides))

    assert response.status_code == 422, case
    assert response.json()["errors"][0]["loc"] == ["body", "body"]
    assert _count(session) == 0


@pytest.mark.parametrize(
    ("field", "value", "loc"),
    [
        ("title", "\u200b\u200b", ["body", "title"]),
        ("title", "\u202e\u2066", ["body", "title"]),
        ("authors", ["\ufeff"], ["body", "authors", 0]),
        ("external_id", "\u200d", ["body", "external_id"]),
        ("source", {"name": "\u2060 \u200b"}, ["body", "source", "name"]),
    ],
)
def test_zero_width_characters_never_make_a_field_non_empty(
    client: TestClient,
    auth: Callable[..., dict[str, str]],
    field: str,
    value: Any,
    loc: list[str | int],
) -> None:
    response = _post(client, auth(), article_payload(**{field: value}))

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == loc


def test_bidi_controls_are_removed_from_stored_text_title_and_authors(
    client: TestClient, auth: Callable[..., dict[str, str]]
) -> None:
    plain = article_payload()
    spoofed = {
        **plain,
        "title": "\u202e" + plain["title"] + "\u202c",
        "authors": ["\u2067A. Reporter\u2069"],
        "body": plain["body"].replace("today", "\u202dtoday\u202c\u2066"),
    }
    headers = auth()

    stored = _post(client, headers, spoofed).json()["article"]

    assert stored["title"] == plain["title"]
    assert stored["authors"] == plain["authors"]
    assert stored["text"] == plain["body"]
    read = client.get(f"/v1/articles/{stored['id']}", headers=headers).json()
    assert not any(char in BIDI for char in read["text"] + read["title"] + read["authors"][0])
    # the same article without its controls is the same content
    again = _post(client, headers, {**plain, "title": "Another title"}).json()
    assert again["outcome"] == "duplicate"
    assert again["duplicate_of"] == stored["id"]


def test_bidi_marks_in_right_to_left_text_are_kept(
    client: TestClient, auth: Callable[..., dict[str, str]]
) -> None:
    body = article_payload()["body"] + " قال الوزير\u200f: مرحبا."

    stored = _post(client, auth(), article_payload(body=body)).json()["article"]

    assert "\u200f" in stored["text"]


@given(st.text())
def test_stripping_bidi_controls_leaves_none_and_nothing_else_changes(text: str) -> None:
    stripped = strip_bidi_controls(text)

    assert not any(char in BIDI for char in stripped)
    assert stripped == "".join(char for char in text if char not in BIDI)


@given(st.text(st.sampled_from(BIDI + "\u200b\u200c\u200d\ufeff\u2060\u0301 \n\t")))
def test_invisible_text_is_blank_and_has_no_letters(text: str) -> None:
    assert is_blank(text)
    assert not has_letters_or_digits(text)


@given(st.text(), st.sampled_from("a7Яم中"))
def test_one_letter_or_digit_is_content(text: str, letter: str) -> None:
    assert has_letters_or_digits(text + letter)
    assert not is_blank(text + letter)
