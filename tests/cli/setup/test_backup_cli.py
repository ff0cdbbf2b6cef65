"""`kiosk backup` and `kiosk restore` as a user types them."""

from __future__ import annotations

from pathlib import Path


def test_backup_to_a_folder_then_restore(kiosk, village, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    made = kiosk("--json", "backup", str(usb), *village)
    assert made.code == 0, made.err
    info = made.json()
    assert info["village"] == "青石村" and Path(info["file"]).exists()

    shown = kiosk("restore", info["file"], *village)
    assert shown.code == 1
    assert "青石村" in shown.out and "--yes" in shown.err

    done = kiosk("--json", "restore", info["file"], "--yes", *village)
    assert done.code == 0, done.err
    result = done.json()
    assert result["village"] == "青石村" and result["check_ok"] is True
    assert Path(result["replaced_copy"]).exists()
    assert kiosk("check").code == 0


def test_backup_needs_a_pin(kiosk, village, tmp_path):
    result = kiosk("backup", str(tmp_path / "b.sqlite"), "--operator", "刘建军")
    assert result.code == 1 and "密码" in result.err
    assert not (tmp_path / "b.sqlite").exists()


def test_backup_to_a_missing_folder(kiosk, village, tmp_path):
    result = kiosk("backup", str(tmp_path / "nostick" / "b.sqlite"), *village)
    assert result.code == 1 and "找不到文件夹" in result.err


def test_volunteer_backs_up_but_cannot_restore(kiosk, village, tmp_path):
    assert kiosk("operator", "add", "张晓燕", "--role", "volunteer", "--new-pin", "4826", *village).code == 0
    vol = ("--operator", "张晓燕", "--pin", "4826")
    target = tmp_path / "v.sqlite"
    assert kiosk("backup", str(target), *vol).code == 0
    refused = kiosk("restore", str(target), "--yes", *vol)
    assert refused.code == 1 and "只有管理员" in refused.err


def test_restore_needs_a_manager_when_a_database_exists(kiosk, village, tmp_path):
    target = tmp_path / "b.sqlite"
    assert kiosk("backup", str(target), *village).code == 0
    refused = kiosk("restore", str(target), "--yes")
    assert refused.code == 1 and "--operator" in refused.err


def test_restore_refuses_a_text_file(kiosk, village, tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("hello\n" * 100)
    result = kiosk("--json", "restore", str(bad), "--yes", *village)
    assert result.code == 1 and "不是数据库文件" in result.err
    assert result.json()["error"] == "backup_not_sqlite"
    assert not list(tmp_path.glob("*before-restore*"))


def test_restore_refuses_another_village_unless_asked(kiosk, village, tmp_path):
    other = tmp_path / "other.sqlite"
    assert kiosk("--db", str(other), "init", "--village", "白沙村", "--manager", "陈",
                 "--pin", "1357").code == 0
    copy = tmp_path / "baisha.sqlite"
    assert kiosk("--db", str(other), "backup", str(copy), "--operator", "陈", "--pin", "1357").code == 0
    refused = kiosk("restore", str(copy), "--yes", *village)
    assert refused.code == 1 and "白沙村" in refused.err and "--other-village" in refused.err
    done = kiosk("restore", str(copy), "--yes", "--other-village", *village)
    assert done.code == 0, done.err
    assert "白沙村" in done.out
