"""The console's pages (FastAPI router on the township app): sign-in, 总览, 村, 排行, 事件, 规则与兑换, 终端."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from importlib import resources

from fastapi import APIRouter, FastAPI, Request
from fastapi.staticfiles import StaticFiles

from kiosk.township import managers, merge, restore_judge
from kiosk.township.console import (
    accounts,
    cert_pages,
    exports,
    manager_pages,
    queries,
    review_pages,
    rules_pages,
)
from kiosk.township.console.accounts import ConsoleRefused, audit
from kiosk.township.console.web import (
    LOGIN_CSRF,
    SESSION,
    MustChangePassword,
    NotSignedIn,
    cookie,
    form_of,
    household_in,
    lang_of,
    login_token,
    may_write,
    redirect,
    refused,
    render,
    scope,
    user_of,
    village_in_scope,
)
from kiosk.township.console.words import say
from kiosk.township.store import Store
from kiosk.township.words import TownshipRefused


def mount(app: FastAPI, store: Store) -> None:
    app.mount("/static", StaticFiles(directory=str(resources.files("kiosk.township.console").joinpath("static"))),
              name="console-static")
    app.add_exception_handler(NotSignedIn, lambda request, exc: redirect("/login"))
    app.add_exception_handler(MustChangePassword, lambda request, exc: redirect("/password"))
    app.add_exception_handler(ConsoleRefused, lambda request, exc: refused(request, store, exc))
    app.include_router(_sign_in(store))
    app.include_router(_reading(store))
    app.include_router(_writing(store))
    app.include_router(review_pages.router(store, _month_start))
    app.include_router(cert_pages.router(store))
    app.include_router(rules_pages.router(store))
    app.include_router(manager_pages.router(store))


def _month_start(store: Store) -> str:
    return datetime.fromtimestamp(store.clock(), UTC).strftime("%Y-%m-01T00:00:00Z")


def _sign_in(store: Store) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/login")
    async def login_page(request: Request):
        token = login_token()
        response = render(request, "login.html", None, csrf=token, error="")
        cookie(response, request, LOGIN_CSRF, token, 3600)
        return response

    @router.post("/login")
    async def login(request: Request):
        form = await request.form()
        sent, expected = str(form.get("csrf") or ""), request.cookies.get(LOGIN_CSRF) or ""
        if not sent or not expected or not hmac.compare_digest(sent, expected):
            raise ConsoleRefused("csrf_bad", 403)
        try:
            token, user = accounts.login(store, str(form.get("name") or ""), str(form.get("password") or ""))
        except ConsoleRefused as exc:
            return render(request, "login.html", None, exc.status, csrf=sent, name=str(form.get("name") or ""),
                          error=say(exc.code, lang_of(request), **exc.params))
        response = redirect("/password" if user["must_change"] else "/")
        cookie(response, request, SESSION, token, accounts.SESSION_HOURS * 3600)
        return response

    @router.post("/logout")
    async def logout(request: Request):
        user = user_of(request, store, allow_first=True)
        await form_of(request, user)
        accounts.logout(store, request.cookies.get(SESSION, ""))
        response = redirect("/login")
        response.delete_cookie(SESSION, path="/")
        return response

    @router.get("/password")
    async def password_page(request: Request):
        return render(request, "password.html", user_of(request, store, allow_first=True), error="")

    @router.post("/password")
    async def password(request: Request):
        user = user_of(request, store, allow_first=True)
        form = await form_of(request, user)
        try:
            accounts.change_password(store, user, form.get("old", ""), form.get("new", ""), form.get("repeat", ""))
        except ConsoleRefused as exc:
            return render(request, "password.html", user, 400, error=say(exc.code, lang_of(request), **exc.params))
        return redirect("/")

    return router


def _reading(store: Store) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    async def overview(request: Request):
        user = user_of(request, store)
        return render(request, "overview.html", user, villages=queries.overview(store, scope(user), _month_start(store)),
                      counters=queries.counters(store, scope(user)), now=store.clock())

    @router.get("/villages/{name}")
    async def village(request: Request, name: str):
        user = user_of(request, store)
        found = village_in_scope(store, user, name)
        homes = queries.households(store, found["id"])
        return render(request, "village.html", user, village=found, households=homes,
                      groups=_group_ranking(homes), points=queries.points,
                      managers=managers.managers(store, found["id"]))

    @router.get("/villages/{name}/house/{house_no:path}")
    async def household(request: Request, name: str, house_no: str):
        user = user_of(request, store)
        found = village_in_scope(store, user, name)
        home = household_in(store, found, house_no)
        waiting = [w for w in queries.waiting_for_credits(store, found["id"]) if w["account_id"] in home.accounts]
        return render(request, "household.html", user, village=found, home=home, points=queries.points,
                      history=queries.household_history(store, found["id"], home), waiting=waiting)

    @router.get("/ranking")
    async def ranking(request: Request):
        user = user_of(request, store)
        wanted = request.query_params.get("village")
        village = village_in_scope(store, user, wanted) if wanted else None
        rows = queries.township_ranking(store, village["id"] if village else scope(user))
        return render(request, "ranking.html", user, rows=rows, village=village)

    @router.get("/incidents")
    async def incidents(request: Request):
        user = user_of(request, store)
        return render(request, "incidents.html", user, incidents=queries.open_incidents(store, scope(user)),
                      waiting=queries.waiting_for_credits(store, scope(user)),
                      done=request.query_params.get("done") == "1", errors={})

    @router.get("/terminals")
    async def terminals(request: Request):
        user = user_of(request, store)
        return render(request, "terminals.html", user, counters=queries.counters(store, scope(user)),
                      villages=queries.villages(store, scope(user)), code=None, errors={})

    @router.get("/audit")
    async def audit_page(request: Request):
        user = user_of(request, store)
        mine = user["name"] if user["village_id"] else None
        return render(request, "audit.html", user, rows=accounts.audit_trail(store, only_user=mine))

    @router.get("/export/{table}.xlsx")
    async def export(request: Request, table: str):
        user = user_of(request, store)
        return exports.answer(store, user, table, request.query_params.get("village"), lang_of(request),
                              _month_start(store))

    return router


def _group_ranking(homes: list[queries.Household]) -> list[dict]:
    groups: dict[str, list[int]] = {}
    for home in homes:
        if home.group:
            groups.setdefault(home.group, [0, 0])
            groups[home.group][0] += home.earned
            groups[home.group][1] += 1
    ordered = sorted(groups.items(), key=lambda g: -g[1][0])
    return [{"rank": n, "group": g, "earned": queries.points(v[0]), "households": v[1]}
            for n, (g, v) in enumerate(ordered, 1)]


def _writing(store: Store) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.post("/incidents/{incident_id}/resolve")
    async def resolve(request: Request, incident_id: str):
        user = user_of(request, store)
        form = await form_of(request, user)
        may_write(user)
        found = queries.incident(store, incident_id)
        if found is None or (user["village_id"] and found["village_id"] != user["village_id"]):
            raise ConsoleRefused("not_your_village", 403)
        note = form.get("note", "").strip()
        if not note:
            return render(request, "incidents.html", user, 400, incidents=queries.open_incidents(store, scope(user)),
                          done=False, errors={incident_id: say("note_needed", lang_of(request))})
        allowing = form.get("allow") == "1"
        if allowing and user["village_id"]:       # never a village's own staff for their own village's books
            raise ConsoleRefused("allow_copy_township", 403)
        try:
            with store.write() as conn:
                if allowing:
                    restore_judge.allow(store, incident_id, user["name"], note)
                else:
                    merge.resolve(store, incident_id, note)
                audit(conn, store, user["name"], "copy_allowed" if allowing else "incident_resolved",
                      {"village": found.get("village_id") or "", "kind": found["kind"], "note": note})
        except TownshipRefused as exc:
            return render(request, "incidents.html", user, 400, incidents=queries.open_incidents(store, scope(user)),
                          done=False, errors={incident_id: exc.words(lang_of(request))})
        return redirect("/incidents?done=1")

    @router.post("/terminals/code")
    async def code(request: Request):
        user = user_of(request, store)
        form = await form_of(request, user)
        may_write(user)
        found = village_in_scope(store, user, form.get("village", ""))
        with store.write() as conn:
            issued = store.issue_code(found["name"])
            audit(conn, store, user["name"], "code_issued", {"village": found["name"]})
        return render(request, "terminals.html", user, counters=queries.counters(store, scope(user)),
                      villages=queries.villages(store, scope(user)), code=issued, qr=exports.qr_svg(issued["code"]),
                      errors={})

    @router.post("/terminals/{terminal_id}/retire")
    async def retire(request: Request, terminal_id: str):
        user = user_of(request, store)
        form = await form_of(request, user)
        may_write(user)
        found = next((c for c in queries.counters(store, scope(user)) if c["id"] == terminal_id), None)
        if found is None:
            raise ConsoleRefused("not_your_village", 403)
        reason = form.get("reason", "").strip()
        if not reason or len(reason) > 200:
            return render(request, "terminals.html", user, 400, counters=queries.counters(store, scope(user)),
                          villages=queries.villages(store, scope(user)), code=None,
                          errors={terminal_id: say("retire_reason_needed", lang_of(request))})
        if not found["retired_at"]:
            with store.write() as conn:
                queries.retire(conn, store, terminal_id, user["name"], reason)
                audit(conn, store, user["name"], "terminal_retired",
                      {"village": found["village"], "counter": found["name"], "reason": reason})
        return redirect("/terminals")

    return router
