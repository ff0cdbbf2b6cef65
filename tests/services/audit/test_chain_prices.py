"""Sale lines held to their products' chained prices (kiosk/store/chain_prices.py), without false
alarms: a sale chained a second time by a restore, after a price that came in from another
counter since, is held to the prices where it was first chained."""

from __future__ import annotations

from kiosk.core.ids import new_id
from kiosk.services.audit.check import run_check
from kiosk.services.shop import checkout
from kiosk.store import identity
from kiosk.sync import apply, outbox, state
from kiosk.sync.wire import Record
from tests.conftest import give
from tests.sync import remote

RICE = "6901234567892"
PRODUCT_FIELDS = ("id", "code", "name", "initials", "category_id", "unit", "reorder_level", "active",
                  "qty_scale", "limit_qty", "limit_period", "created_at", "owner")


def _enrolled_offline(shop) -> None:
    with shop.db.write() as conn:   # enrolled, nothing pushed yet: an offline village
        state.update(conn, terminal_id="t-1", secret="s" * 32, server_url="http://township", village_id="v",
                     local_terminal_id=outbox.local_terminal_id(shop.db), seq_base=0, pushed_high_water=0)


def test_a_sale_chained_again_by_a_restore_after_a_price_that_came_in_since_passes(shop, volunteer):
    _enrolled_offline(shop)
    give(shop, "王晓明", 20)
    checkout.redeem_items(volunteer, "王晓明", [RICE])
    row = dict(shop.db.one(f"SELECT * FROM product WHERE id = (SELECT product_id FROM barcode WHERE code = '{RICE}')"))
    body = {k: row[k] for k in PRODUCT_FIELDS if k in row} | {
        "price": row["price"] - 1000, "updated_at": "2026-11-03 09:31:00", "barcodes": []}   # counter 2, before the sale
    apply.apply_page(shop.db, [Record.make(new_id(), remote.OTHER, 9001, "product", body)], "1", "2026-11-03 12:00:00")
    assert run_check(shop.db).problems == []
    with shop.db.write() as conn:       # what kiosk restore, or a rollback found at sync, does
        identity.renew(conn, new_id=new_id(), at="2026-11-03 13:00:00", reason="restore")
    assert shop.db.scalar("SELECT COUNT(*) FROM chain WHERE record_type = 'sale'") == 2   # the sale, chained again
    assert run_check(shop.db).problems == []
