"""规则与兑换's pages: 积分标准 (/rules), 商品和价格 (/rules/goods), 同值化 (/rules/mappings) and
兑换比例 (/rates). Each: a form previewed per village, then published by an admin or kept by a
clerk as a draft an admin opens, previews again and publishes. Township users only."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kiosk.core.rules import Shape
from kiosk.township.console import catalogue, publishing, queries
from kiosk.township.console.accounts import ConsoleRefused
from kiosk.township.console.checks import rule_words
from kiosk.township.console.web import (
    form_of,
    lang_of,
    may_write,
    redirect,
    render,
    user_of,
)
from kiosk.township.store import Store

PAGES = {"rule": ("/rules", "rules.html"), "goods": ("/rules/goods", "goods.html"),
         "mapping": ("/rules/mappings", "mappings.html"), "rate": ("/rates", "rates.html")}
ACTIONS = ("preview", "publish", "draft")


def router(store: Store) -> APIRouter:
    routes = APIRouter(include_in_schema=False)
    for kind, (path, _template) in PAGES.items():
        routes.add_api_route(path, _page(store, kind), methods=["GET"])
        routes.add_api_route(path, _post(store, kind), methods=["POST"])
    return routes


def _township_user(request: Request, store: Store) -> dict:
    user = user_of(request, store)
    if user["village_id"]:
        raise ConsoleRefused("not_allowed", 403)
    return user


def _page(store: Store, kind: str):
    async def page(request: Request):
        user = _township_user(request, store)
        wanted = request.query_params.get("draft")
        form = publishing.draft_form(store, kind, wanted) if wanted else {}
        return _render(request, store, user, kind, form, {}, [], request.query_params.get("done", ""))
    return page


def _post(store: Store, kind: str):
    async def post(request: Request):
        user = _township_user(request, store)
        form = await form_of(request, user)
        may_write(user)
        lang = lang_of(request)
        action = form.get("action") or {"1": "publish"}.get(form.get("publish", ""), "preview")
        if action not in ACTIONS:
            action = "preview"
        checked = publishing.CHECKS[kind](store, form, lang)
        changed = action != "preview" and form.get("seen") != publishing.seen(kind, form)
        if not checked.errors and changed:    # what would go out is not what the preview showed
            return _render(request, store, user, kind, form, {}, checked.preview, "", 409, notice="preview_again")
        if not checked.errors and action == "publish":
            publishing.publish(store, user, kind, checked, form.get("draft", ""))
            return redirect(f"{PAGES[kind][0]}?done=published")
        if not checked.errors and action == "draft":
            publishing.save_draft(store, user, kind, form, checked, form.get("draft", ""))
            return redirect(f"{PAGES[kind][0]}?done=draft")
        return _render(request, store, user, kind, form, checked.errors, checked.preview, "",
                       400 if checked.errors else 200)
    return post


def _render(request: Request, store: Store, user: dict, kind: str, form: dict, errors: dict, preview: list,
            done: str, status: int = 200, notice: str = ""):
    lang = lang_of(request)
    return render(request, PAGES[kind][1], user, status, kind=kind, form=form, errors=errors, preview=preview,
                  seen=publishing.seen(kind, form) if preview else "", notice=notice,
                  done=done if done in ("published", "draft") else "", drafts=publishing.open_drafts(store, kind),
                  **_listing(store, kind, lang))


def _listing(store: Store, kind: str, lang: str) -> dict:
    if kind == "rule":
        rules = sorted(catalogue.township_rules(store).values(), key=lambda b: (b.get("category", ""), b["name"]))
        return {"rules": [b | {"terms": rule_words(b, lang)} for b in rules], "shapes": [s.value for s in Shape]}
    if kind == "goods":
        goods = sorted(catalogue.township_goods(store).values(), key=lambda b: b["name"])
        return {"goods": [b | {"shown_price": queries.points(int(b.get("price") or 0))} for b in goods]}
    if kind == "mapping":
        villages = queries.villages(store)
        return {"township_rules": [b | {"terms": rule_words(b, lang)} for b in sorted(
                    catalogue.township_rules(store).values(), key=lambda b: b["name"])],
                "village_rules": [(v, [b | {"terms": rule_words(b, lang)} for b in catalogue.village_rules(store, v["id"])
                                       if b.get("active", 1) and not b["mapped"]]) for v in villages],
                "mappings": catalogue.mappings(store)}
    return {"villages": queries.villages(store), "rates": queries.rates(store)}
