"""A JSON:API 1.1 blog on loopback, under /api: documents shaped like the specification's examples.

Articles page by `page[offset]`/`page[limit]`, an article's comments by `page[number]`/`page[size]`;
an article comes as a compound document (`included` author and reviewer); links are root-relative
(`/api/...`) except a person's `related` website, on another origin.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

MEDIA_TYPE = "application/vnd.api+json"
ARTICLES = 25
COMMENTS_PER_ARTICLE = 12
PEOPLE = ("Dan Gebhardt", "Ada Lovelace", "Grace Hopper")


class Blog:
    """The app, and the log of what it was asked (method and path with query)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.app = Starlette(
            routes=[
                Route("/api/articles", self._articles),
                Route("/api/articles/{id:int}", self._article),
                Route("/api/articles/{id:int}/author", self._author),
                Route("/api/articles/{id:int}/relationships/author", self._author_linkage),
                Route("/api/articles/{id:int}/comments", self._comments),
                Route("/api/people/{id:int}", self._person),
                Route("/api/comments/{id:int}", self._comment),
            ]
        )
        self.app.add_middleware(_Logged, log=self.requests)

    async def _articles(self, request: Request) -> Response:
        offset, limit = _int(request, "page[offset]", 0), _int(request, "page[limit]", 10)
        page = range(offset, min(offset + limit, ARTICLES))
        links = _page_links("/api/articles", "offset", offset, limit, ARTICLES, "limit")
        return _document({"links": links, "data": [_article(i + 1) for i in page]})

    async def _article(self, request: Request) -> Response:
        ident = request.path_params["id"]
        if not 1 <= ident <= ARTICLES:
            return _not_found(f"/api/articles/{ident}")
        article = _article(ident)
        reviewer = _author_of(ident + 1)
        article["relationships"]["reviewer"] = {"data": {"type": "people", "id": str(reviewer)}}
        included = [_person(_author_of(ident)), _person(reviewer)]
        return _document({"data": article, "included": included})

    async def _author(self, request: Request) -> Response:
        return _document({"data": _person(_author_of(request.path_params["id"]))})

    async def _author_linkage(self, request: Request) -> Response:
        ident = request.path_params["id"]
        base = f"/api/articles/{ident}"
        return _document(
            {
                "links": {"self": f"{base}/relationships/author", "related": f"{base}/author"},
                "data": {"type": "people", "id": str(_author_of(ident))},
            }
        )

    async def _comments(self, request: Request) -> Response:
        ident = request.path_params["id"]
        number, size = _int(request, "page[number]", 1), _int(request, "page[size]", 5)
        first = (number - 1) * size
        page = range(first, min(first + size, COMMENTS_PER_ARTICLE))
        path = f"/api/articles/{ident}/comments"
        links = _page_links(path, "number", number, size, COMMENTS_PER_ARTICLE, "size")
        data = [_comment((ident - 1) * COMMENTS_PER_ARTICLE + i + 1) for i in page]
        return _document({"links": links, "data": data})

    async def _person(self, request: Request) -> Response:
        return _document({"data": _person(request.path_params["id"])})

    async def _comment(self, request: Request) -> Response:
        return _document({"data": _comment(request.path_params["id"])})


class _Logged:
    def __init__(self, app: Any, log: list[str]) -> None:
        self.app, self.log = app, log

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            query = scope["query_string"].decode()
            self.log.append(f"{scope['method']} {scope['path']}" + (f"?{query}" if query else ""))
        await self.app(scope, receive, send)


def _int(request: Request, name: str, default: int) -> int:
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() else default


def _page_links(path: str, kind: str, at: int, size: int, total: int, size_name: str) -> dict:
    def url(value: int) -> str:
        return f"{path}?{urlencode({f'page[{kind}]': value, f'page[{size_name}]': size})}"

    if kind == "offset":
        last, step, first = (total - 1) // size * size, size, 0
    else:
        last, step, first = (total + size - 1) // size, 1, 1
    return {
        "self": url(at),
        "first": url(first),
        "prev": url(at - step) if at > first else None,
        "next": url(at + step) if at < last else None,
        "last": url(last),
    }


def _author_of(article: int) -> int:
    return (article - 1) % len(PEOPLE) + 1


def _article(ident: int) -> dict[str, Any]:
    base = f"/api/articles/{ident}"
    author = _author_of(ident)
    return {
        "type": "articles",
        "id": str(ident),
        "attributes": {"title": f"Article {ident}: JSON:API paints my bikeshed!"},
        "relationships": {
            "author": {
                "links": {"self": f"{base}/relationships/author", "related": f"{base}/author"},
                "data": {"type": "people", "id": str(author)},
            },
            "comments": {"links": {"related": {"href": f"{base}/comments", "meta": {"count": 12}}}},
        },
        "links": {"self": base},
    }


def _person(ident: int) -> dict[str, Any]:
    first, last = PEOPLE[(ident - 1) % len(PEOPLE)].split()
    return {
        "type": "people",
        "id": str(ident),
        "attributes": {"firstName": first, "lastName": last},
        "links": {"self": f"/api/people/{ident}", "related": "https://people.example.org/"},
    }


def _comment(ident: int) -> dict[str, Any]:
    return {
        "type": "comments",
        "id": str(ident),
        "attributes": {"body": f"Comment {ident}"},
        "relationships": {"author": {"data": {"type": "people", "id": "1"}}},
        "links": {"self": f"/api/comments/{ident}"},
    }


def _document(document: dict[str, Any]) -> Response:
    return JSONResponse({"jsonapi": {"version": "1.1"}, **document}, media_type=MEDIA_TYPE)


def _not_found(path: str) -> Response:
    error = {"status": "404", "title": "Not Found", "links": {"about": "/api/docs/not-found"}}
    return JSONResponse({"errors": [error], "meta": {"path": path}}, 404, media_type=MEDIA_TYPE)
