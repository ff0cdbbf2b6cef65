"""Every setting in kiosk.config changes and reads back with its type; bad values change nothing."""

from __future__ import annotations

import pytest

from kiosk import config, i18n
from kiosk.services.points import awards
from kiosk.services.setup import settings
from kiosk.services.context import SELFSERVICE, Context
from tests.services._support import refuse

TEXT_SAMPLES = {"url": "https://jifen.zhen.gov.cn", "month_day": "03-15", "enrol_code": "AB12-CD34",
                "usb_id": "0x0416", "name": "石桥村", "": "积分兑换，文明你我"}


def other_value(setting: config.Setting) -> object:
    """A valid value that is not the default, of the setting's type."""
    if setting.choices:
        return setting.kind(next(v for v in setting.values if v != str(setting.default)))
    if setting.kind is bool:
        return not setting.default
    if setting.kind is int:
        return setting.default + 1 if setting.default + 1 <= (setting.high or 10**6) else setting.default - 1
    return TEXT_SAMPLES[setting.shape][: setting.most]


@pytest.mark.parametrize("setting", config.ALL, ids=lambda s: s.key)
def test_every_setting_changes_and_reads_back_with_its_type(shop, setting):
    wanted = other_value(setting)
    assert settings.change(shop, {setting.key: str(wanted)}) == [setting.key]
    fresh = Context(shop.db, SELFSERVICE)
    found = settings.value(fresh, setting)
    assert found == wanted and type(found) is setting.kind
    assert settings.values(fresh)[setting.key] == wanted
    last = shop.db.one("SELECT action, target_id FROM audit ORDER BY rowid DESC LIMIT 1")
    assert tuple(last) == ("setting.change", setting.key)


def test_the_defaults_read_back_before_anything_is_stored(shop):
    found = settings.values(Context(shop.db, SELFSERVICE))
    assert set(found) == set(config.BY_KEY)
    for setting in config.ALL:
        if not setting.column:
            assert found[setting.key] == setting.default, setting.key
    assert found["village.name"] == "青石村" and found["village.claim_review"] is True


def test_an_unchanged_value_writes_no_audit_row(shop):
    settings.change(shop, {"receipt_footer": "谢谢"})
    rows = shop.db.scalar("SELECT count(*) FROM audit")
    assert settings.change(shop, {"receipt_footer": " 谢谢 ", "village.name": "青石村"}) == []
    assert shop.db.scalar("SELECT count(*) FROM audit") == rows


BAD = [
    ("counter.idle_minutes", "ten", "setting_not_whole", "“无人操作几分钟后锁屏”要填整数，“ten”不是整数。"),
    ("counter.idle_minutes", "0", "setting_out_of_range", "要在 1 到 240 之间，填的是 0"),
    ("counter.idle_minutes", "2.5", "setting_not_whole", "要填整数"),
    ("printer.kind", "bluetooth", "setting_not_choice", "只能选：不接小票打印机（只存 PDF）、USB 小票打印机"),
    ("printer.paper", "60", "setting_not_choice", "只能选：58、80"),
    ("printer.port", "70000", "setting_out_of_range", "要在 1 到 65535 之间"),
    ("printer.usb_vendor", "爱普生", "setting_bad_usb_id", "请写成 0x0416 这样"),
    ("ui.language", "fr", "setting_not_choice", "只能选：简体中文、English"),
    ("selfservice.names", "nick", "setting_not_choice", "“nick”不在其中"),
    ("selfservice.pin_required", "maybe", "setting_not_yes_no", "只能是“是”或“否”"),
    ("notice.days", "-3", "setting_out_of_range", "要在 1 到 60 之间"),
    ("expiry.policy", "weekly", "setting_not_choice", "积分长期有效"),
    ("expiry.reset_date", "02-30", "setting_bad_month_day", "请写成 月-日，如 01-10"),
    ("expiry.reset_date", "1月10日", "setting_bad_month_day", "“1月10日”"),
    ("expiry.months", "0", "setting_out_of_range", "要在 1 到 120 之间"),
    ("backup.keep", "1000", "setting_out_of_range", "要在 1 到 100 之间"),
    ("sync.url", "jifen.zhen.gov.cn", "setting_bad_url", "以 http:// 或 https:// 开头"),
    ("sync.enrol_code", "AB 12!", "setting_bad_enrol_code", "接入码“AB 12!”不对"),
    ("village.name", "   ", "setting_empty_example", "请填写“村名”，例如：青石村。"),
    ("village.currency", "  ", "setting_empty", "请填写“积分名称（如 美德积分、爱心积分）”。"),
    ("village.currency", "积分" * 11, "setting_too_long", "太长了（22 个字，最多 20 个）"),
    ("receipt_footer", "谢" * 61, "setting_too_long", "最多 60 个"),
    ("no.such.thing", "1", "setting_unknown", "没有这项设置：no.such.thing"),
]


@pytest.mark.parametrize("key, bad, code, words", BAD, ids=[f"{b[0]}={b[1][:8]}" for b in BAD])
def test_a_bad_value_is_refused_with_a_message_and_the_db_unchanged(shop, key, bad, code, words):
    error = refuse(shop.db, code, settings.change, shop, {"receipt_footer": "先改这个", key: bad})
    assert words in error.message("zh")
    assert error.message("en") and error.message("en") != error.message("zh")


def test_a_volunteer_cannot_change_settings(volunteer):
    error = refuse(volunteer.db, "not_allowed", settings.change, volunteer, {"receipt_footer": "谢谢"})
    assert error.message("zh") == "张晓燕（志愿者）不能修改设置。请找管理员。"


def test_the_village_row_settings_take_effect(shop, volunteer):
    settings.change(shop, {"village.currency": "爱心积分", "village.claim_review": False})
    fresh = Context(shop.db, SELFSERVICE)
    assert fresh.village.currency == "爱心积分" and not fresh.village.policy.claim_review
    award = awards.award(Context(shop.db, volunteer.actor, shop.clock), "JF000004", "hjqs")
    assert award.status == "posted"                      # no review asked for any more


@pytest.fixture
def chosen_language(monkeypatch):
    monkeypatch.delenv("KIOSK_LANG", raising=False)
    yield
    i18n.use_language(None)


def test_the_stored_language_applies_at_start_and_kiosk_lang_still_wins(shop, chosen_language, monkeypatch):
    assert settings.apply_language(shop.db) == "zh"
    settings.change(shop, {"ui.language": "en"})
    assert i18n.current_lang() == "zh"                  # only from the next start
    assert settings.apply_language(shop.db) == "en"
    assert i18n._("保存") == "Save"
    monkeypatch.setenv("KIOSK_LANG", "zh_CN")
    assert settings.apply_language(shop.db) == "zh"


def test_receipts_follow_the_chosen_language(shop, chosen_language, tmp_path):
    from kiosk.services.shop import checkout, receipt_printer
    from tests.conftest import give

    give(shop, "JF000001", 2)
    sale = checkout.redeem_items(shop, "JF000001", ["香皂"])
    settings.change(shop, {"ui.language": "en"})
    settings.apply_language(shop.db)
    receipt_printer.receipt_file(shop, sale.receipt, tmp_path / "en.bin", form="text")
    i18n.use_language("zh")
    receipt_printer.receipt_file(shop, sale.receipt, tmp_path / "zh.bin", form="text")
    assert b"Balance after" in (tmp_path / "en.bin").read_bytes()
    assert b"Balance after" not in (tmp_path / "zh.bin").read_bytes()
