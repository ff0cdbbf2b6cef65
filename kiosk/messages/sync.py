"""Words for sync with the township (the terminal's side)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "sync_not_enrolled": (
        "这台电脑还没有接入乡镇服务器。请先运行 kiosk sync enroll 地址 接入码。",
        "This computer is not connected to the township yet. Run kiosk sync enroll URL CODE first."),
    "sync_offline": (
        "连不上乡镇服务器（{detail}）。数据都还在本机，网络恢复后会自动补传。",
        "Cannot reach the township server ({detail}). Everything is kept here and will be sent when the network is back."),
    "sync_server_refused": (
        "乡镇服务器拒绝了这次同步：{detail}。数据都还在本机，请联系乡镇管理员。",
        "The township server refused this sync: {detail}. Everything is kept here; call the township."),
    "sync_bad_answer": (
        "乡镇服务器的回答不完整或看不懂（{detail}），这次什么也没改。稍后会再试。",
        "The township's answer was incomplete or unreadable ({detail}); nothing was changed. It will try again later."),
    "sync_local_error": (
        "这次同步没做完：本机数据库忙或出错（{detail}）。什么也没丢，稍后会再试。",
        "This sync did not finish: the local database was busy or failed ({detail}). Nothing is lost; it will try again."),
    "sync_enrol_refused": (
        "接入没有成功：{detail}。请检查接入码，或向乡镇管理员要一个新的。",
        "Enrolment failed: {detail}. Check the code, or ask the township for a new one."),
    "sync_bad_url": (
        "服务器地址 {url} 不对，应该像 https://xiangzhen.example.cn 这样。",
        "The server address {url} is not valid; it should look like https://township.example.cn."),
    "sync_bundle_unreadable": (
        "U 盘文件 {path} 读不出来（不完整或损坏）：{detail}。请让乡镇重新导出回执，什么也没改。",
        ("The file {path} cannot be read (incomplete or damaged): {detail}. Ask the township to export the "
         "reply again; nothing was changed.")),
    "sync_bundle_tampered": (
        "U 盘文件 {path} 的签名不对：文件被改过，或不是给这台电脑的。什么也没改。",
        "The file {path} fails its signature: it was altered or is not for this computer. Nothing was changed."),
    "sync_bundle_other_terminal": (
        "U 盘文件 {path} 是给另一台电脑（{terminal}）的回执，不是这台的。什么也没改。",
        "The file {path} is a reply for another computer ({terminal}), not this one. Nothing was changed."),
    "sync_bundle_not_reply": (
        "U 盘文件 {path} 不是乡镇发回的回执（是 {kind}）。请导入乡镇给的回执文件。",
        "The file {path} is not a reply from the township (it is {kind}). Import the township's reply file."),
    "sync_bundle_missing": (
        "找不到文件 {path}。请检查 U 盘是否插好、文件名是否写对。",
        "There is no file {path}. Check that the USB stick is in and the name is right."),
    "sync_export_failed": (
        "没能写出 U 盘文件 {path}：{detail}。请检查 U 盘是否插好、有没有空间。",
        "Could not write {path}: {detail}. Check that the USB stick is in and has room."),
}
