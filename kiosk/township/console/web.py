"""The console's frame: sessions from cookies, CSRF on every form, language, village scope, rendering.

Cookies are HttpOnly and SameSite=Strict, Secure when served over https. Every POST carries
the session's CSRF token (the login form a double-submit token of its own). A user with a
village sees that village only: asking for another answers 403 with words, never its data.
"""

from __future__ import annotations

import secrets
from importlib import resources
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from kiosk.core.kinds import entry_words
from kiosk.township.console import accounts, queries
from kiosk.township.console.accounts import ConsoleRefused
from kiosk.township.console.words import credits_waiting, say
from kiosk.township.store import Store
from kiosk.township.words import beside_village

SESSION, LOGIN_CSRF, LANG = "ts_session", "ts_login_csrf", "ts_lang"
WRITERS = ("admin", "clerk")
templates = Jinja2Templates(directory=str(resources.files("kiosk.township.console").joinpath("templates")))


class NotSignedIn(Exception):
    """No valid session: answered with a redirect to the sign-in page."""


class MustChangePassword(Exception):
    """A one-time password still in use: answered with a redirect to the password page."""


def lang_of(request: Request) -> str:
    wanted = request.query_params.get("lang") or request.cookies.get(LANG) or "zh"
    return "en" if wanted == "en" else "zh"


def cookie(response: Response, request: Request, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")


def user_of(request: Request, store: Store, allow_first: bool = False) -> dict:
    user = accounts.session(store, request.cookies.get(SESSION))
    if user is None:
        raise NotSignedIn()
    if user["must_change"] and not allow_first:
        raise MustChangePassword()
    return user


async def form_of(request: Request, user: dict) -> dict:
    """The posted form, refused whole when its CSRF token is missing or not this session's."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    if not accounts.csrf_ok(user, form.get("csrf")):
        raise ConsoleRefused("csrf_bad", 403)
    return form


def may_write(user: dict) -> None:
    if user["role"] not in WRITERS:
        raise ConsoleRefused("not_allowed", 403)


def village_in_scope(store: Store, user: dict, name: str) -> dict:
    row = store.village_by_name(name)
    if row is None:
        raise ConsoleRefused("village_unknown", 404)
    if user["village_id"] and row["id"] != user["village_id"]:
        raise ConsoleRefused("not_your_village", 403)
    return dict(row)


def household_in(store: Store, village: dict, house_no: str) -> queries.Household:
    """The village's household at this house number, or a 404 in words."""
    home = next((h for h in queries.households(store, village["id"]) if h.house_no == house_no), None)
    if home is None:
        raise ConsoleRefused("household_unknown", 404)
    return home


def scope(user: dict) -> str | None:
    return user["village_id"]


def render(request: Request, template: str, user: dict | None, status: int = 200, **context) -> HTMLResponse:
    lang = lang_of(request)

    def t(key: str, **params) -> str:
        return say(key, lang, **params)

    response = templates.TemplateResponse(request, template, {"t": t, "kind_words": lambda kind: entry_words(kind, lang), "lang": lang, "user": user, "q": quote,
                                                          "beside_village": beside_village,
                                                          "credits_waiting": lambda w: credits_waiting(w, lang),
                                                          **context}, status_code=status)
    if request.query_params.get("lang") in ("zh", "en"):
        cookie(response, request, LANG, lang, 365 * 86400)
    return response


def refused(request: Request, store: Store, exc: ConsoleRefused) -> HTMLResponse:
    user = accounts.session(store, request.cookies.get(SESSION))
    return render(request, "refused.html", user, exc.status,
                  message=say(exc.code, lang_of(request), **exc.params))


def redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def login_token() -> str:
    return secrets.token_urlsafe(24)
