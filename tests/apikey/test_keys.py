"""API keys: an active key's name is unique, and revoking takes an id, a name or a prefix that
names exactly one active key."""

import pytest
from sqlalchemy.orm import Session

from service.apikey import service as apikeys
from service.core.auth import Scope, hash_token


def test_a_second_active_key_may_not_take_a_name(session: Session) -> None:
    apikeys.create(session, "partner", [Scope.READ])

    with pytest.raises(apikeys.KeyNameTaken) as taken:
        apikeys.create(session, " partner ", [Scope.READ])

    assert taken.value.status == 409
    assert [key.name for key in apikeys.list_all(session)].count("partner") == 1


def test_a_revoked_key_leaves_its_name_free_for_the_next(session: Session) -> None:
    first = apikeys.create(session, "rotated", [Scope.READ])
    apikeys.revoke(session, "rotated")

    second = apikeys.create(session, "rotated", [Scope.READ])

    assert apikeys.find_active_key(session, hash_token(second.token)) is not None
    assert apikeys.find_active_key(session, hash_token(first.token)) is None


def test_revoke_by_name_revokes_that_key_only(session: Session) -> None:
    kept = apikeys.create(session, "kept", [Scope.READ])
    gone = apikeys.create(session, "gone", [Scope.READ])

    assert apikeys.revoke(session, "gone") == gone.id

    assert apikeys.find_active_key(session, hash_token(gone.token)) is None
    assert apikeys.find_active_key(session, hash_token(kept.token)) is not None


def test_an_ident_naming_two_keys_revokes_none(session: Session) -> None:
    first = apikeys.create(session, "first", [Scope.READ])
    # a name equal to another key's displayed prefix
    second = apikeys.create(session, first.prefix, [Scope.READ])

    with pytest.raises(apikeys.AmbiguousKey) as ambiguous:
        apikeys.revoke(session, first.prefix)

    assert str(first.id) in ambiguous.value.detail
    assert str(second.id) in ambiguous.value.detail
    for issued in (first, second):
        assert apikeys.find_active_key(session, hash_token(issued.token)) is not None


def test_revoking_an_unknown_key_is_an_error(session: Session) -> None:
    with pytest.raises(apikeys.KeyNotFound):
        apikeys.revoke(session, "nobody")
