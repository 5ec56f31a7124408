"""The docs work offline: `/` leads to them, and every script, style sheet and icon the pages
name is served by Parley itself, with its media type."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

BASE = "http://testserver"
MEDIA_TYPES = {
    ".js": ("text/javascript", "application/javascript"),
    ".css": ("text/css",),
    ".png": ("image/png",),
    ".json": ("application/json",),
}


class _References(HTMLParser):
    """Every URL a page names in an attribute that makes a browser load it."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in ("src", "href", "spec-url", "data", "poster"):
                self.urls.append(value)


def _references(page: str) -> list[str]:
    parser = _References()
    parser.feed(page)
    # Swagger UI's inline start script names the document as `url: '...'`
    return parser.urls + re.findall(r"""\burl:\s*['"]([^'"]+)['"]""", page)


def test_the_front_page_leads_to_the_docs(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)

    assert response.status_code in (302, 307)
    assert response.headers["location"] == "/docs"


@pytest.mark.parametrize(("path", "expected"), [("/docs", 4), ("/redoc", 3)])
def test_a_docs_page_loads_everything_from_parley(
    client: TestClient, path: str, expected: int
) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    # no other host anywhere in the page: not in a reference, not in a script
    assert re.search(r"(?i)\b(?:https?:)?//[a-z0-9]", page.text) is None

    urls = _references(page.text)
    # script, style sheet, icon and document for Swagger UI; script, icon and document for ReDoc
    assert len(urls) == expected, urls
    for url in urls:
        absolute = urljoin(BASE + path, url)
        assert urlsplit(absolute).netloc == "testserver", url
        asset = client.get(absolute)
        assert asset.status_code == 200, url
        suffix = re.search(r"\.[a-z]+$", urlsplit(absolute).path)
        assert suffix is not None, url
        assert asset.headers["content-type"].split(";")[0] in MEDIA_TYPES[suffix.group()], url
        assert len(asset.content) > 100, url


def test_the_swagger_ui_bundle_is_swagger_ui_5(client: TestClient) -> None:
    # Swagger UI 4 shows no operation of an OpenAPI 3.1 document, which FastAPI writes
    bundle = client.get("/docs/assets/swagger-ui-bundle.js").text

    assert "SwaggerUIBundle" in bundle
    assert re.search(r'"5\.\d+\.\d+"', bundle) is not None


def test_an_unknown_docs_asset_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/docs/assets/../../etc/passwd.js")
    other = client.get("/docs/assets/swagger-ui.js.map")

    assert response.status_code == 404
    assert other.status_code == 404
    assert other.headers["content-type"] == "application/problem+json"
