"""The .deb, built with dpkg-deb from the bundle, and the system libraries it must ask for."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk import __version__
from tests.packaging.bundle_cache import ROOT
from tests.packaging.conftest import needs_linux_build

pytestmark = [pytest.mark.slow, needs_linux_build,
              pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")]

APPS = ("jifen-kiosk-counter", "jifen-kiosk-selfservice")
PROGRAMS = ("kiosk", "kiosk-counter", "kiosk-selfservice")
# What PyInstaller leaves to the PC (its exclude list), and the package that brings each.
SYSTEM_LIBRARIES = {
    r"libc\.so|libm\.so|libpthread\.so|libdl\.so|librt\.so|libresolv\.so|libutil\.so|ld-linux": "libc6",
    r"libGL\.so": "libgl1",
    r"libEGL\.so": "libegl1",
    r"libxcb\.so": "libxcb1",
    r"libwayland-client\.so": "libwayland-client0",
    r"libwayland-cursor\.so": "libwayland-cursor0",
    r"libwayland-egl\.so": "libwayland-egl1",
}


@pytest.fixture(scope="module")
def deb(bundle, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("deb")
    # gzip -1 keeps the test quick; the shipped package uses xz, which every dpkg reads.
    env = {**os.environ, "DEB_COMPRESSION": "gzip", "DEB_COMPRESSION_LEVEL": "1"}
    done = subprocess.run(["bash", str(ROOT / "packaging/deb/build.sh"), str(bundle), str(out)],
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip().splitlines()[-1])


def listing(deb: Path) -> dict[str, str]:
    """Path in the package -> its `ls -l` style line."""
    out = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    return {re.search(r" \./(\S*)", line).group(1).rstrip("/"): line for line in out.splitlines()}


def field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_deb_lists_menu_entries_icons_and_programs(deb):
    files = listing(deb)
    for app in APPS:
        assert f"usr/share/applications/{app}.desktop" in files
        for size in (48, 128, 256):
            assert f"usr/share/icons/hicolor/{size}x{size}/apps/{app}.png" in files
        assert f"usr/share/icons/hicolor/scalable/apps/{app}.svg" in files
    for program in PROGRAMS:
        assert f"-> /opt/jifen-kiosk/{program}" in files[f"usr/bin/{program}"]
        assert files[f"opt/jifen-kiosk/{program}"].startswith("-rwxr-xr-x root/root")
    assert "opt/jifen-kiosk/_internal/assets/fonts/wqy-microhei.ttc" in files
    assert "opt/jifen-kiosk/_internal/assets/fonts/Apache-2.0.txt" in files
    for rare in ("HanaMinA-kiosk.ttf", "HanaMinB-kiosk.ttf", "hanazono-LICENSE.txt"):
        assert f"opt/jifen-kiosk/_internal/assets/fonts/fallback/{rare}" in files
    assert "usr/share/doc/jifen-kiosk/copyright" in files


def test_deb_control_names_version_arch_and_dependencies(deb):
    assert field(deb, "Package") == "jifen-kiosk"
    assert field(deb, "Version") == __version__
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    assert field(deb, "Architecture") == arch
    depends = field(deb, "Depends")
    assert re.search(r"libc6 \(>= 2\.\d+\)", depends)
    assert "fonts-noto-cjk | fonts-wqy-microhei" in depends
    for qt_needs in ("libegl1", "libgl1", "libfontconfig1", "libxkbcommon0", "libxkbcommon-x11-0",
                     "libxcb-cursor0"):
        assert qt_needs in depends
    assert deb.name == f"jifen-kiosk_{__version__}_{arch}.deb"


def test_unpacked_deb_runs_through_a_symlink(deb, tmp_path, bundle_env):
    """As /usr/bin/kiosk → /opt/jifen-kiosk/kiosk: the program finds its folder through the link."""
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    link = tmp_path / "bin" / "kiosk"
    link.parent.mkdir()
    link.symlink_to(tmp_path / "opt" / "jifen-kiosk" / "kiosk")
    done = subprocess.run([str(link), "--version"], env=bundle_env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"kiosk {__version__}"


def _needed(elf: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(elf)], capture_output=True, text=True, check=False).stdout
    return re.findall(r"NEEDED\s+(\S+)", out)


def _bundle_elfs(bundle: Path):
    for path in bundle.rglob("*"):
        candidate = path.is_file() and not path.is_symlink() and (".so" in path.name or path.parent == bundle)
        if candidate and path.read_bytes()[:4] == b"\x7fELF":
            yield path


def test_every_library_the_bundle_needs_is_inside_or_asked_of_the_system(bundle):
    inside = {p.name for p in bundle.rglob("*")}
    from_system = {name for elf in _bundle_elfs(bundle) for name in _needed(elf) if name not in inside}
    control = (ROOT / "packaging/deb/control").read_text()
    relations = "".join(re.search(rf"^{name}:(.*)$", control, re.MULTILINE).group(1)
                        for name in ("Depends", "Recommends"))
    asked = set(re.findall(r"[a-z0-9][a-z0-9.+-]+", relations))
    unexplained = set()
    for name in from_system:
        package = next((pkg for pattern, pkg in SYSTEM_LIBRARIES.items() if re.match(pattern, name)), None)
        if package is None or package not in asked:
            unexplained.add(f"{name} ({package or 'no package known'})")
    assert not unexplained
    assert {"libGL.so.1", "libxcb.so.1"} <= from_system  # the check sees what PyInstaller leaves out
