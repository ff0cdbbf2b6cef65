"""The first-run wizard's logic, without Qt: each step's bad input, finish, a failed finish, never twice."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.services.people import operators
from kiosk.services.setup import settings, create as setup
from kiosk.services.context import SELFSERVICE, Context
from kiosk.services.setup.wizard import STEPS, SetupWizard, needs_setup
from tests.conftest import fingerprint

GOOD_LIST = "姓名,门牌号,与户主关系,卡号\n赵大山,2组5号,,SQ0001\n钱秀兰,2组5号,配偶,SQ0002\n孙小林,3组1号,,\n"
BAD_LIST = "姓名,门牌号,卡号\n赵大山,2组5号,SQ0001\n钱秀兰,,SQ0002\n孙小林,3组1号,SQ0001\n"


@pytest.fixture
def wizard(tmp_path, clock) -> SetupWizard:
    return SetupWizard(tmp_path / "data" / "village.sqlite", clock)


def answered(wizard: SetupWizard, residents: str | None = None) -> SetupWizard:
    """Every step answered well (石桥村, 李春梅 1357, no printer, offline)."""
    wizard.set_village("石桥村", "爱心积分")
    wizard.set_manager("李春梅", "1357", "1357")
    wizard.set_printer({"printer.kind": "none"})
    wizard.work_offline()
    if residents is None:
        wizard.residents_later()
    else:
        wizard.set_residents(residents)
    return wizard


def refused(wizard: SetupWizard, code: str, call, *args) -> str:
    """A refusal with `code`; nothing is written anywhere and the step does not move on."""
    folder = wizard.db_path.parent
    before = sorted(folder.rglob("*")) if folder.exists() else None
    step = wizard.step
    with pytest.raises(Refused) as info:
        call(*args)
    assert info.value.code == code, info.value.message("zh")
    assert wizard.step == step and not wizard.db_path.exists()
    assert (sorted(folder.rglob("*")) if folder.exists() else None) == before
    return info.value.message("zh")


def test_the_steps_come_in_order_and_each_good_answer_moves_on(wizard):
    assert wizard.step == "village"
    wizard.set_village("石桥村", "爱心积分")
    assert wizard.step == "manager"
    wizard.back()
    assert wizard.step == "village" and wizard.answers.village == "石桥村"
    answered(wizard)
    assert wizard.step == STEPS[-1] == "confirm"
    assert dict(wizard.summary())["积分名称"] == "爱心积分"


def test_an_empty_village_name_is_refused(wizard):
    assert refused(wizard, "name_empty", wizard.set_village, "   ", "美德积分") == "请填写村名，例如：青石村。"
    assert refused(wizard, "name_empty", wizard.set_village, "石桥村", "") == "请填写积分名称，例如：美德积分。"
    assert "太长" in refused(wizard, "setting_too_long", wizard.set_village, "石桥村", "积分" * 11)


def test_pins_that_differ_are_refused(wizard):
    wizard.set_village("石桥村", "美德积分")
    text = refused(wizard, "setup_pins_differ", wizard.set_manager, "李春梅", "1357", "1358")
    assert text == "两次输入的密码不一样。请重新输入密码，再输一次确认。"
    assert "再输入一次" in refused(wizard, "setup_pin_again", wizard.set_manager, "李春梅", "1357", "")


def test_a_pin_of_fewer_than_four_digits_is_refused(wizard):
    wizard.set_village("石桥村", "美德积分")
    assert refused(wizard, "pin_format", wizard.set_manager, "李春梅", "135", "135") == "密码要求 4 到 8 位数字。"
    refused(wizard, "pin_format", wizard.set_manager, "李春梅", "12ab", "12ab")
    assert refused(wizard, "name_empty", wizard.set_manager, " ", "1357", "1357") == "请填写姓名，例如：王秀兰。"


@pytest.mark.parametrize("url", ["jifen.zhen.gov.cn", "ftp://jifen.zhen.gov.cn", "https://", "http://a b.cn",
                                 "https://jifen.zhen.gov.cn:port"])
def test_a_bad_township_url_is_refused(wizard, url):
    text = refused(wizard, "setting_bad_url", wizard.set_township, url, "AB12-CD34")
    assert text.startswith("“乡镇服务器地址”写得不对") and "https://" in text


def test_a_township_needs_both_address_and_code_or_neither(wizard):
    assert "要一起填" in refused(wizard, "setup_sync_half", wizard.set_township, "https://jifen.zhen.gov.cn", "")
    refused(wizard, "setting_bad_enrol_code", wizard.set_township, "https://jifen.zhen.gov.cn", "AB 12")
    wizard.go_to("township")
    wizard.set_township("https://jifen.zhen.gov.cn/", "AB12-CD34")
    assert (wizard.answers.sync_url, wizard.answers.enrol_code) == ("https://jifen.zhen.gov.cn", "AB12-CD34")


def test_a_resident_file_with_errors_is_refused_row_by_row(wizard, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_LIST, encoding="utf-8")
    wizard.go_to("residents")
    text = refused(wizard, "csv_rows", wizard.set_residents, str(bad))
    assert text.startswith("表格有 2 行出错，没有导入任何一行")
    assert "第 3 行：请填写门牌号，例如：3组12号。" in text and "第 4 行：卡号“SQ0001”已经被赵大山使用。" in text
    assert "找不到文件" in refused(wizard, "file_missing", wizard.set_residents, str(tmp_path / "none.csv"))


def test_a_bad_printer_setting_is_refused(wizard):
    wizard.go_to("printer")
    refused(wizard, "setting_not_choice", wizard.set_printer, {"printer.kind": "bluetooth"})
    text = refused(wizard, "setting_out_of_range", wizard.set_printer,
                   {"printer.kind": "network", "printer.host": "192.0.2.7", "printer.port": "70000"})
    assert text == "“网络打印机端口”要在 1 到 65535 之间，填的是 70000。"


def test_the_test_print_goes_to_the_printer_as_typed(wizard, tmp_path):
    wizard.set_village("石桥村", "爱心积分")
    out = tmp_path / "printer.bin"
    outcome = wizard.test_print({"printer.kind": "file", "printer.device": str(out)})
    assert outcome.ok and b"\x1c\x26" in out.read_bytes()          # Chinese mode: 石桥村 prints
    assert "PDF" in wizard.test_print({"printer.kind": "none"}).text
    unplugged = wizard.test_print({"printer.kind": "file", "printer.device": str(tmp_path / "no" / "lp0")})
    assert not unplugged.ok and "打印机" in unplugged.text
    assert not wizard.db_path.exists()


def test_finish_before_every_step_is_answered_is_refused(wizard):
    wizard.set_village("石桥村", "美德积分")
    assert "管理员和密码" in refused(wizard, "setup_step_missing", wizard.finish)


def test_finish_makes_a_working_village_that_kiosk_check_passes(wizard, tmp_path, capsys):
    from kiosk.cli.main import main

    good = tmp_path / "good.csv"
    good.write_text(GOOD_LIST, encoding="utf-8")
    answered(wizard, str(good))
    wizard.go_to("township")
    wizard.set_township("https://jifen.zhen.gov.cn", "AB12-CD34")
    wizard.keep_residents()
    assert wizard.finish() == wizard.db_path and not needs_setup(wizard.db_path)
    assert sorted(p.name for p in wizard.db_path.parent.iterdir()) == ["village.sqlite"]
    assert main(["--db", str(wizard.db_path), "check"]) == 0
    assert "账目核对通过" in capsys.readouterr().out
    db = setup.open_shop(wizard.db_path)
    try:
        ctx = Context(db, SELFSERVICE)
        assert (ctx.village.name, ctx.village.currency) == ("石桥村", "爱心积分")
        assert operators.login(db, "李春梅", "1357", wizard.clock.now()).role.value == "manager"
        assert db.scalar("SELECT count(*) FROM resident") == 3
        assert db.scalar("SELECT count(*) FROM rule") > 0
        assert settings.values(ctx, "sync.") == {"sync.url": "https://jifen.zhen.gov.cn",
                                                 "sync.enrol_code": "AB12-CD34"}
    finally:
        db.close()


def test_a_failed_finish_leaves_nothing_and_can_be_run_again(wizard, tmp_path):
    lst = tmp_path / "list.csv"
    lst.write_text(GOOD_LIST, encoding="utf-8")
    answered(wizard, str(lst))
    lst.write_text(BAD_LIST, encoding="utf-8")          # spoilt after it was checked
    with pytest.raises(Refused) as info:
        wizard.finish()
    assert info.value.code == "csv_rows" and not wizard.finished
    assert list(wizard.db_path.parent.iterdir()) == [] and needs_setup(wizard.db_path)
    lst.write_text(GOOD_LIST, encoding="utf-8")
    wizard.finish()
    assert not needs_setup(wizard.db_path)


def test_a_crash_mid_finish_leaves_a_hidden_scratch_file_that_the_next_finish_clears(wizard):
    wizard.db_path.parent.mkdir(parents=True)
    left = wizard.db_path.parent / ".village.sqlite.0190f1a2.setup"
    left.write_bytes(b"half a database")
    answered(wizard).finish()
    assert sorted(p.name for p in wizard.db_path.parent.iterdir()) == ["village.sqlite"]


@pytest.mark.parametrize("empty", ["zero bytes", "no village"])
def test_an_empty_database_is_set_up_in_place(wizard, empty):
    wizard.db_path.parent.mkdir(parents=True)
    if empty == "zero bytes":
        wizard.db_path.write_bytes(b"")
    else:
        setup.create_database(wizard.db_path).close()
    assert needs_setup(wizard.db_path)
    answered(wizard).finish()
    assert not needs_setup(wizard.db_path)


def test_it_never_shows_again_once_done(wizard, shop, db_path):
    assert not needs_setup(db_path)                     # the test village is set up
    answered(wizard).finish()
    assert not needs_setup(wizard.db_path)
    before = fingerprint(shop.db)
    again = answered(SetupWizard(db_path, wizard.clock))
    with pytest.raises(Refused) as info:
        again.finish()                                  # never over a village
    assert info.value.code == "db_exists" and fingerprint(shop.db) == before


def test_a_file_that_is_not_ours_is_never_set_up_over(tmp_path):
    foreign = tmp_path / "photo.sqlite"
    foreign.write_bytes(b"\x89PNG not a database at all" * 100)
    with pytest.raises(Refused) as info:
        needs_setup(foreign)
    assert info.value.code == "db_not_kiosk"


def test_kiosk_counter_on_a_missing_database_goes_to_the_wizard(tmp_path, monkeypatch):
    from kiosk.cli.shop import sales as shop_cli
    from kiosk.cli.main import main

    opened = []
    monkeypatch.setattr(shop_cli, "_open_counter", lambda path, out, fullscreen=False: opened.append(path) or 0)
    assert main(["--db", str(tmp_path / "new.sqlite"), "counter"]) == 0
    assert opened == [str(tmp_path / "new.sqlite")]
    (tmp_path / "junk.sqlite").write_bytes(b"junk" * 300)
    assert main(["--db", str(tmp_path / "junk.sqlite"), "counter"]) == 1 and len(opened) == 1


def test_the_first_manager_is_linked_to_their_household(wizard):
    """回避 from the first day: the manager's house number makes them a villager of it."""
    from kiosk.services.people import operators
    from kiosk.services.points import awards
    from kiosk.services.setup import create as setup
    from kiosk.services.context import Context

    answered(wizard)
    wizard.set_manager("李春梅", "1357", "1357", "3组12号")
    assert dict(wizard.summary())["管理员"] == "李春梅（3组12号）"
    wizard.go_to("confirm")
    db = setup.open_shop(wizard.finish())
    try:
        [me] = operators.list_operators(db)
        assert (me["resident"], me["house_no"]) == ("李春梅", "3组12号")
        ctx = Context(db, operators.login(db, "李春梅", "1357", wizard.clock.now()), wizard.clock)
        with pytest.raises(Refused) as info:
            awards.award(ctx, "李春梅", "hjqs")
        assert info.value.code == "conflict_second_needed"
    finally:
        db.close()
