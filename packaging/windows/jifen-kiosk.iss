; Inno Setup script: the Windows installer of the 积分超市 counter program.
;
;   ISCC.exe packaging\windows\jifen-kiosk.iss               (packaging\build_windows.ps1 does it all)
;   ISCC.exe /DAppVersion=0.1.0 /DBundleDir=C:\path\to\jifen-kiosk packaging\windows\jifen-kiosk.iss
;
; Installs the PyInstaller folder (packaging\kiosk.spec, built on Windows) into
; Program Files\JifenKiosk, with Start-menu entries for the counter and the residents'
; self-service screen, a demo village, and an uninstaller. The villages' data is not in
; Program Files: the program keeps it in the user's data folder, %LOCALAPPDATA%\kiosk
; (kiosk\paths.py), and uninstalling leaves it there.
;
; Needs Inno Setup 6.3 or later (x64compatible). Simplified Chinese comes with Inno Setup 6.5 and later
; (Languages\ChineseSimplified.isl); with an older one, put ChineseSimplified.isl from
; the Inno Setup translations page beside this script.
; This file is UTF-8 with a byte-order mark, as Inno Setup wants for Chinese text.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir AddBackslash(SourcePath) + "..\..\build\packaging\dist\jifen-kiosk"
#endif

[Setup]
AppId={{6F1C2B9E-3A57-4D8B-9C42-7E5A1D0B8F63}
AppName=积分超市收银台
AppVersion={#AppVersion}
AppVerName=积分超市收银台 {#AppVersion}
AppPublisher=积分超市 kiosk
DefaultDirName={autopf}\JifenKiosk
DefaultGroupName=积分超市
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build\packaging
OutputBaseFilename=jifen-kiosk-setup-{#AppVersion}
SetupIconFile=..\..\assets\icons\jifen-kiosk-counter.ico
UninstallDisplayIcon={app}\kiosk-counter.exe
UninstallDisplayName=积分超市收银台
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage

[Languages]
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chinesesimp"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "chinesesimp"; MessagesFile: "ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimp.CounterName=积分超市收银台
english.CounterName=Points Shop Counter
chinesesimp.SelfServiceName=积分查询
english.SelfServiceName=Points Self-Service
chinesesimp.DemoName=积分超市演示村（青石村）
english.DemoName=Points Shop demo village
chinesesimp.UninstallName=卸载积分超市收银台
english.UninstallName=Uninstall the Points Shop Counter
chinesesimp.DesktopIcons=在桌面上放收银台和积分查询的图标
english.DesktopIcons=Put the counter and self-service icons on the desktop

[Tasks]
Name: "desktopicons"; Description: "{cm:DesktopIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{cm:CounterName}"; Filename: "{app}\kiosk-counter.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:SelfServiceName}"; Filename: "{app}\kiosk-selfservice.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:DemoName}"; Filename: "{app}\kiosk.exe"; Parameters: "demo"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:CounterName}"; Filename: "{app}\kiosk-counter.exe"; WorkingDir: "{app}"; Tasks: desktopicons
Name: "{autodesktop}\{cm:SelfServiceName}"; Filename: "{app}\kiosk-selfservice.exe"; WorkingDir: "{app}"; Tasks: desktopicons

[Run]
Filename: "{app}\kiosk-counter.exe"; Description: "{cm:LaunchProgram,{cm:CounterName}}"; Flags: nowait postinstall skipifsilent

[Messages]
chinesesimp.FinishedLabel=积分超市收银台已装好，开始菜单里有“积分超市”。%n%n村里的数据保存在每个用户自己的 AppData\Local\kiosk 文件夹里，卸载程序不会删除它。
english.FinishedLabel=The Points Shop Counter is installed: see 积分超市 in the Start menu.%n%nThe village's data stays in each user's AppData\Local\kiosk folder; uninstalling does not remove it.
