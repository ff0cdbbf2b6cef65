"""The packaging files themselves, without building anything: launcher, menu entries,
icons, the Inno Setup script against the PyInstaller spec, the build requirements."""

from __future__ import annotations

import configparser
import importlib.util
import io
import re
import shutil
import subprocess

import pytest
from PIL import Image

from tests.packaging.bundle_cache import ROOT

PACKAGING = ROOT / "packaging"
ICONS = ROOT / "assets" / "icons"
APPS = {"jifen-kiosk-counter": ("积分超市收银台", "kiosk-counter"),
        "jifen-kiosk-selfservice": ("积分查询", "kiosk-selfservice")}


def load(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


launcher = load(PACKAGING / "launcher.py")


def spec_programs() -> tuple[str, set[str]]:
    """The folder name and the program names the PyInstaller spec builds."""
    text = (PACKAGING / "kiosk.spec").read_text()
    folder = re.search(r'^NAME = "([\w-]+)"', text, re.MULTILINE).group(1)
    return folder, set(re.findall(r'program\("([\w-]+)"', text))


@pytest.mark.parametrize("program, args, expected", [
    ("/opt/jifen-kiosk/kiosk", ["--db", "x.sqlite", "check"], ["--db", "x.sqlite", "check"]),
    ("/opt/jifen-kiosk/kiosk-counter", [], ["counter"]),
    ("/opt/jifen-kiosk/kiosk-counter", ["--fullscreen", "--db", "v.sqlite"],
     ["--db", "v.sqlite", "counter", "--fullscreen"]),
    (r"C:\Program Files\JifenKiosk\kiosk-selfservice.exe", ["--screen", "1", "--db=v.sqlite"],
     ["--db=v.sqlite", "selfservice", "--screen", "1"]),
    ("/usr/bin/KIOSK-COUNTER", ["--json"], ["--json", "counter"]),
])
def test_each_program_name_runs_its_command(program, args, expected):
    assert launcher.command_line(program, args) == expected


def test_window_program_shows_why_it_could_not_start_when_nobody_reads_stderr(monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(launcher, "show_failure", shown.append)
    monkeypatch.setattr(launcher, "nobody_reads_stderr", lambda original: True)
    monkeypatch.setattr("sys.stderr", io.StringIO())
    not_a_village = tmp_path / "notes.sqlite"
    not_a_village.write_text("这不是数据库")
    assert launcher.run_window(["--db", str(not_a_village), "counter"]) == 1
    assert len(shown) == 1 and "不是积分超市的数据库" in shown[0]


def test_window_program_stays_quiet_when_started_from_a_terminal(monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(launcher, "show_failure", shown.append)
    monkeypatch.setattr(launcher, "nobody_reads_stderr", lambda original: False)
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert launcher.run_window(["--db", str(tmp_path / "x.sqlite"), "no-such-command"]) == 2
    assert shown == []


def desktop_entry(app: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive: Name[zh_CN]
    parser.read(PACKAGING / "desktop" / f"{app}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.parametrize("app", APPS)
def test_desktop_entries_name_the_program_in_chinese_and_english(app):
    zh_name, program = APPS[app]
    entry = desktop_entry(app)
    _, programs = spec_programs()
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Name[zh_CN]"] == zh_name and entry["Name"].isascii()
    assert entry["Comment[zh_CN]"] and entry["Comment"].isascii()
    assert entry["Exec"].split()[0] == program and program in programs
    assert entry["Icon"] == app
    assert entry["Categories"].endswith(";") and entry["Actions"].endswith(";")
    if shutil.which("desktop-file-validate"):  # Debian's desktop-file-utils, where installed
        done = subprocess.run(["desktop-file-validate", str(PACKAGING / "desktop" / f"{app}.desktop")],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout


@pytest.mark.parametrize("app", APPS)
def test_icons_exist_at_every_size_the_packages_use(app):
    assert (ICONS / f"{app}.svg").read_text().lstrip().startswith("<?xml")
    for size in (48, 128, 256):
        with Image.open(ICONS / f"{app}-{size}.png") as png:
            assert png.size == (size, size) and png.mode == "RGBA"
            assert png.getpixel((size // 2, size // 2))[3] == 255  # drawn, not empty
            assert png.getpixel((0, 0))[3] == 0  # rounded corner: transparent
    with Image.open(ICONS / f"{app}.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= ico.info["sizes"]


def test_render_script_draws_the_pngs_from_the_svgs(qapp, tmp_path):  # qapp: a QApplication, not a bare QGuiApplication, for the later widget tests
    render = load(PACKAGING / "icons" / "render.py")
    written = render.render_all(out=tmp_path)
    assert {p.name for p in written} == {p.name for p in ICONS.iterdir() if p.suffix in (".png", ".ico")}
    for fresh in tmp_path.glob("*-48.png"):  # the committed PNGs are the SVGs as they are now
        with Image.open(fresh) as new, Image.open(ICONS / fresh.name) as kept:
            diff = sum(abs(a - b) for a, b in zip(new.tobytes(), kept.convert(new.mode).tobytes()))
            assert diff / len(new.tobytes()) < 2


def iss_sections() -> dict[str, list[str]]:
    raw = (PACKAGING / "windows" / "jifen-kiosk.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads Chinese from UTF-8 only with a BOM"
    sections, current = {}, None
    for line in raw.decode("utf-8-sig").splitlines():
        line = line.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            assert current is not None, f"outside any section: {line}"
            current.append(line)
    return sections


def iss_entries(lines: list[str]) -> list[dict[str, str]]:
    """`Key: "value"; Key: value` lines, with their quotes balanced."""
    entries = []
    for line in lines:
        assert line.count('"') % 2 == 0, line
        entries.append({k: v.strip().strip('"') for k, v in
                        re.findall(r'(\w+):\s*("[^"]*"|[^;]+)', line)})
    return entries


def test_inno_setup_script_installs_what_the_spec_builds():
    folder, programs = spec_programs()
    sections = iss_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["DefaultDirName"].startswith("{autopf}") and setup["PrivilegesRequired"] == "admin"
    assert (PACKAGING / "windows" / setup["SetupIconFile"].replace("\\", "/")).is_file()
    assert next(e["Name"] for e in iss_entries(sections["Languages"])) == "chinesesimp"

    files = iss_entries(sections["Files"])
    assert len(files) == 1 and files[0]["Source"] == "{#BundleDir}\\*"
    assert "recursesubdirs" in files[0]["Flags"]
    defines = (PACKAGING / "windows" / "jifen-kiosk.iss").read_text(encoding="utf-8-sig")
    assert re.search(rf'#define BundleDir .*\\dist\\{folder}"', defines)

    started = {e["Filename"] for e in iss_entries(sections["Icons"] + sections["Run"])}
    exes = {f.removeprefix("{app}\\").removesuffix(".exe") for f in started if f.startswith("{app}\\")}
    assert exes == programs  # the counter, the self-service screen, the demo (kiosk.exe demo)
    assert "{uninstallexe}" in started
    custom = dict(line.split("=", 1) for line in sections["CustomMessages"])
    assert custom["chinesesimp.CounterName"] == "积分超市收银台"
    assert custom["chinesesimp.SelfServiceName"] == "积分查询"


def test_bundle_is_built_from_the_programs_dependencies_only():
    requirements = load(PACKAGING / "bundle_requirements.py")
    names = {d.lower() for d in requirements.distributions()}
    assert "pyside6-essentials" in names and "pyside6" not in names
    assert not names & {"pytest", "hypothesis", "pytest-qt", "import-linter", "zxing-cpp", "pypdf"}
    assert requirements.requirements()[-1].startswith("pyinstaller")
    # fontTools cuts the fallback fonts down at build time; the program never imports it
    assert any(r.startswith("fonttools") for r in requirements.requirements()) and "fonttools" not in names
