"""The interactive docs, served whole by Parley: `/` redirects to `/docs` (Swagger UI), `/redoc`
is ReDoc, and both pages load their scripts, styles and icon from `/docs/assets/`, read from an
installed package, so the docs work with no internet and the pages' policy allows only this
origin.

The assets come from `fastapi-offline`, a small package that ships Swagger UI 5 and ReDoc 2
builds; `swagger-ui-bundle` carries Swagger UI 4, which cannot render an OpenAPI 3.1 document.
Only its files are used, not its app factory: the pages are FastAPI's own.
"""

from functools import lru_cache
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import RedirectResponse, Response

from service.core.errors import NotFound
from service.core.security_headers import docs_policy

DOCS_URL = "/docs"
REDOC_URL = "/redoc"
ASSETS_URL = "/docs/assets"
ASSETS_PACKAGE = "fastapi_offline"

# the files the pages name, and their media types (RFC 9239 for scripts)
ASSETS: dict[str, str] = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon.png": "image/png",
}
# no validator badge: Swagger UI would otherwise send the document to an outside validator
SWAGGER_UI_PARAMETERS = {"validatorUrl": None}


class DocsAssetNotFound(NotFound):
    slug = "docs-asset-not-found"
    title = "Docs asset not found"


@lru_cache(maxsize=len(ASSETS))
def asset(name: str) -> bytes:
    """One of the packaged files, read once per process."""
    return (resources.files(ASSETS_PACKAGE) / "static" / name).read_bytes()


def _with_policy(page: Response) -> Response:
    # the page's own policy, derived from it: the security headers middleware keeps it on the
    # docs paths and gives every other answer the policy that loads nothing
    page.headers["Content-Security-Policy"] = docs_policy(bytes(page.body))
    return page


def install_docs(app: FastAPI) -> None:
    """Add the docs routes to an app built with `docs_url=None, redoc_url=None`."""
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/", include_in_schema=False)
    def root(request: Request) -> RedirectResponse:
        """The docs are the front page."""
        return RedirectResponse(request.scope.get("root_path", "") + DOCS_URL)

    @app.get(DOCS_URL, include_in_schema=False)
    def swagger_ui(request: Request) -> Response:
        """Swagger UI over the OpenAPI document."""
        root_path = request.scope.get("root_path", "")
        assets = root_path + ASSETS_URL
        return _with_policy(
            get_swagger_ui_html(
                openapi_url=root_path + openapi_url,
                title=f"{app.title} - Swagger UI",
                swagger_js_url=f"{assets}/swagger-ui-bundle.js",
                swagger_css_url=f"{assets}/swagger-ui.css",
                swagger_favicon_url=f"{assets}/favicon.png",
                swagger_ui_parameters=SWAGGER_UI_PARAMETERS,
            )
        )

    @app.get(REDOC_URL, include_in_schema=False)
    def redoc(request: Request) -> Response:
        """ReDoc over the OpenAPI document."""
        root_path = request.scope.get("root_path", "")
        assets = root_path + ASSETS_URL
        return _with_policy(
            get_redoc_html(
                openapi_url=root_path + openapi_url,
                title=f"{app.title} - ReDoc",
                redoc_js_url=f"{assets}/redoc.standalone.js",
                redoc_favicon_url=f"{assets}/favicon.png",
                with_google_fonts=False,
            )
        )

    @app.get(ASSETS_URL + "/{name}", include_in_schema=False)
    def docs_asset(name: str) -> Response:
        """A script, style sheet or icon of the docs pages."""
        media_type = ASSETS.get(name)
        if media_type is None:
            raise DocsAssetNotFound(f"no docs asset is named {name!r}")
        return Response(asset(name), media_type=media_type)
