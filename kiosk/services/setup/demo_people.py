"""The demo village's households: plausible families, names and house numbers."""

from __future__ import annotations

import random
from dataclasses import dataclass

from kiosk.services.people import residents
from kiosk.services.context import Context
from kiosk.services.setup.demo_data import DemoData


@dataclass
class Household:
    house_no: str
    members: list[residents.Resident]
    adults: list[str]  # card codes of members who earn points
    account_id: str


def populate(ctx: Context, data: DemoData, rng: random.Random, count: int) -> list[Household]:
    groups = int(data.village.get("groups", 8))
    numbers = {g: 0 for g in range(1, groups + 1)}
    homes = []
    for _ in range(count):
        group = rng.randint(1, groups)
        numbers[group] += rng.randint(1, 3)
        homes.append(_family(ctx, data, rng, f"{group}组{numbers[group]}号"))
    return homes


def _name(data: DemoData, rng: random.Random, sex: str, surname: str | None = None) -> str:
    if surname is None:
        names, weights = zip(*data.surnames)
        surname = rng.choices(names, weights)[0]
    return surname + rng.choice(data.given[sex])


def _family(ctx: Context, data: DemoData, rng: random.Random, house_no: str) -> Household:
    head_sex = "m" if rng.random() < 0.8 else "f"
    head = _name(data, rng, head_sex)
    people = [(head, "户主", True)]
    if rng.random() < 0.8:
        people.append((_name(data, rng, "f" if head_sex == "m" else "m"), "配偶", True))
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        sex = rng.choice("mf")
        people.append((_name(data, rng, sex, head[0]), "儿子" if sex == "m" else "女儿",
                       rng.random() < 0.6))
    if rng.random() < 0.25:
        people.append((_name(data, rng, "f"), "母亲", True))
    members = []
    for name, relation, _ in people:
        id_last4 = f"{rng.randint(0, 999):03d}{rng.choice('0123456789X')}" if rng.random() < 0.7 else None
        members.append(residents.add_resident(ctx, name=name, house_no=house_no,
                                              relation=relation, id_last4=id_last4))
    adults = [m.card_code for m, (_, _, earns) in zip(members, people) if earns]
    account_id = residents.account_id_for(ctx, members[0])
    return Household(house_no, members, adults, account_id)


def link_operators(ctx: Context, data: DemoData, homes: list[Household]) -> None:
    """Every demo operator is a villager (回避): one of the same name if the village has
    one (刘建军 heads 2组69号, card JF001111), else a new member of a household."""
    from kiosk.services.people import operators

    for number, op in enumerate(data.village["operators"]):
        same_name = [m for home in homes for m in home.members if m.name == op["name"]]
        if same_name:
            resident = same_name[0]
        else:
            home = homes[(number * 7 + 3) % len(homes)]
            resident = residents.add_resident(ctx, name=op["name"], house_no=home.house_no,
                                              relation="亲属")
        operators.link_resident(ctx, op["name"], resident.card_code)
