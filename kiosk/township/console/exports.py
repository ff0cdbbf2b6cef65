"""Every table on screen as an xlsx file (openpyxl), and enrolment codes as QR (segno SVG)."""

from __future__ import annotations

import io
from urllib.parse import quote

import segno
from fastapi.responses import Response
from openpyxl import Workbook

from kiosk.township.console import accounts, queries, rules_exports
from kiosk.township.console.accounts import ConsoleRefused
from kiosk.township.console.words import say
from kiosk.township.store import Store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def qr_svg(text: str) -> str:
    """An inline SVG QR code (segno escapes nothing of ours: the text is a code of our alphabet)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=6, border=2, xmldecl=False, svgns=True)
    return out.getvalue().decode("utf-8")


def _table(store: Store, user: dict, table: str, village: str | None, lang: str, month: str) -> tuple[list, list]:
    t = lambda key: say(key, lang)
    if table == "overview":
        rows = queries.overview(store, user["village_id"], month)
        return ([t(k) for k in ("village", "households", "participation", "issued_month", "spent_month",
                                "open_incidents")],
                [[r["name"], r["households"], r["participation"], r["issued"], r["spent"], r["open_incidents"]]
                 for r in rows])
    if table == "households":
        found = store.village_by_name(village or "")
        if found is None:
            raise ConsoleRefused("village_unknown", 404)
        if user["village_id"] and found["id"] != user["village_id"]:
            raise ConsoleRefused("not_your_village", 403)
        homes = queries.households(store, found["id"])
        return ([t(k) for k in ("house_no", "head", "members", "balance", "earned")],
                [[h.house_no, h.head, h.members, queries.points(h.balance), queries.points(h.earned)] for h in homes])
    if table == "ranking":
        rows = queries.township_ranking(store, user["village_id"])
        return ([t(k) for k in ("rank", "village", "house_no", "head", "earned", "balance")],
                [[r["rank"], r["village"], r["house_no"], r["head"], r["earned"], r["balance"]] for r in rows])
    if table == "audit":
        rows = accounts.audit_trail(store, 10000, user["name"] if user["village_id"] else None)
        return ([t(k) for k in ("when", "who", "action", "detail")],
                [[r["at"], r["user_name"], say("a_" + r["action"], lang),
                 "; ".join(f"{k}: {v}" for k, v in r["detail"].items())] for r in rows])
    if table in rules_exports.TABLES:
        return rules_exports.table(store, user, table, lang)
    raise ConsoleRefused("table_unknown", 404)


def _cell(value):
    """Numbers as numbers; a text starting with = + - @ kept text (Excel would run it as a formula)."""
    if isinstance(value, str):
        try:
            return float(value) if value[:1] in "-0123456789" and value.replace(".", "", 1).lstrip("-").isdigit() \
                else (f"'{value}" if value[:1] in ("=", "+", "-", "@") else value)
        except ValueError:
            return value
    return value


def answer(store: Store, user: dict, table: str, village: str | None, lang: str, month: str) -> Response:
    heads, rows = _table(store, user, table, village, lang, month)
    book = Workbook()
    sheet = book.active
    sheet.title = table
    sheet.append(heads)
    for row in rows:
        # a cell starting with = + - @ would be a formula in Excel: keep it text
        sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    name = quote(f"{table}.xlsx")
    return Response(out.getvalue(), media_type=XLSX,
                    headers={"content-disposition": f"attachment; filename*=UTF-8''{name}"})
