"""Checking each row of a residents' list against the file itself and the books.

A row gets the first thing wrong with it, in words the manager can act on: a
missing house number, a bad ID-card last four, the same person twice, someone
already registered, two heads for one household.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.core.codes import normal_code
from kiosk.core.errors import Refused
from kiosk.core.names import clean_label_name, clean_name
from kiosk.services.people import residents
from kiosk.services.spreadsheets import Row
from kiosk.store import households as store

HEADS = ("户主", "本人")


@dataclass(frozen=True)
class PlanRow:
    number: int                 # the row's number as the spreadsheet shows it
    values: dict[str, str]      # field → text as found (cleaned when the row is good)
    error: str = ""
    is_head: bool = False       # heads a household that the import makes


class RowChecker:
    def __init__(self, db, header: list[str]) -> None:
        self.header = header
        self.registered = store.people_by_house(db)     # (house, name) → card
        self.heads = store.house_heads(db)              # house → head's name
        self.houses = store.house_numbers(db)
        self.cards = {normal_code(code) for code in store.card_codes(db)}
        self.seen: dict[tuple[str, str], int] = {}      # (house, name) → first row
        self.seen_cards: dict[str, int] = {}

    def check(self, row: Row, values: dict[str, str]) -> PlanRow:
        try:
            self._check(row, values)
        except Refused as refusal:
            return PlanRow(row.number, values, error=refusal.message())
        return PlanRow(row.number, values, is_head=_claims_head(values))

    def _check(self, row: Row, values: dict[str, str]) -> None:
        self._as_typed(row)
        if not values.get("name"):
            raise Refused("import_name_missing")
        name = values["name"] = clean_label_name(values["name"], "name")
        if not values.get("house_no"):
            raise Refused("import_house_missing", name=name)
        house = values["house_no"] = clean_name(values["house_no"], "house_no")
        first = self.seen.setdefault((house, name), row.number)
        if first != row.number:
            raise Refused("import_duplicate_resident", name=name, house_no=house, first=first)
        values["id_last4"] = residents.check_id_last4(values.get("id_last4")) or ""
        values["phone"] = _phone(values.get("phone")) or ""
        if values.get("relation"):
            values["relation"] = clean_name(values["relation"], "relation")
        if (house, name) in self.registered:
            raise Refused("import_already_registered", name=name, house_no=house,
                          card=self.registered[(house, name)])
        values["card_code"] = self._card(row.number, values.get("card_code", ""))

    def _as_typed(self, row: Row) -> None:
        """A merged cell or a formula is not what the row says; the manager fixes it in Excel."""
        if row.merged:
            raise Refused("import_merged_cells", cells=row.merged)
        for index, formula in row.formulas.items():
            column = self.header[index] if index < len(self.header) and self.header[index] else f"#{index + 1}"
            raise Refused("import_formula", column=column, formula=formula[:40])

    def _card(self, number: int, card: str) -> str:
        """The card code in its one stored form (JF000003 for " ｊｆ000003 "), checked; '' when none."""
        card = normal_code(card)
        if not card:
            return ""
        card = clean_name(card, "card")
        if card in self.cards:
            raise Refused("import_card_taken", card=card)
        first = self.seen_cards.setdefault(card, number)
        if first != number:
            raise Refused("import_card_twice", card=card, first=first)
        return card

    def check_heads(self, rows: list[PlanRow]) -> list[PlanRow]:
        """One head per household: none claimed for a household that has one, never two."""
        first_head: dict[str, str] = {}
        named: dict[str, str] = {}
        checked = []
        for row in rows:
            error = "" if row.error else self._head_error(row, first_head, named)
            checked.append(replace(row, error=error) if error else row)
        listed = {(r.values.get("house_no"), r.values.get("name")) for r in checked}
        return [self._head_listed(row, listed) for row in checked]

    def _head_error(self, row, first_head: dict, named: dict) -> str:
        house, head = row.values["house_no"], row.values.get("head", "")
        if head and named.setdefault(house, head) != head:
            return Refused("import_head_differs", house_no=house, head=head, other=named[house]).message()
        if not row.is_head:
            return ""
        if house in self.heads:
            return Refused("import_head_exists", house_no=house, head=self.heads[house]).message()
        if first_head.setdefault(house, row.values["name"]) != row.values["name"]:
            return Refused("import_two_heads", house_no=house, head=first_head[house]).message()
        return ""

    def _head_listed(self, row: PlanRow, listed: set) -> PlanRow:
        """The 户主 a row names must be one of the rows of that new household."""
        house, head = row.values.get("house_no", ""), row.values.get("head", "")
        if row.error or not head or house in self.houses or (house, head) in listed:
            return row
        return replace(row, error=Refused("import_head_not_listed", head=head, house_no=house).message())

    def new_houses(self, rows: list) -> list[str]:
        found: dict[str, None] = {}
        for row in rows:
            house = row.values.get("house_no", "")
            if house and house not in self.houses:
                found.setdefault(house)
        return list(found)


def _claims_head(values: dict[str, str]) -> bool:
    head = values.get("head", "")
    return values.get("relation") in HEADS or (bool(head) and head == values["name"])


def _phone(value: str | None) -> str | None:
    from kiosk.services.people.resident_changes import check_phone

    return check_phone(value)
