"""Resident cards: sheets a scanner reads at 203 dpi, and a new card that retires the old one."""

from __future__ import annotations

import pytest
import zxingcpp

from kiosk.core.errors import Refused
from kiosk.printing.cards import CardFace, render_cards
from kiosk.services.people import cards, residents
from tests.conftest import fingerprint
from tests.printing.helpers import pdf_at_printer_dpi, pdf_text


def _read(image) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for result in zxingcpp.read_barcodes(image):
        found.setdefault(result.format.name, set()).add(result.text)
    return found


def test_every_card_on_a_full_sheet_scans_at_203_dpi(shop, tmp_path):
    faces = [CardFace("青石村", "美德积分卡", f"村民{n}", f"{n}组{n}号", f"JF{n:06d}") for n in range(1, 11)]
    image = pdf_at_printer_dpi(render_cards(faces), tmp_path)
    found = _read(image)
    codes = {face.code for face in faces}
    assert found.get("Code128") == codes
    assert found.get("QRCode") == codes


def test_a_household_sheet_shows_names_and_house_numbers(shop, tmp_path):
    path, count = cards.save_sheet(shop, tmp_path / "cards.pdf", household="3组12号")
    text = pdf_text(path.read_bytes())
    assert count == 2
    for words in ("王小明", "李秀英", "3组12号", "JF000001", "青石村"):
        assert words in text


def test_skipping_used_slots_keeps_the_cards_readable(shop, tmp_path):
    path, count = cards.save_sheet(shop, tmp_path / "cards.pdf", ["JF000001", "张桂兰"], skip=9)
    assert count == 2
    image = pdf_at_printer_dpi(path.read_bytes(), tmp_path)   # page 1: slot 10 only
    assert _read(image).get("Code128") == {"JF000001"}


def test_a_reissued_card_retires_the_old_code(shop):
    done = cards.reissue(shop, "JF000001", "丢失")
    assert (done.name, done.old_code) == ("王小明", "JF000001") and done.new_code != "JF000001"
    assert residents.resolve(shop, done.new_code).name == "王小明"
    with pytest.raises(Refused) as refused:
        residents.resolve(shop, "JF000001")
    assert refused.value.code == "card_retired"
    assert "已经补办过新卡" in refused.value.message("zh") and "王小明" in refused.value.message("zh")
    row = shop.db.one("SELECT * FROM audit ORDER BY rowid DESC LIMIT 1")
    assert row["action"] == "resident.card_reissue" and "JF000001" in row["before"]
    assert shop.db.scalar("SELECT record_type FROM journal ORDER BY seq DESC LIMIT 1") == "resident"


def test_an_old_card_code_is_never_given_out_again(shop):
    cards.reissue(shop, "JF000001", "丢失")
    before = fingerprint(shop.db)
    with pytest.raises(Refused) as refused:
        residents.add_resident(shop, name="赵新", house_no="6组3号", card_code="JF000001")
    assert refused.value.code == "card_code_retired"
    assert fingerprint(shop.db) == before
    assert residents.add_resident(shop, name="赵新", house_no="6组3号").card_code not in ("JF000001",)


@pytest.mark.parametrize("call, code, words", [
    (lambda ctx, tmp: cards.save_sheet(ctx, tmp / "c.pdf"), "cards_none_chosen", "没有选中"),
    (lambda ctx, tmp: cards.save_sheet(ctx, tmp / "c.pdf", household="9组99号"), "household_unknown", "9组99号"),
    (lambda ctx, tmp: cards.save_sheet(ctx, tmp / "c.pdf", ["JF000001"], skip=10), "cards_skip_bad", "0 到 9"),
    (lambda ctx, tmp: cards.save_sheet(ctx, tmp / "c.pdf", ["JF999999"]), "resident_unknown", "JF999999"),
    (lambda ctx, tmp: cards.reissue(ctx, "JF000001", "  "), "card_reason_required", "原因"),
    (lambda ctx, tmp: cards.reissue(ctx, "JF999999", "丢失"), "resident_unknown", "JF999999"),
])
def test_bad_requests_say_why_and_change_nothing(shop, tmp_path, call, code, words):
    before = fingerprint(shop.db)
    with pytest.raises(Refused) as refused:
        call(shop, tmp_path)
    assert refused.value.code == code and words in refused.value.message("zh")
    assert fingerprint(shop.db) == before
    assert not (tmp_path / "c.pdf").exists()


def test_volunteers_cannot_reissue_cards(volunteer):
    before = fingerprint(volunteer.db)
    with pytest.raises(Refused) as refused:
        cards.reissue(volunteer, "JF000001", "丢失")
    assert refused.value.code == "not_allowed"
    assert fingerprint(volunteer.db) == before


def test_residents_who_moved_away_get_no_card(shop, tmp_path):
    shop.db.conn.execute("UPDATE resident SET status = 'moved' WHERE card_code = 'JF000001'")
    path, count = cards.save_sheet(shop, tmp_path / "cards.pdf", household="3组12号")
    assert count == 1 and "王小明" not in pdf_text(path.read_bytes())
    before = fingerprint(shop.db)
    with pytest.raises(Refused) as refused:
        cards.save_sheet(shop, tmp_path / "one.pdf", ["JF000001"])
    assert refused.value.code == "cards_resident_inactive" and "已迁出" in refused.value.message("zh")
    assert fingerprint(shop.db) == before


def test_a_sheet_of_everyone_runs_in_house_number_order(shop):
    from kiosk.services.people import residents as people

    people.add_resident(shop, name="赵新", house_no="1组10号")
    people.add_resident(shop, name="钱多", house_no="1组9号")
    houses = [face.house_no for face in cards.faces(shop, everyone=True)]
    assert houses.index("1组8号") < houses.index("1组9号") < houses.index("1组10号")
