"""The village page's managers (回避): the clerk, who knows the village's cadres, confirms one
whose PIN another manager set or reset, once they have changed it themselves (kiosk/township/managers.py)."""

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
        user = user_of(request, store)
        await form_of(request, user)
        may_write(user)
        village = village_in_scope(store, user, name)
        found = next((m for m in managers.managers(store, village["id"]) if m.id == operator_id), None)
        if found is None:
            raise ConsoleRefused("manager_unknown", 404)
        try:
            with store.write() as conn:
                managers.confirm(store, village["name"], found.name)
                audit(conn, store, user["name"], "manager_confirmed",
                      {"village": village["name"], "manager": found.name, "pin_version": found.pin_version})
        except TownshipRefused:
            raise ConsoleRefused("manager_unknown", 404) from None
        return redirect(f"/villages/{quote(village['name'], safe='')}#managers-title")

    return routes
