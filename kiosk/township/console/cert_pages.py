"""积分证明 pages: a household's printable certificate (signed in), and /verify for anyone (a bank)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kiosk.township.console import certificate, verdicts, exports
from kiosk.township.console.accounts import audit
from kiosk.township.console.web import household_in, render, user_of, village_in_scope
from kiosk.township.store import Store


def router(store: Store) -> APIRouter:
    routes = APIRouter(include_in_schema=False)

    @routes.get("/villages/{name}/certificate/{house_no:path}")
    async def printable(request: Request, name: str, house_no: str):
        user = user_of(request, store)
        village = village_in_scope(store, user, name)
        home = household_in(store, village, house_no)
        text = certificate.sign(store, village, home)
        with store.write() as conn:
            audit(conn, store, user["name"], "certificate_issued", {"village": village["name"], "house_no": house_no})
        verdict = verdicts.verify(store, text)
        link = f"{str(request.base_url).rstrip('/')}/verify?text={text}"   # base64url: nothing to quote
        return render(request, "certificate.html", user, village=village, text=text, qr=exports.qr_svg(link),
                      s=verdict.statement)

    @routes.get("/verify")
    async def verify(request: Request):
        text = request.query_params.get("text", "")
        verdict = verdicts.verify(store, text) if text.strip() else None
        return render(request, "verify.html", None, text=text, verdict=verdict)

    return routes
