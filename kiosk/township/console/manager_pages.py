"""The village page's managers (回避): the clerk, who knows the village's cadres, confirms one
whose PIN another manager set or reset, once they have changed it themselves: the page shows whether
the current PIN is their own, and posts the stamp of the PIN it showed (kiosk/township/managers.py)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request

from kiosk.township import managers
from kiosk.township.console.accounts import ConsoleRefused, audit
from kiosk.township.console.web import form_of, may_write, redirect, user_of, village_in_scope
from kiosk.township.store import Store
from kiosk.township.words import TownshipRefused


def router(store: Store) -> APIRouter:
    routes = APIRouter(include_in_schema=False)

    @routes.post("/villages/{name}/managers/{operator_id}/confirm")
    async def confirm(request: Request, name: str, operator_id: str):
        """Confirms this one manager (by id: two counters may each have one of a name) at the PIN
        the page showed (`pin_set_id`): refused if it changed since, or is not the manager's own."""
        user = user_of(request, store)
        form = await form_of(request, user)
        may_write(user)
        village = village_in_scope(store, user, name)
        try:
            with store.write() as conn:
                done = managers.confirm_by_id(store, village["name"], operator_id, form.get("pin_set_id", ""))
                audit(conn, store, user["name"], "manager_confirmed",
                      {"village": village["name"], "manager": done["manager"], "pin_version": done["pin_version"]})
        except TownshipRefused as refused:
            if refused.code in ("manager_pin_changed", "manager_pin_not_own"):
                raise ConsoleRefused(refused.code, 409) from None
            raise ConsoleRefused("manager_unknown", 404) from None
        return redirect(f"/villages/{quote(village['name'], safe='')}#managers-title")

    return routes
