"""The township's own words (admin CLI and HTTP error details): code -> (zh, en)."""

from __future__ import annotations

from kiosk.i18n import word

WORDS: dict[str, tuple[str, str]] = {
    "village_exists": ("已经有叫“{name}”的村了。", "A village called “{name}” already exists."),
    "village_unknown": ("没有叫“{name}”的村。请先运行 kiosk-township village add。",
                        "There is no village called “{name}”. Add it with kiosk-township village add."),
    "code_unknown": ("注册码 {code} 不对。请向乡镇管理员要一个新的注册码。",
                     "Enrolment code {code} is not valid. Ask the township for a new code."),
    "code_used": ("注册码 {code} 已经用过了，每个注册码只能用一次。请向乡镇管理员要一个新的。",
                  "Enrolment code {code} was already used; each code works once. Ask the township for a new one."),
    "code_expired": ("注册码 {code} 已过期（有效期 7 天）。请向乡镇管理员要一个新的。",
                     "Enrolment code {code} has expired (codes last 7 days). Ask the township for a new one."),
    "numbers_full": ("这个村已经有 {highest} 台收银电脑，没有空的终端编号了。请联系乡镇管理员。",
                     "This village already has {highest} counters; no terminal number is free. Call the township."),
    "auth_missing": ("请求没有签名。请先在收银台电脑上注册（kiosk sync enroll）。",
                     "The request is not signed. Enrol this counter first (kiosk sync enroll)."),
    "auth_unknown": ("乡镇服务器不认识终端 {terminal}。请重新注册。",
                     "The township does not know terminal {terminal}. Enrol again."),
    "auth_bad": ("签名不对，请求被拒绝。请检查这台电脑的注册信息。",
                 "The signature is wrong; the request was refused. Check this counter's enrolment."),
    "auth_time": ("这台电脑的时间和乡镇服务器相差 {minutes} 分钟（最多 10 分钟）。请校准电脑时间后再同步。",
                  "This computer's clock is {minutes} minutes off the township's (10 at most). Set the clock, then sync again."),
    "body_too_big": ("一次发送的数据太大（最多 {limit} MB）。请分批同步。",
                     "The request is too large (at most {limit} MB). Sync in smaller batches."),
    "body_bad_json": ("收到的数据不完整或格式不对：{detail}", "The data received is incomplete or malformed: {detail}"),
    "body_bad_shape": ("数据内容不对：{detail}", "The data has the wrong shape: {detail}"),
    "not_yours": ("记录 {id} 不是这台终端的，终端只能上传自己的记录。",
                  "Record {id} is not this terminal's; a terminal uploads only its own records."),
    "wrong_village": ("记录 {id} 属于别的村，终端只能为本村写记录。",
                      "Record {id} belongs to another village; a terminal writes only for its own village."),
    "gap": ("记录编号不连续：服务器等的是第 {expected} 条。", "Records are missing: the township expects number {expected}."),
    "fork": ("第 {seq} 条记录和服务器上已有的不同：可能两台电脑从同一个备份恢复了。请联系乡镇管理员。",
             ("Record number {seq} differs from the one the township holds: two computers may have "
              "been restored from one backup. Call the township.")),
    "conflict": ("有记录和服务器上同编号的记录内容不同，没有覆盖。", "Some records differ from the township's copy with the same id; nothing was overwritten."),
    "bad_hash": ("记录内容和校验值不符（传输中损坏或被改过）。", "The record does not match its checksum (damaged or altered)."),
    "bad_entry": ("积分记录缺少账户或分值。", "The points entry lacks its account or amount."),
    "bundle_unreadable": ("U 盘文件 {path} 读不出来（不完整或损坏）：{detail}。请在村里重新导出。",
                          "The bundle {path} cannot be read (incomplete or damaged): {detail}. Export it again at the village."),
    "bundle_tampered": ("U 盘文件 {path} 的签名不对：文件被改过，或不是这台终端的。请在村里重新导出。",
                        "The bundle {path} fails its signature: it was altered or is not this terminal's. Export it again."),
    "bundle_unknown_terminal": ("U 盘文件来自不认识的终端 {terminal}。请先给这台电脑注册。",
                                "The bundle comes from an unknown terminal {terminal}. Enrol that computer first."),
    "bundle_refused": ("U 盘文件没有导入：{detail}", "The bundle was not imported: {detail}"),
    "incident_unknown": ("没有编号为 {id} 的事件。", "There is no incident {id}."),
    "incident_resolved": ("事件 {id} 已经处理过了。", "Incident {id} is already resolved."),
    "bad_rate": ("汇率必须是大于 0 的数，例如 1.5。", "The rate must be a number above 0, e.g. 1.5."),
    "bad_file": ("文件 {path} 读不出来或不是 JSON 对象：{detail}", "The file {path} cannot be read or is not a JSON object: {detail}"),
    "overdraft": ("账户 {account} 合并后余额为负（{balance}），已冻结，等待乡镇处理。",
                  "Account {account} went negative after merging ({balance}); held until the township resolves it."),
}


# Headings of the admin CLI's plain-text output (keys of its --json output).
LABELS: dict[str, tuple[str, str]] = {
    "village": ("村", "village"), "villages": ("村庄", "villages"), "currency": ("积分名称", "currency"),
    "code": ("注册码", "enrolment code"), "expires_at": ("有效期至", "expires at"),
    "terminals": ("终端", "terminals"), "published": ("已发布", "published"), "records": ("记录", "records"),
    "balances": ("余额", "balances"), "ranking": ("排行", "ranking"), "incidents": ("待处理事件", "incidents"),
    "incident": ("事件", "incident"), "resolved": ("已处理", "resolved"),
    "released_record": ("解冻记录", "release record"), "terminal_id": ("终端", "terminal"),
    "high_water": ("已收到第几条", "high water"), "results": ("结果", "results"), "reply": ("回复文件", "reply"),
    "reply_records": ("回复记录数", "reply records"), "cursor": ("游标", "cursor"), "conflicts": ("冲突", "conflicts"),
}


def say(code: str, lang: str | None = None, /, **params: object) -> str:
    return word(WORDS, code, lang).format(**params)


class TownshipRefused(Exception):
    """A refusal with a word code; `status` is the HTTP status when it crosses the wire."""

    def __init__(self, code: str, status: int = 400, /, **params: object) -> None:
        super().__init__(code)
        self.code, self.status, self.params = code, status, params

    def words(self, lang: str | None = None) -> str:
        return say(self.code, lang, **self.params)
