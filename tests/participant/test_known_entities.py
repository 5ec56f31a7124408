"""Extraction reads only the known entities an article could name, and that subset extracts
exactly what the whole table would."""

import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from hypothesis import assume, given
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from service.article.derivation import fold
from service.extraction import extract
from service.extraction.records import Extraction, KnownEntity, Mention
from service.models import Article
from service.participant import service
from service.participant.naming import normalize_name
from tests.factories import MEETING_DAY, make_article, person, quote, seed_payloads

Auth = Callable[..., dict[str, str]]


def _quoted(*speakers: Mention) -> Extraction:
    # only participants something refers to are stored
    return Extraction(
        participants=list(speakers),
        statements=[quote(f"Words number {n} were said", s.key) for n, s in enumerate(speakers)],
    )


def _names(entities: list[KnownEntity]) -> set[str]:
    return {e.name for e in entities}


def test_only_entities_whose_names_occur_in_the_text_are_read(session: Session) -> None:
    fold(
        session,
        make_article(session),
        MEETING_DAY,
        _quoted(person("Rustem Umerov"), person("Keir Starmer")),
    )

    known = service.known_entities(session, "On Friday, (Rustem Umerov's deputy) spoke")

    assert _names(known) == {"Rustem Umerov"}
    assert service.known_entities(session, "Nobody on file is named here.") == []


def test_a_shared_first_name_alone_does_not_bring_a_person(session: Session) -> None:
    fold(
        session,
        make_article(session),
        MEETING_DAY,
        _quoted(person("Maria Zakharova"), person("Maria Lopez")),
    )

    known = service.known_entities(session, "Maria Zakharova told reporters")
    # "Maria Lopez" cannot be named here: "maria" occurs, but not with her last word
    assert _names(known) == {"Maria Zakharova"}
    assert _names(service.known_entities(session, "Maria Lopez spoke")) == {"Maria Lopez"}


def _every(session: Session) -> list[KnownEntity]:
    # a text holding every word of every alias: the whole table qualifies
    aliases = session.execute(text("SELECT DISTINCT normalized FROM participant_aliases")).scalars()
    return service.known_entities(session, " ".join(aliases))


def test_the_subset_extracts_what_every_known_entity_would(
    client: TestClient, auth: Auth, session: Session
) -> None:
    client.post("/v1/articles/batch", json={"articles": seed_payloads()}, headers=auth())
    everyone = _every(session)
    assert len(everyone) > 5

    for body, published_at in session.execute(select(Article.text, Article.published_at)):
        subset = service.known_entities(session, body)
        assert len(subset) < len(everyone)
        assert extract(body, published_at, "en", subset) == extract(
            body, published_at, "en", everyone
        )


def test_a_name_joined_by_punctuation_is_still_found(session: Session) -> None:
    fold(
        session,
        make_article(session),
        MEETING_DAY,
        _quoted(person("Jean-Noël Barrot")),
    )
    when = datetime(2026, 3, 4, tzinfo=UTC)

    said = "Talks in Paris—Jean-Noël Barrot’s aides said—went on."
    known = service.known_entities(session, said)

    assert _names(known) == {"Jean-Noël Barrot"}
    assert extract(said, when, "en", known) == extract(said, when, "en", _every(session))


_LETTERS = st.sampled_from([*"abcXYZ", "é", "Ö", "e\u0301", "o\u0308", "_", "ß", "İ"])
_TOKEN = st.lists(_LETTERS, min_size=1, max_size=5).map("".join)
_NAMES = st.lists(_TOKEN, min_size=1, max_size=3).flatmap(
    lambda tokens: st.sampled_from([" ", "-", "’", " de "]).map(lambda joint: joint.join(tokens))
)
_EDGES = st.lists(
    st.sampled_from([" ", ",", "“", "”", "’", "™", "№", "\u0301", "①", "(", "—", "\n", "x"]),
    max_size=3,
).map("".join)


@given(name=_NAMES, before=_EDGES, after=_EDGES)
def test_every_word_of_a_name_the_gazetteer_can_match_is_among_the_texts(
    name: str, before: str, after: str
) -> None:
    # the gazetteer takes a known name at a place where it is not inside a longer word
    assume(not before or not (before[-1].isalnum() or before[-1] in ".-"))
    assume(not after or not after[0].isalnum())
    # a combining mark against the name joins it to the word beside it, the one case where a
    # name spelled with combining marks itself may be missed (it reads as another word then)
    touching = after[:1] + before[-1:]
    assume(not any(map(unicodedata.combining, touching)) or name.isascii())
    text = f"Officials {before}{name}{after} met"
    wanted = {w for w in normalize_name(name).split(" ") if w}
    assert wanted <= service._words(text)


def test_names_glued_to_a_symbol_or_holding_an_underscore_are_still_read(session: Session) -> None:
    fold(
        session,
        make_article(session),
        MEETING_DAY,
        _quoted(person("Wanda Works"), person("Ivan Foo_Bar")),
    )
    said = "“We agree,” said Wanda Works™, and Ivan Foo_Bar told reporters so."
    assert _names(service.known_entities(session, said)) == {"Wanda Works", "Ivan Foo_Bar"}
