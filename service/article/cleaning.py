"""Pure text work on incoming articles: HTML to text, canonical URLs, the content hash."""

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import lxml.html
import trafilatura

from service.article.invisibles import strip_bidi_controls

# tracking parameters that never change what a URL points at
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
        "cmpid",
        "ocid",
        "smid",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_BLANK_RUNS = re.compile(r"\n{3,}")
_WHITESPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Stored article text: NFC, Unix newlines, no bidi controls, no trailing spaces, no runs
    of blank lines."""
    text = (
        unicodedata.normalize("NFC", strip_bidi_controls(text))
        .replace("\r\n", "\n")
        .replace("\r", "\n")
    )
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    """The article text of an HTML page: navigation, scripts and other chrome dropped."""
    extracted = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_recall=True,
        deduplicate=False,
    )
    if extracted and extracted.strip():
        return normalize_text(extracted)
    # fragments too small for trafilatura's main-content heuristics: keep their visible text
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for element in tree.xpath("//script|//style|//nav|//header|//footer|//aside|//noscript"):
        element.drop_tree()
    return normalize_text(tree.text_content())


def content_hash(text: str) -> bytes:
    """SHA-256 of the text with case, Unicode forms and whitespace normalised away."""
    # split() breaks on exactly the characters `\s` matches, at a third of the regex's cost
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).digest()


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, fragment,
    tracking parameters or trailing slash, and the remaining query parameters sorted."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMS
        )
    )
    return urlunsplit((scheme, netloc, path, query, ""))


def source_key(name: str | None, domain: str | None) -> str:
    """How sources are told apart: by domain when known (minus `www.`), else by name."""
    if domain:
        return "domain:" + domain.strip().lower().removeprefix("www.").rstrip(".")
    if name is None:
        raise ValueError("a source needs a name or a domain")
    return "name:" + _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", name).casefold()).strip()
