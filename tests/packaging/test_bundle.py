"""The Linux one-folder bundle, built by PyInstaller from a clean environment, run from outside.

Slow: the first run builds the bundle (cached by a hash of the sources, see bundle_cache.py).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest
from pypdf import PdfReader

from tests.packaging.bundle_cache import build_info, build_venv
from tests.packaging.conftest import needs_linux_build, run_bundle
from tests.packaging.running import (
    keeps_running,
    said,
    started,
    virtual_screen,
    wait_until,
    window_titles,
    xvfb_available,
)

pytestmark = [pytest.mark.slow, needs_linux_build]

SIZE_BUDGET = 230 * 1024 * 1024  # 216 MiB today, 24 of them rare-character fonts; full PySide6 would blow it
TEST_PACKAGES = ("pytest", "_pytest", "hypothesis", "pytestqt", "importlinter", "zxingcpp", "pypdf")


def archive_modules(bundle) -> set[str]:
    viewer = build_venv() / "bin" / "pyi-archive_viewer"
    done = subprocess.run([str(viewer), "-r", "-b", str(bundle / "kiosk")], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return {line.strip() for line in done.stdout.splitlines()}


def test_bundle_holds_the_program_its_data_and_nothing_for_tests(bundle):
    internal = bundle / "_internal"
    for program in ("kiosk", "kiosk-counter", "kiosk-selfservice"):
        assert (bundle / program).is_file()
    assert min(p.name for p in (internal / "db" / "migrations").glob("*.sql")).startswith("0001")
    assert (internal / "db" / "demo" / "village.json").is_file()
    assert (internal / "assets" / "icons" / "jifen-kiosk-counter.svg").is_file()
    assert (internal / "assets" / "translations" / "en" / "LC_MESSAGES" / "kiosk.mo").is_file()
    fonts = internal / "assets" / "fonts"
    shipped = {p.name for p in fonts.iterdir()}
    assert {"wqy-microhei.ttc", "Apache-2.0.txt", "wqy-microhei-COPYRIGHT.txt"} <= shipped
    _assert_rare_characters_shipped(fonts / "fallback")
    assert (internal / "PySide6" / "QtPrintSupport.abi3.so").is_file()
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm").is_file()   # Qt's own words
    assert not list((internal / "PySide6" / "Qt" / "plugins").glob("platformthemes/libqgtk3*"))

    modules = archive_modules(bundle)
    for needed in ("kiosk.ui.app", "kiosk.ui.counter.main_window", "kiosk.ui.selfservice.window",
                   "kiosk.printing.receipt_pdf", "reportlab.graphics.barcode.code93", "escpos.printer"):
        assert needed in modules
    leaked = {m for m in modules if m.split(".")[0] in TEST_PACKAGES}
    leaked |= {p.name for p in internal.iterdir() if p.name.split("-")[0].split(".")[0] in TEST_PACKAGES}
    assert not leaked
    assert build_info(bundle)["bytes"] < SIZE_BUDGET


def _assert_rare_characters_shipped(folder) -> None:
    """The cut-down Hanazono fonts: every character of Ext-A and Ext-B that the main font
    lacks, in fonts reportlab embeds, and far smaller than the 52 MB they come from."""
    from reportlab.pdfbase.ttfonts import TTFont

    shipped = sorted(folder.glob("*.ttf"))
    assert [p.name for p in shipped] == ["HanaMinA-kiosk.ttf", "HanaMinB-kiosk.ttf"]
    assert (folder / "hanazono-LICENSE.txt").is_file()
    has = set().union(*(TTFont(f"Rare{n}", str(p)).face.charToGlyph for n, p in enumerate(shipped)))
    main = set(TTFont("Main", str(folder.parent / "wqy-microhei.ttc"), subfontIndex=0).face.charToGlyph)
    assert {0x20BB7, 0x4DAE} <= has and {0x3400, 0x4DB5, 0x20000, 0x2A6D6} <= has | main
    assert sum(1 for c in range(0x3400, 0x4DC0) if c in has or c in main) >= 6580      # Ext-A
    assert sum(1 for c in range(0x20000, 0x2A6E0) if c in has) >= 42700              # Ext-B
    assert sum(p.stat().st_size for p in shipped) < 30 * 1024 * 1024


def test_demo_village_and_check_from_the_bundle(bundle, bundle_env, bundle_demo):
    done = run_bundle(bundle, bundle_env, "--db", str(bundle_demo), "check")
    assert done.returncode == 0, done.stderr
    assert "账目核对通过" in done.stdout


def test_a_refusal_is_said_in_chinese_with_exit_1(bundle, bundle_env, tmp_path):
    not_a_village = tmp_path / "notes.sqlite"
    not_a_village.write_text("这不是数据库")
    done = run_bundle(bundle, bundle_env, "--db", str(not_a_village), "check")
    assert done.returncode == 1
    assert "数据库" in done.stderr and "Traceback" not in done.stderr


def test_the_bundle_speaks_english_from_its_own_catalogue(bundle, bundle_env, tmp_path):
    not_a_village = tmp_path / "notes.sqlite"
    not_a_village.write_text("这不是数据库")
    done = run_bundle(bundle, {**bundle_env, "KIOSK_LANG": "en"}, "--db", str(not_a_village), "check")
    assert done.returncode == 1
    assert "is not a points-shop database" in done.stderr and "数据库" not in done.stderr


def _last_receipt(db) -> str:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT receipt FROM sale ORDER BY at DESC LIMIT 1").fetchone()[0]


def _assert_chinese_receipt(pdf, receipt: str) -> None:
    reader = PdfReader(pdf)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "青石村" in text and receipt in text
    fonts = {str(f.get("/BaseFont")) for page in reader.pages
             for f in page["/Resources"]["/Font"].get_object().values()}
    assert any("WenQuanYi" in name for name in fonts), fonts


def test_receipt_pdf_in_chinese_from_the_bundle(bundle, bundle_env, demo_copy, tmp_path):
    receipt, pdf = _last_receipt(demo_copy), tmp_path / "receipt.pdf"
    done = run_bundle(bundle, bundle_env, "--db", str(demo_copy), "receipt", receipt, "--pdf", str(pdf))
    assert done.returncode == 0, done.stderr
    _assert_chinese_receipt(pdf, receipt)


def _can_hide_system_fonts() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"], capture_output=True,
                           check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_hide_system_fonts(), reason="needs unshare -m (root) to hide /usr/share/fonts")
def test_receipt_pdf_needs_no_font_on_the_pc(bundle, bundle_env, demo_copy, tmp_path):
    """With /usr/share/fonts hidden, only the font inside the bundle can draw the Chinese."""
    receipt, pdf, empty = _last_receipt(demo_copy), tmp_path / "receipt.pdf", tmp_path / "no-fonts"
    empty.mkdir()
    script = (f'mount --bind "{empty}" /usr/share/fonts && '
              f'"{bundle / "kiosk"}" --db "{demo_copy}" receipt {receipt} --pdf "{pdf}"')
    done = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script],
                          env=bundle_env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    _assert_chinese_receipt(pdf, receipt)


@pytest.mark.skipif(not _can_hide_system_fonts(), reason="needs unshare -m (root) to hide /usr/share/fonts")
def test_a_rare_name_prints_from_the_bundles_own_fallback_font(bundle, bundle_env, demo_copy, tmp_path):
    """王𠮷祥 (U+20BB7 is not in WenQuanYi) on a receipt, with /usr/share/fonts hidden."""
    db, pdf, empty = str(demo_copy), tmp_path / "receipt.pdf", tmp_path / "no-fonts"
    empty.mkdir()
    for args in (["resident", "add", "王𠮷祥", "--house", "4组2号", "--relation", "儿子", "--card", "JF009999",
                  "--operator", "刘建军", "--pin", "2580"],
                 ["redeem", "JF009999", "6934286004213", "--operator", "张晓燕", "--pin", "4826"]):
        done = run_bundle(bundle, bundle_env, "--db", db, *args)
        assert done.returncode == 0, done.stderr
    script = (f'mount --bind "{empty}" /usr/share/fonts && '
              f'"{bundle / "kiosk"}" --db "{db}" receipt {_last_receipt(demo_copy)} --pdf "{pdf}"')
    done = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script],
                          env=bundle_env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    reader = PdfReader(pdf)
    assert "王𠮷祥" in "".join(reader.pages[0].extract_text().split())
    fonts = {str(f.get("/BaseFont")) for f in reader.pages[0]["/Resources"]["/Font"].get_object().values()}
    assert any("HanaMinA" in name for name in fonts), fonts


@pytest.mark.parametrize("command", [["kiosk", "--db", "{db}", "counter"], ["kiosk-counter", "--db", "{db}"]],
                         ids=["kiosk-counter-command", "kiosk-counter-program"])
def test_counter_comes_up_offscreen(bundle, bundle_env, demo_copy, tmp_path, command):
    """The counter backs the books up when it starts, just before its window opens."""
    line = [str(bundle / command[0]), *(a.format(db=demo_copy) for a in command[1:])]
    backups = demo_copy.parent / "backups"
    with started(line, bundle_env, tmp_path) as proc:
        came_up = wait_until(lambda: any(backups.glob("auto-*-start.sqlite")), proc)
        assert came_up, said(tmp_path)
        assert keeps_running(proc), said(tmp_path)
    assert "Traceback" not in said(tmp_path)


def test_window_program_says_why_it_could_not_start(bundle, bundle_env, tmp_path):
    not_a_village = tmp_path / "notes.sqlite"
    not_a_village.write_text("这不是数据库")
    done = run_bundle(bundle, bundle_env, "--db", str(not_a_village), program="kiosk-counter")
    assert done.returncode == 1
    assert "数据库" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(not xvfb_available(), reason="needs Xvfb and xwininfo (Debian: xvfb, x11-utils)")
def test_both_windows_open_on_a_real_x_screen(bundle, bundle_env, demo_copy, tmp_path):
    """Through the bundle's own xcb plugin and X libraries, as on a shop PC's desktop."""
    with virtual_screen() as display:
        env = {**bundle_env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        logs = {name: tmp_path / name for name in ("counter", "selfservice")}
        for folder in logs.values():
            folder.mkdir()
        db = ["--db", str(demo_copy)]
        with started([str(bundle / "kiosk-counter"), *db], env, logs["counter"]) as counter, \
                started([str(bundle / "kiosk-selfservice"), *db], env, logs["selfservice"]) as selfservice:
            for title, proc, log in (("青石村积分超市 · 收银台", counter, logs["counter"]),
                                     ("青石村积分超市 · 自助查询", selfservice, logs["selfservice"])):
                assert wait_until(lambda t=title: t in window_titles(display), proc), said(log)
            assert keeps_running(counter) and keeps_running(selfservice)
