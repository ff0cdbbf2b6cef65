#!/usr/bin/env bash
# Build the Linux one-folder bundle with PyInstaller, in a clean virtual environment that
# holds only what the program needs (packaging/bundle_requirements.py): no test packages.
#
#   packaging/build_linux.sh [BUILD_DIR]        -> BUILD_DIR/dist/jifen-kiosk/
#
# BUILD_DIR defaults to build/packaging in the repository (git ignores build/).
# KIOSK_BUILD_VENV puts the build environment elsewhere (the bundle test shares one);
# PYTHON chooses the interpreter (it needs its shared libpython, as pyenv's and python.org's
# builds have; on Debian's own python3 install libpython3-dev). Needs binutils (objdump),
# fonts-wqy-microhei (the font the PDFs embed) and fonts-hanazono (cut down to the rare
# characters the first lacks, such as 𠮷 and 䶮; about 25 MB of the bundle).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(mkdir -p "${1:-$root/build/packaging}" && cd "${1:-$root/build/packaging}" && pwd)
venv=${KIOSK_BUILD_VENV:-$build/venv}
python=${PYTHON:-python3}

[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
mapfile -t requirements < <("$venv/bin/python" "$root/packaging/bundle_requirements.py")
"$venv/bin/python" -m pip install -q "${requirements[@]}"

started=$(date +%s)
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$build/dist" --workpath "$build/work" "$root/packaging/kiosk.spec"
bundle="$build/dist/jifen-kiosk"
echo "bundle: $bundle ($(du -sh "$bundle" | cut -f1), built in $(( $(date +%s) - started )) s)"
