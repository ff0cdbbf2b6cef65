"""The public command line: exit codes, --json keys, points as exact strings."""

from __future__ import annotations

from kiosk import __version__

VOLUNTEER = ("--operator", "张晓燕", "--pin", "4826")


def test_version(kiosk):
    result = kiosk("--version")
    assert result.code == 0 and __version__ in result.out


def test_redeem_reports_balance_before_and_after_exactly(kiosk, village):
    assert kiosk("award", "JF000001", "ddzf", *village).code == 0  # 带动群众增收致富 +100
    body = kiosk("--json", "redeem", "wxm", "6901382002504", "香皂x2", *village).json()
    assert body["resident"] == "王小明" and body["household"] == "3组12号"
    assert body["receipt"].count("-") == 2
    assert (body["total"], body["balance_before"], body["balance_after"]) == ("61", "100", "39")
    assert [line["amount"] for line in body["lines"]] == ["50", "11"]
    refund = kiosk("--json", "refund", body["receipt"], "--line", "2", "--qty", "1",
                   "--reason", "拿错了", *village)
    assert refund.code == 0, refund.err
    assert refund.json()["total"] == "5.5" and refund.json()["balance_after"] == "44.5"
    assert kiosk("--json", "balance", "JF000001").json()["balance"] == "44.5"


def test_a_capped_rule_says_how_much_room_is_left(kiosk, village):
    for _ in range(4):
        assert kiosk("award", "JF000001", "hjqs", *village).code == 0  # 环境清扫 5, cap 20/month
    fifth = kiosk("award", "JF000001", "hjqs", *village)
    assert fifth.code == 1 and "上限 20 分" in fifth.err and "最多还能记 0 分" in fifth.err


def test_refused_is_exit_1_with_the_reason_on_stderr(kiosk, village):
    result = kiosk("redeem", "JF000001", "6901382002504", *village)
    assert result.code == 1
    assert "积分不够" in result.err and "还差 50 分" in result.err
    assert result.out == ""


def test_refused_in_english(kiosk, village, monkeypatch):
    monkeypatch.setenv("KIOSK_LANG", "en")
    result = kiosk("redeem", "JF000001", "6901382002504", *village)
    assert result.code == 1 and "short by 50" in result.err


def test_json_refusal_names_the_reason_code(kiosk, village):
    result = kiosk("--json", "redeem", "JF000001", "6901382002505", *village)
    assert result.code == 1
    assert result.json()["error"] == "barcode_bad_check_digit"


def test_usage_error_is_exit_2(kiosk):
    assert kiosk("redeem").code == 2
    assert kiosk("no-such-command").code == 2


def test_mutation_without_pin_is_refused(kiosk, village):
    result = kiosk("award", "JF000001", "hjqs", "--operator", "刘建军")
    assert result.code == 1 and "密码" in result.err


def test_pin_from_environment(kiosk, village, monkeypatch):
    monkeypatch.setenv("KIOSK_PIN", "2580")
    assert kiosk("award", "JF000001", "hjqs", "--operator", "刘建军").code == 0


def test_volunteer_award_becomes_a_claim_a_manager_approves(kiosk, village):
    add = kiosk("operator", "add", "张晓燕", "--role", "volunteer", "--new-pin", "4826", *village)
    assert add.code == 0, add.err
    filed = kiosk("--json", "award", "王小明", "zyfw", "--qty", "4", *VOLUNTEER)
    assert filed.code == 0 and filed.json()["status"] == "pending"
    assert filed.json()["points"] == "10"  # 志愿服务 2.5 per hour
    assert kiosk("--json", "balance", "JF000001").json()["balance"] == "0"
    listed = kiosk("--json", "claim", "list").json()["claims"]
    assert [c["resident"] for c in listed] == ["王小明"]
    assert kiosk("claim", "approve", filed.json()["id"][-6:], *VOLUNTEER).code == 1
    assert kiosk("claim", "approve", filed.json()["id"][-6:], *village).code == 0
    assert kiosk("--json", "balance", "JF000001").json()["balance"] == "10"


def test_check_passes_on_a_working_village(kiosk, village):
    kiosk("award", "JF000001", "hjqs", *village)
    result = kiosk("--json", "check")
    assert result.code == 0 and result.json()["ok"] is True


