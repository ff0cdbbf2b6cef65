# Build the Windows bundle and installer (run in PowerShell on Windows 10/11, x64):
#
#   $env:KIOSK_CJK_FONT = "C:\path\to\wqy-microhei.ttc"     # the font the PDF receipts embed
#   $env:KIOSK_FALLBACK_FONT_A = "C:\path\to\HanaMinA.ttf"  # rare characters (𠮷, 䶮), cut down
#   $env:KIOSK_FALLBACK_FONT_B = "C:\path\to\HanaMinB.ttf"  #   by packaging\fallback_fonts.py
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
#
# Makes build\packaging\dist\jifen-kiosk\ (PyInstaller, from a clean venv holding only the
# program's dependencies) and, when Inno Setup 6 is installed, build\packaging\
# jifen-kiosk-setup-VERSION.exe. Needs Python 3.11+ from python.org (the "py" launcher).
# wqy-microhei.ttc is in Debian's fonts-wqy-microhei package (/usr/share/fonts/truetype/wqy/),
# HanaMinA.ttf and HanaMinB.ttf in fonts-hanazono (/usr/share/fonts/truetype/hanazono/).
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
$build = Join-Path $root "build\packaging"
$venv = Join-Path $build "venv"
$python = Join-Path $venv "Scripts\python.exe"

function Invoke-Checked([string]$exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe failed with exit code $LASTEXITCODE" }
}

if (-not $env:KIOSK_CJK_FONT -or -not (Test-Path $env:KIOSK_CJK_FONT)) {
    throw "Set KIOSK_CJK_FONT to wqy-microhei.ttc (WenQuanYi Micro Hei, Apache-2.0)."
}
foreach ($font in @("KIOSK_FALLBACK_FONT_A", "KIOSK_FALLBACK_FONT_B")) {
    $place = [Environment]::GetEnvironmentVariable($font)
    if (-not $place -or -not (Test-Path $place)) {
        throw "Set $font to HanaMin$($font[-1]).ttf (Hanazono Mincho, for rare characters such as 𠮷)."
    }
}
if (-not (Test-Path $python)) { Invoke-Checked "py" @("-3", "-m", "venv", $venv) }
$requirements = & $python (Join-Path $PSScriptRoot "bundle_requirements.py")
Invoke-Checked $python (@("-m", "pip", "install", "-q") + $requirements)
Invoke-Checked (Join-Path $venv "Scripts\pyinstaller.exe") @("--noconfirm", "--clean",
    "--distpath", (Join-Path $build "dist"), "--workpath", (Join-Path $build "work"),
    (Join-Path $PSScriptRoot "kiosk.spec"))

$version = (Select-String -Path (Join-Path $root "kiosk\__init__.py") -Pattern '__version__ = "(.*)"').Matches[0].Groups[1].Value
$iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
          "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
if ($iscc) {
    Invoke-Checked $iscc @("/DAppVersion=$version", (Join-Path $PSScriptRoot "windows\jifen-kiosk.iss"))
} else {
    Write-Warning "Inno Setup 6 not found: the folder is built, the installer is not."
}
