"""The 复核 page of a village: this month's awards, filters, anomaly flags, 退回 with a reason."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kiosk.township.console import review
from kiosk.township.console.accounts import ConsoleRefused, audit
from kiosk.township.console.web import (
    form_of,
    lang_of,
    may_write,
    redirect,
    render,
    user_of,
    village_in_scope,
)
from kiosk.township.console.words import say
from kiosk.township.store import Store


def router(store: Store, month_start) -> APIRouter:
    routes = APIRouter(include_in_schema=False)

    def page(request: Request, user: dict, village: dict, status: int = 200, errors: dict | None = None):
        q = request.query_params
        try:
            least = max(0, int(q.get("min") or 0))
        except ValueError:
            least = 0
        since = month_start(store)
        rows = review.awards(store, village["id"], since, q.get("rule", ""), least, q.get("operator", ""))
        return render(request, "review.html", user, status, village=village, rows=rows,
                      rules=sorted(review.rule_names(store, village["id"]).items(), key=lambda kv: kv[1]),
                      operators=review.operator_choices(store, village["id"], since),
                      chosen={"rule": q.get("rule", ""), "min": q.get("min", ""), "operator": q.get("operator", "")},
                      errors=errors or {}, done=q.get("done") == "1")

    @routes.get("/villages/{name}/review")
    async def awards(request: Request, name: str):
        user = user_of(request, store)
        return page(request, user, village_in_scope(store, user, name))

    @routes.post("/villages/{name}/review/{record_id}/return")
    async def give_back(request: Request, name: str, record_id: str):
        user = user_of(request, store)
        form = await form_of(request, user)
        may_write(user)
        village = village_in_scope(store, user, name)
        body = review.entry(store, village["id"], record_id)
        if body is None:
            raise ConsoleRefused("household_unknown", 404)
        reason = form.get("reason", "").strip()
        if not reason or len(reason) > 200:
            return page(request, user, village, 400, {record_id: say("reason_needed", lang_of(request))})
        found = next((r for r in review.awards(store, village["id"], "") if r["record"] == record_id), None)
        household = f"{found['house_no']}{found['head']}" if found else ""
        with store.write() as conn:
            review.publish_return(store, conn, village["id"], body, household, reason, user["name"])
            audit(conn, store, user["name"], "award_returned",
                  {"village": village["name"], "household": household, "points": found["points"] if found else "",
                   "reason": reason})
        return redirect(f"/villages/{request.path_params['name']}/review?done=1")

    return routes