def test_init_seeds_the_standard_rule_catalogue(kiosk, village):
    rules = kiosk("--json", "rule", "list").json()["rules"]
    codes = {r["code"] for r in rules}
    assert {"hjqs", "zyfw", "kf_dubo"} <= codes and len(rules) >= 25


def test_init_twice_is_refused_and_keeps_the_village(kiosk, village):
    again = kiosk("init", "--village", "别的村", "--manager", "某人", "--pin", "1111")
    assert again.code == 1
    assert kiosk("--json", "balance", "JF000001").json()["resident"] == "王小明"


def test_receipt_as_pdf_and_escpos(kiosk, village, tmp_path):
    kiosk("award", "JF000001", "ddzf", *village)
    number = kiosk("--json", "redeem", "wxm", "6901382002504", *village).json()["receipt"]
    pdf, raw = tmp_path / "r.pdf", tmp_path / "r.bin"
    assert kiosk("receipt", number, "--pdf", str(pdf), "--copy").code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert kiosk("receipt", number.replace("-", ""), "--escpos", str(raw)).code == 0
    assert b"\x1c\x26" in raw.read_bytes() and "王小明".encode("gb18030") in raw.read_bytes()
    missing = kiosk("receipt", "261122-01-0999", "--pdf", str(tmp_path / "x.pdf"))
    assert missing.code == 1 and "找不到小票" in missing.err and not (tmp_path / "x.pdf").exists()


def test_a_manager_sets_a_residents_own_pin(kiosk, village):
    from kiosk.services.selfservice import screen as selfservice
    from kiosk.services.context import SELFSERVICE, Context
    from kiosk.services.people import residents
    from kiosk.store.migrations import open_database
    import os

    assert kiosk("resident", "pin", "wxm", "--new-pin", "1357", *village).code == 0
    db = open_database(os.environ["KIOSK_DB"])
    try:
        ctx = Context(db, SELFSERVICE)
        wang = residents.resolve(ctx, "JF000001")
        assert selfservice.check_pin(ctx, wang, "1357") and not selfservice.check_pin(ctx, wang, "2468")
    finally:
        db.close()
    volunteer = kiosk("operator", "add", "张晓燕", "--role", "volunteer", "--new-pin", "4826", *village)
    assert volunteer.code == 0
    refused = kiosk("resident", "pin", "wxm", "--new-pin", "2468", *VOLUNTEER)
    assert refused.code == 1 and "志愿者" in refused.err


def test_household_list_shows_head_members_and_balance(kiosk, village):
    kiosk("resident", "add", "李秀英", "--house", "3组12号", "--relation", "配偶", *village)
    kiosk("resident", "add", "张桂兰", "--house", "1组8号", *village)
    kiosk("award", "JF000002", "hjqs", *village)
    rows = kiosk("--json", "household", "list").json()["households"]
    assert [(r["household"], r["head"], r["members"], r["balance"]) for r in rows] == [
        ("1组8号", "张桂兰", 1, "0"), ("3组12号", "王小明", 2, "5")]
    assert [r["household"] for r in kiosk("--json", "household", "list", "--find", "3组").json()["households"]] == ["3组12号"]



def test_the_village_language_applies_to_commands(kiosk, village, monkeypatch):
    """A village set to English gets English from kiosk commands; KIOSK_LANG, when set, wins."""
    import os

    from kiosk.core.clock import SystemClock
    from kiosk.i18n import use_language
    from kiosk.services.people import operators
    from kiosk.services.setup import settings, create as setup
    from kiosk.services.context import Context

    db = setup.open_shop(os.environ["KIOSK_DB"])
    settings.change(Context(db, operators.login(db, "刘建军", "2580", SystemClock().now())),
                    {"ui.language": "en"})
    db.close()
    try:
        assert "余额" in kiosk("balance", "王小明").out              # the tests' KIOSK_LANG=zh wins
        monkeypatch.delenv("KIOSK_LANG")
        shown = kiosk("balance", "王小明")
        assert shown.code == 0 and "Balance" in shown.out and "余额" not in shown.out
    finally:
        use_language(None)
