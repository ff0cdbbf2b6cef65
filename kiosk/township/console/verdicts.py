"""Is a 积分证明 genuine and current? The township's answer for /verify and `kiosk-township verify`,
for a console certificate and for a counter's signed snapshot alike."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core import statements
from kiosk.township.console import certificate, queries, snapshots
from kiosk.township.store import Store


@dataclass(frozen=True)
class Verdict:
    code: str                   # genuine_current, genuine_changed, expired, forged, other_township, unreadable
    statement: dict | None = None
    now: dict | None = None     # the household's figures now, when they changed

    @property
    def genuine(self) -> bool:
        return self.code in ("genuine_current", "genuine_changed")


def verify(store: Store, text: str) -> Verdict:
    """The statement in `text` (the bare text, the QR's link, or a page that holds it) judged:
    a console certificate or a counter's snapshot (kind "snapshot", kiosk.township.console.snapshots)."""
    read = statements.check(text, certificate.public_key(store))
    if read.code != "genuine":
        return Verdict({"other_key": "other_township"}.get(read.code, read.code))
    statement = read.statement or {}
    if statements.expired(statement, store.now_text()):
        return Verdict("expired", statement)
    if statement.get("kind") == "snapshot":
        return _compared(statement, snapshots.figures_now(store, statement))
    return _current(store, statement)


def _compared(statement: dict, now: dict | None) -> Verdict:
    if now is None:
        return Verdict("genuine_changed", statement)
    same = all(now[k] == statement.get(k) for k in ("balance", "this_year", "last_year", "on_hold"))
    return Verdict("genuine_current" if same else "genuine_changed", statement, None if same else now)


def _current(store: Store, statement: dict) -> Verdict:
    village = store.village_by_name(str(statement.get("village", "")))
    home = None if village is None else next(
        (h for h in queries.households(store, village["id"]) if h.house_no == statement.get("house_no")), None)
    if village is None or home is None:
        return Verdict("genuine_changed", statement)
    return _compared(statement, certificate.figures(store, dict(village), home))
