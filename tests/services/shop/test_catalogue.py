"""The catalogue as a manager works it: scan, add, edit a price, retire, extra barcodes, pictures."""

from __future__ import annotations

import io

from PIL import Image

from kiosk.core import barcodes
from kiosk.core.points import Points
from kiosk.services.shop import catalogue, catalogue_pictures, checkout, products, receipts
from tests.conftest import give
from tests.services._support import audit_count

RICE = "6901234567892"
PASTE = "6920000000012"
SOAP = barcodes.in_store_code(1)
NEW = "6902088005073"          # 洗衣液: not in the test shop
ANOTHER = "6948195005797"


def _jpeg(width: int = 1600, height: int = 1200, colour: str = "#d9b36c") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG")
    return out.getvalue()


def test_a_known_scan_opens_the_product_and_an_unknown_one_starts_a_new_product(shop):
    known = catalogue.scan(shop, RICE)
    assert known.detail.product.name == "大米 5kg" and known.code == RICE
    new = catalogue.scan(shop, f" {NEW} ")
    assert new.detail is None and new.code == NEW
    upc = catalogue.scan(shop, "042100005264")   # UPC-A is kept as EAN-13
    assert upc.detail is None and upc.code == "0042100005264"


def test_scanning_an_extra_barcode_opens_its_product(shop):
    rice = catalogue.detail(shop, RICE)
    catalogue.edit(shop, rice.product.id, catalogue.with_changes(rice, extra_barcodes=(NEW,)))
    assert catalogue.scan(shop, NEW).detail.product.name == "大米 5kg"
    assert products.by_scan(shop, NEW).name == "大米 5kg"


def test_a_new_product_from_a_scan_with_picture_and_extra_barcode(shop):
    audits = audit_count(shop.db)
    picture = catalogue_pictures.from_bytes(_jpeg(), "rice.jpg")
    form = catalogue.ProductForm("洗衣液 2kg", "20", "洗护用品", "桶", "", "5", (ANOTHER,))
    made = catalogue.create(shop, form, barcode=NEW, picture=picture)
    p = made.product
    assert (p.code, p.name, p.initials, p.category, p.unit, p.price, p.reorder_level) == \
        (NEW, "洗衣液 2kg", "xyy2kg", "洗护用品", "桶", Points.parse(20), 5)
    assert made.extra_barcodes == (ANOTHER,)
    with Image.open(io.BytesIO(made.picture)) as image:
        assert max(image.size) == 512 and image.format == "JPEG"
    assert audit_count(shop.db) == audits + 1
    assert shop.db.scalar("SELECT COUNT(*) FROM journal WHERE record_id = ?", (p.id,)) == 1


def test_goods_without_a_barcode_get_the_next_in_store_code(shop):
    first = catalogue.create(shop, catalogue.ProductForm("土鸡蛋（散装）", "0.5", unit="个"))
    second = catalogue.create(shop, catalogue.ProductForm("自制豆腐", "3", unit="块"))
    assert first.product.code == barcodes.in_store_code(2)        # 香皂 has the first
    assert second.product.code == barcodes.in_store_code(3)
    assert barcodes.normalise(second.product.code) == second.product.code


def test_a_price_change_is_kept_as_history_and_an_old_receipt_keeps_its_price(shop):
    give(shop, "JF000001", 4)                                     # 20 points
    sale = checkout.redeem_items(shop, "JF000001", [PASTE])       # 牙膏 at 5
    paste = catalogue.detail(shop, PASTE)
    edited = catalogue.edit(shop, paste.product.id, catalogue.with_changes(paste, price="6.5"))
    assert edited.changed == ("price",)
    assert edited.detail.product.price == Points.parse("6.5")
    [change] = edited.detail.prices
    assert (change.old, change.new, change.operator) == (Points.parse(5), Points.parse("6.5"), "刘建军")
    slip = receipts.for_sale(shop, sale.receipt)
    assert [(line.name, line.price) for line in slip.lines] == [("牙膏", Points.parse(5))]
    again = checkout.redeem_items(shop, "JF000001", [PASTE])
    assert again.total == Points.parse("6.5")
    row = shop.db.one("SELECT before, after FROM audit WHERE action = 'product.edit'")
    assert '"price":"5"' in row["before"] and '"price":"6.5"' in row["after"]


