"""Fixtures for the service tests: a sale and a pending claim to act on."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kiosk.services.points import awards
from kiosk.services.shop import checkout
from tests.conftest import give


@dataclass
class Scene:
    receipt: str     # 王小明 bought 香皂 ×2 and 牙膏 ×1 (16 points) from 40
    claim_id: str    # 张晓燕 (volunteer) filed 环境清扫 for 张桂兰, pending


@pytest.fixture
def scene(shop, volunteer) -> Scene:
    give(shop, "JF000001", 8)
    sale = checkout.redeem_items(shop, "JF000001", ["香皂x2", "6920000000012"])
    claim = awards.award(volunteer, "JF000004", "hjqs")
    assert claim.status == "pending"
    return Scene(sale.receipt, claim.id)
