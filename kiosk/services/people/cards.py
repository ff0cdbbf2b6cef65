"""Resident cards (村民卡): card sheets to print, and a new card for a lost one.

A reissued card gets the next card code; the old code is kept as retired, so the
lost card, if scanned, is refused by name ("已经补办过新卡") instead of working.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.core.names import clean_name, house_order, normalise_text
from kiosk.printing.atomic import write_atomic
from kiosk.printing.cards import PER_PAGE, CardFace, render_cards
from kiosk.services.people import residents
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import cards as store
from kiosk.store import journal


@dataclass(frozen=True)
class Reissued:
    name: str
    old_code: str
    new_code: str


def faces(ctx: Context, people: list[str] = (), household: str | None = None,
          everyone: bool = False) -> list[CardFace]:
    """The cards to print: the residents named, a household's active members, or everyone."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    rows = _rows(ctx, list(people), household, everyone)
    if not rows:
        raise Refused("cards_none_chosen")
    title = f"{ctx.village.currency}卡"
    return [CardFace(ctx.village.name, title, r["name"], r["house_no"], r["card_code"]) for r in rows]


def _rows(ctx: Context, people: list[str], household: str | None, everyone: bool):
    if everyone:
        return sorted(store.all_active_faces(ctx.db), key=lambda row: house_order(row["house_no"]))
    if household:
        house = normalise_text(household)
        if not store.household_exists(ctx.db, house):
            raise Refused("household_unknown", house_no=house)
        return store.faces_of_household(ctx.db, house)
    found = [residents.resolve(ctx, query) for query in people]
    for resident in found:
        if resident.status != "active":
            raise Refused("cards_resident_inactive", name=resident.name, status=resident.status)
    return store.faces_of(ctx.db, [r.id for r in found])


def save_sheet(ctx: Context, path: Path | str, people: list[str] = (), household: str | None = None,
               everyone: bool = False, skip: int = 0) -> tuple[Path, int]:
    """Write the card sheet PDF (whole or not at all); returns the path and the card count."""
    if not 0 <= int(skip) < PER_PAGE:
        raise Refused("cards_skip_bad", most=PER_PAGE - 1)
    chosen = faces(ctx, people, household, everyone)
    return write_atomic(Path(path), render_cards(chosen, int(skip))), len(chosen)


def reissue(ctx: Context, query: str, reason: str) -> Reissued:
    """A new card for a lost or damaged one: the old code stops working at once."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    if not normalise_text(reason):
        raise Refused("card_reason_required")
    reason = clean_name(reason, "reason")
    resident = residents.resolve(ctx, query)
    if resident.status != "active":
        raise Refused("cards_resident_inactive", name=resident.name, status=resident.status)
    with ctx.db.write() as conn:
        new_code = residents.next_card_code(ctx)
        at = ctx.now_text()
        store.retire(conn, code=resident.card_code, resident_id=resident.id, reason=reason, at=at)
        store.set_card_code(conn, resident.id, new_code, at)
        journal.record(conn, ctx.terminal.id, "resident", resident.id)
        audit_row(conn, ctx, "resident.card_reissue", "resident", resident.id,
                  before={"card_code": resident.card_code}, after={"card_code": new_code, "reason": reason})
    return Reissued(resident.name, resident.card_code, new_code)