def test_pinyin_follows_a_new_name_unless_it_was_typed(shop):
    rice = catalogue.detail(shop, RICE)
    renamed = catalogue.edit(shop, rice.product.id, catalogue.with_changes(rice, name="东北大米 5kg"))
    assert renamed.detail.product.initials == "dbdm5kg"
    typed = catalogue.edit(shop, rice.product.id,
                           catalogue.with_changes(renamed.detail, pinyin="DBDM"))
    assert typed.detail.product.initials == "dbdm"
    kept = catalogue.edit(shop, rice.product.id, catalogue.with_changes(typed.detail, name="大米"))
    assert kept.detail.product.initials == "dbdm"


def test_saving_an_unchanged_form_writes_nothing(shop):
    from tests.conftest import fingerprint

    soap = catalogue.detail(shop, SOAP)
    before = fingerprint(shop.db)
    assert catalogue.edit(shop, soap.product.id, soap.form()).changed == ()
    assert fingerprint(shop.db) == before


def test_extra_barcodes_added_and_removed(shop):
    soap = catalogue.detail(shop, SOAP)
    added = catalogue.edit(shop, soap.product.id,
                           catalogue.with_changes(soap, extra_barcodes=(f"{NEW}，{ANOTHER}",)))
    assert sorted(added.detail.extra_barcodes) == sorted([NEW, ANOTHER])
    removed = catalogue.edit(shop, soap.product.id,
                             catalogue.with_changes(added.detail, extra_barcodes=(ANOTHER,)))
    assert removed.detail.extra_barcodes == (ANOTHER,) and removed.changed == ("barcodes",)
    assert catalogue.scan(shop, NEW).detail is None


def test_a_retired_product_leaves_the_counter_and_can_come_back(shop):
    paste = catalogue.detail(shop, PASTE)
    retired = catalogue.set_active(shop, paste.product.id, False)
    assert not retired.product.active
    assert "牙膏" not in [p.name for p in products.list_products(shop)]
    give(shop, "JF000001", 2)
    from tests.services._support import refuse
    refuse(shop.db, "product_retired", checkout.redeem_items, shop, "JF000001", [PASTE])
    back = catalogue.set_active(shop, PASTE, True)
    assert back.product.active and "牙膏" in [p.name for p in products.list_products(shop)]
    actions = [r[0] for r in shop.db.all("SELECT action FROM audit WHERE target_id = ? ORDER BY seq",
                                         (paste.product.id,))]
    assert actions[-2:] == ["product.retire", "product.restore"]


def test_a_picture_is_scaled_stored_replaced_and_removed(shop):
    big = catalogue_pictures.from_bytes(_jpeg(3000, 1000), "wide.jpg")
    assert (big.width, big.height, big.mime) == (512, 171, "image/jpeg")
    with_picture = catalogue.set_picture(shop, RICE, big)
    assert with_picture.picture == big.data
    png = io.BytesIO()
    Image.new("RGBA", (300, 300), (255, 0, 0, 0)).save(png, "PNG")
    clear = catalogue_pictures.from_bytes(png.getvalue())
    assert clear.mime == "image/png" and clear.width == 300
    assert catalogue.set_picture(shop, RICE, clear).picture == clear.data
    assert catalogue.set_picture(shop, RICE, None).picture is None
    assert shop.db.scalar("SELECT COUNT(*) FROM audit WHERE action = 'product.picture'") == 3


def test_a_picture_chosen_in_the_form_is_saved_with_it(shop):
    rice = catalogue.detail(shop, RICE)
    picture = catalogue_pictures.from_bytes(_jpeg(400, 400))
    edited = catalogue.edit(shop, rice.product.id, rice.form(), picture)
    assert edited.changed == ("picture",) and edited.detail.picture == picture.data


def test_a_picture_file_from_disk(shop, tmp_path):
    path = tmp_path / "米.png"
    Image.new("RGB", (640, 480), "white").save(path)
    picture = catalogue_pictures.prepare(path)
    assert (picture.width, picture.height) == (512, 384)
