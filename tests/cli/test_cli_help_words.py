"""argparse's own words (help headings, -h, usage errors) in the program's language: a manager
who mistypes a command reads Chinese; with KIOSK_LANG=en, argparse's English."""

from __future__ import annotations

import re

import pytest

from kiosk.township import cli as township_cli

ENGLISH = re.compile(r"usage:|positional arguments|options:|show this help|error:|required|invalid choice|"
                     r"unrecognized|version number|COMMAND|\bint\b")


def test_kiosk_help_has_no_english_of_argparse(kiosk):
    done = kiosk("--help")
    assert done.code == 0 and done.out.startswith("用法：kiosk")
    assert "显示这段说明后退出" in done.out and "显示版本号后退出" in done.out
    assert not ENGLISH.search(done.out), done.out


def test_a_mistyped_command_is_told_in_chinese(kiosk):
    missing = kiosk("award")
    assert missing.code == 2 and "kiosk award：还缺这些：resident, rule, --operator" in missing.err
    wrong = kiosk("awrd")
    assert wrong.code == 2 and "没有 'awrd' 这一项，可以用：" in wrong.err
    extra = kiosk("balance", "JF000001", "--frob")
    assert extra.code == 2 and "看不懂这些：--frob" in extra.err
    nothing, number = kiosk(), kiosk("report", "ranking", "--top", "abc")
    assert nothing.code == 2 and "还缺这些：命令" in nothing.err
    assert number.code == 2 and "'abc' 填得不对" in number.err
    assert not ENGLISH.search(missing.err + wrong.err + extra.err + nothing.err + number.err)


def test_in_english_argparse_keeps_its_own_words(kiosk, monkeypatch):
    monkeypatch.setenv("KIOSK_LANG", "en")
    missing = kiosk("award")
    assert missing.code == 2 and "error: the following arguments are required: resident" in missing.err


def test_every_township_command_says_what_it_does(capsys):
    with pytest.raises(SystemExit) as done:
        township_cli.main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and out.startswith("用法：kiosk-township") and not ENGLISH.search(out)
    listed = re.findall(r"^    (\S+)( +\S.*)?\n(?: {10,}(\S.*)\n)?", out, re.M)   # a long name: words below
    assert len(listed) >= 16 and all(same or below for _, same, below in listed), listed
