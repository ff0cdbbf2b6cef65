"""kiosk cards and kiosk resident reissue-card, as a manager types them."""

from __future__ import annotations

from tests.printing.helpers import pdf_text


def test_cards_for_a_household_then_a_new_card(kiosk, village, tmp_path):
    out = tmp_path / "cards.pdf"
    done = kiosk("--json", "cards", "--household", "3组12号", "--pdf", str(out), *village)
    assert done.code == 0 and done.json()["cards"] == 1
    assert "王小明" in pdf_text(out.read_bytes())
    new = kiosk("--json", "resident", "reissue-card", "王小明", "--reason", "丢失", *village)
    assert new.code == 0
    old_code, new_code = new.json()["old_card"], new.json()["new_card"]
    lost = kiosk("balance", old_code)
    assert lost.code == 1 and "已经补办过新卡" in lost.err
    assert kiosk("balance", new_code).code == 0


def test_no_resident_chosen_is_refused_without_a_file(kiosk, village, tmp_path):
    out = tmp_path / "cards.pdf"
    done = kiosk("cards", "--pdf", str(out), *village)
    assert done.code == 1 and "没有选中" in done.err and not out.exists()
