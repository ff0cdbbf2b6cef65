"""审核 and 公示 never show a record's id (a run of hex such as 3560c8): a villager cannot
read it aloud or look it up. Items are told apart by day, name and act; the A4 notice by
its 序号."""

from __future__ import annotations

from pypdf import PdfReader

from kiosk.services.points import awards, claims, notice
from tests.conftest import MANAGER_PIN
from tests.ui.conftest import log_in


def shown(model) -> str:
    return " ".join(model.headers + [cell for row in model.rows for cell in row])


def ids_seen(text: str, ids: set[str]) -> set[str]:
    return {i[-6:] for i in ids if i[-6:] in text}


def test_the_claims_list_shows_no_record_ids(qtbot, counter, shop, volunteer):
    filed = {awards.award(volunteer, card, "hjqs").id for card in ("JF000001", "JF000004")}
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    section = counter.open_manage("claims")
    assert len(section.model.rows) == 2
    assert ids_seen(shown(section.model), filed) == set() and "编号" not in section.model.headers
    assert section.model.rows[0][:2] == ["2026-11-03", "王小明"]      # the day and who, as people say it


def test_the_notice_list_shows_no_record_ids(qtbot, counter, shop, volunteer):
    given = awards.award(shop, "JF000001", "hjqs")
    approved = claims.approve(shop, awards.award(volunteer, "JF000004", "hjqs").id)
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    section = counter.open_manage("notice")
    items = {i.id for i in section.found} | {given.id, approved.id}
    assert len(section.model.rows) == 2
    assert ids_seen(shown(section.model), items) == set() and "编号" not in section.model.headers
    assert section.model.rows[0][0] == "11-03"                       # the act's day


def test_the_printed_notice_shows_no_record_ids(shop, volunteer, tmp_path):
    awards.award(shop, "JF000001", "hjqs")
    claims.approve(shop, awards.award(volunteer, "JF000004", "hjqs").id)
    items = notice.items(shop)
    text = "".join(page.extract_text() for page in PdfReader(notice.save_pdf(shop, tmp_path / "公示.pdf")).pages)
    assert len(items) == 2 and all(i.resident in text for i in items)
    assert ids_seen(text, {i.id for i in items}) == set() and "编号" not in text
