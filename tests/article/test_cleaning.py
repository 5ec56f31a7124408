"""Pure cleaning functions: canonical URLs, the content hash, stored text."""

import hashlib
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.article.cleaning import canonical_url, content_hash, normalize_text, source_key


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Example.COM/a", "https://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com/a/", "https://example.com/a"),
        ("https://example.com/", "https://example.com"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com/a?utm_source=x&utm_campaign=y", "https://example.com/a"),
        ("https://example.com/a?fbclid=1&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com//a//b", "https://example.com/a/b"),
        ("https://example.com./a", "https://example.com/a"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_keeps_paths_case() -> None:
    assert canonical_url("https://example.com/News/A") != canonical_url(
        "https://example.com/news/a"
    )


def test_content_hash_ignores_case_whitespace_and_unicode_forms() -> None:
    assert content_hash("Caf\u00e9  talks\nheld") == content_hash("CAFE\u0301 TALKS held")


def test_content_hash_sees_real_edits() -> None:
    assert content_hash("Leaders met on Monday.") != content_hash("Leaders met on Tuesday.")


def test_normalize_text_unifies_newlines_and_trims() -> None:
    assert normalize_text("\n  Title  \r\n\r\n\r\n\r\nBody\rmore  \n") == "Title\n\nBody\nmore"


@given(st.text())
def test_normalize_text_is_idempotent(text: str) -> None:
    assert normalize_text(normalize_text(text)) == normalize_text(text)


def test_source_key_prefers_the_domain() -> None:
    assert source_key("Kyiv Independent", "www.KyivIndependent.com") == "domain:kyivindependent.com"
    assert source_key("  Kyiv   Independent ", None) == source_key("kyiv independent", None)


_SPACES_AND_MORE = st.text(
    st.one_of(
        st.sampled_from(
            " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u2029\u3000\u200b"
        ),
        st.characters(codec="utf-8"),  # lone surrogates are refused before hashing
    ),
    max_size=40,
)


@given(_SPACES_AND_MORE)
def test_content_hash_is_the_one_stored_before(text: str) -> None:
    # stored hashes must not move: the folding is the regex one the first rows were hashed with
    folded = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()
    assert content_hash(text) == hashlib.sha256(folded.encode("utf-8")).digest()
