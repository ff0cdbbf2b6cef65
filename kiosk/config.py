"""Settings, each typed with its default in one place. Stored per village in the database.

Most live in the `setting` table (key → text); a few are columns of the village row
(`column`): the village's name, its currency name and whether claims are reviewed.
`check()` turns what a manager typed into the text that is stored, or refuses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from kiosk.core.errors import Refused
from kiosk.core.names import normalise_text
from kiosk.i18n import N_

YES = ("1", "true", "yes", "on", "是")
NO = ("0", "false", "no", "off", "否")
_MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ENROL_CODE = re.compile(r"^[A-Za-z0-9-]{4,64}$")
_USB_ID = re.compile(r"^(0x[0-9a-fA-F]{1,4}|\d{1,5})$")


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    kind: type
    zh: str
    choices: tuple[tuple[str, str], ...] = ()   # (value, words)
    low: int | None = None
    high: int | None = None
    most: int = 200                                  # longest text accepted
    shape: str = ""                                  # url | month_day | enrol_code | usb_id | name
    column: str = ""                                 # a column of the village row
    example: str = ""                                # what to type, shown when it is left empty

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _words in self.choices)

    def parse(self, text: str | None) -> Any:
        """The stored text as its type; the default for what is missing or unreadable."""
        if text is None or text == "":
            return self.default
        try:
            if self.kind is bool:
                return text.strip().lower() in YES
            return self.kind(text)
        except ValueError:
            return self.default

    def check(self, value: object) -> str:
        """The text to store for a typed or chosen value; Refused when it cannot be one."""
        text = normalise_text("" if value is None else value)
        label = _label(self)
        if self.kind is bool:
            return _yes_no(text, value, label)
        if self.kind is int:
            return str(_whole(self, text, label))
        if self.choices and text not in self.values:
            raise Refused("setting_not_choice", label=label, value=text,
                          choices="、".join(_choice_word(c) for c in self.choices))
        if len(text) > self.most:
            raise Refused("setting_too_long", label=label, length=len(text), most=self.most)
        if self.shape == "name" and not text:
            raise _empty(self, label)
        return _SHAPES[self.shape](text, label) if self.shape else text


def _label(setting: Setting) -> str:
    from kiosk.i18n import _

    return _(setting.zh)


def _choice_word(choice: tuple[str, str]) -> str:
    from kiosk.i18n import _

    return _(choice[1])


def _yes_no(text: str, value: object, label: str) -> str:
    if value is True or text.lower() in YES:
        return "1"
    if value is False or text.lower() in NO:
        return "0"
    raise Refused("setting_not_yes_no", label=label, value=text)


def _whole(setting: Setting, text: str, label: str) -> int:
    if not re.fullmatch(r"-?\d{1,9}", text):
        raise Refused("setting_not_whole", label=label, value=text)
    number = int(text)
    if setting.choices and text not in setting.values:
        raise Refused("setting_not_choice", label=label, value=text,
                      choices="、".join(setting.values))
    low = setting.low if setting.low is not None else number
    high = setting.high if setting.high is not None else number
    if not low <= number <= high:
        raise Refused("setting_out_of_range", label=label, value=text, low=low, high=high)
    return number


def _url(text: str, label: str) -> str:
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in text:
        raise Refused("setting_bad_url", label=label, value=text)
    try:
        parts.port  # noqa: B018 — raises on a port that is not a number
    except ValueError:
        raise Refused("setting_bad_url", label=label, value=text) from None
    return text.rstrip("/")


def _month_day(text: str, label: str) -> str:
    found = _MONTH_DAY.match(text)
    if not found or int(found[2]) > _DAYS_IN_MONTH[int(found[1]) - 1]:
        raise Refused("setting_bad_month_day", label=label, value=text)
    return text


def _enrol_code(text: str, label: str) -> str:
    if text and not _ENROL_CODE.match(text):
        raise Refused("setting_bad_enrol_code", label=label, value=text)
    return text


def _usb_id(text: str, label: str) -> str:
    if text and not _USB_ID.match(text):
        raise Refused("setting_bad_usb_id", label=label, value=text)
    return text


def _empty(setting: Setting, label: str) -> Refused:
    """Says what to type: the setting's example, or its label's own (如 …)."""
    from kiosk.i18n import _

    if setting.example:
        return Refused("setting_empty_example", label=label, example=_(setting.example))
    return Refused("setting_empty", label=label)


_SHAPES = {"url": _url, "month_day": _month_day, "enrol_code": _enrol_code, "usb_id": _usb_id,
           "name": lambda text, _label: text}   # a name is any text but none (Setting.check)

# The village row.
VILLAGE_NAME = Setting("village.name", "", str, N_("村名", "config"), most=60, shape="name", column="name",
                       example=N_("青石村"))
CURRENCY = Setting("village.currency", "美德积分", str, N_("积分名称（如 美德积分、爱心积分）"), most=20, shape="name", column="currency")
CLAIM_REVIEW = Setting("village.claim_review", True, bool, N_("志愿者记的分要管理员审核后才入账"), column="claim_review")

# The shop, its receipts and the counter.
SHOP_NAME = Setting("shop_name", "", str, N_("店名（空着就用“村名积分超市”）"),
                    most=30)
RECEIPT_FOOTER = Setting("receipt_footer", "", str, N_("小票底部的话"), most=60)
IDLE_LOCK_MINUTES = Setting("counter.idle_minutes", 10, int, N_("无人操作几分钟后锁屏"),
                            low=1, high=240)
UI_LANGUAGE = Setting("ui.language", "zh", str, N_("界面语言"),
                      choices=(("zh", N_("简体中文")), ("en", "English")))

PRINTER_KINDS = ("none", "usb", "serial", "network", "file", "system")
PRINTER_KIND = Setting("printer.kind", "none", str, N_("小票打印机连接方式"), choices=(
    ("none", N_("不接小票打印机（只存 PDF）")),
    ("usb", N_("USB 小票打印机")),
    ("serial", N_("串口小票打印机")),
    ("network", N_("网络小票打印机（9100 端口）")),
    ("file", N_("设备文件（如 /dev/usb/lp0）")),
    ("system", N_("普通打印机（系统打印）"))))
PRINTER_PAPER = Setting("printer.paper", 58, int, N_("小票纸宽（毫米）"),
                        choices=(("58", N_("58 毫米")), ("80", N_("80 毫米"))))
PRINTER_MODE = Setting("printer.mode", "text", str, N_("打印方式：文字或图片"), choices=(
    ("text", N_("文字（打印机有中文字库）")),
    ("raster", N_("图片（打印机没有中文字库）"))))
PRINTER_RARE_CHARS = Setting("printer.rare_chars", False, bool,
                             N_("打印机字库有生僻字（GB18030 全字库，能打 𠮷、䶮）"))
PRINTER_HOST = Setting("printer.host", "", str, N_("网络打印机地址"), most=100)
PRINTER_PORT = Setting("printer.port", 9100, int, N_("网络打印机端口"), low=1, high=65535)
PRINTER_DEVICE = Setting("printer.device", "", str, N_("串口或设备文件"), most=200)
PRINTER_BAUDRATE = Setting("printer.baudrate", 9600, int, N_("串口波特率"), choices=tuple(
    (rate, rate) for rate in ("9600", "19200", "38400", "57600", "115200")))
PRINTER_USB_VENDOR = Setting("printer.usb_vendor", "", str, N_("USB 厂商号（如 0x0416）"),
                             shape="usb_id")
PRINTER_USB_PRODUCT = Setting("printer.usb_product", "", str, N_("USB 产品号（如 0x5011）"),
                              shape="usb_id")

# The residents' self-service touchscreen (自助查询) and the public notice board.
SELF_PIN_REQUIRED = Setting("selfservice.pin_required", False, bool, N_("自助查询看详情要输入村民自己的密码"))
SELF_NAME_STYLES = ("full", "masked", "house")
SELF_NAMES = Setting("selfservice.names", "masked", str, N_("排行榜上别人的名字"),
                     choices=(("full", N_("全名")), ("masked", N_("只露姓（王**）")),
                              ("house", N_("只显示门牌号"))))
SELF_IDLE_SECONDS = Setting("selfservice.idle_seconds", 30, int, N_("无人触摸几秒后回到首页"), low=10, high=600)
NOTICE_DAYS = Setting("notice.days", 7, int, N_("公示天数"), low=1, high=60)

# Points that expire (the expiry job itself reads these).
EXPIRY_POLICY = Setting("expiry.policy", "none", str, N_("积分有效期"), choices=(
    ("none", N_("积分长期有效", "config")),
    ("yearly", N_("每年在固定日期清零")),
    ("months", N_("获得后满几个月作废"))))
EXPIRY_RESET_DATE = Setting("expiry.reset_date", "01-10", str, N_("每年清零的日期（月-日，如 01-10）"), shape="month_day")
EXPIRY_MONTHS = Setting("expiry.months", 12, int, N_("获得后几个月作废"), low=1, high=120)

BACKUP_KEEP = Setting("backup.keep", 10, int, N_("自动备份保留几份"), low=1, high=100)

# The township server: kept now, used when sync is switched on.
SYNC_URL = Setting("sync.url", "", str, N_("乡镇服务器地址"), shape="url")
SYNC_ENROL_CODE = Setting("sync.enrol_code", "", str, N_("接入码"), shape="enrol_code")

ALL = (VILLAGE_NAME, CURRENCY, CLAIM_REVIEW, SHOP_NAME, RECEIPT_FOOTER, IDLE_LOCK_MINUTES, UI_LANGUAGE,
       PRINTER_KIND, PRINTER_PAPER, PRINTER_MODE, PRINTER_RARE_CHARS, PRINTER_HOST, PRINTER_PORT,
       PRINTER_DEVICE, PRINTER_BAUDRATE, PRINTER_USB_VENDOR, PRINTER_USB_PRODUCT,
       SELF_PIN_REQUIRED, SELF_NAMES, SELF_IDLE_SECONDS, NOTICE_DAYS,
       EXPIRY_POLICY, EXPIRY_RESET_DATE, EXPIRY_MONTHS, BACKUP_KEEP, SYNC_URL, SYNC_ENROL_CODE)
BY_KEY = {s.key: s for s in ALL}
PRINTER_SETTINGS = tuple(s for s in ALL if s.key.startswith("printer."))

# Points coming in: approved claims credit at once, or when their public notice (公示) ends.
CREDIT_AFTER_NOTICE = Setting("claims.credit_after_notice", False, bool, N_("审核通过的积分等公示期满后才入账"))
# Published by the township, never on the village's settings screen: the most one village rule may give.
TOWNSHIP_RULE_MOST = Setting("township.rule_most", 100, int, N_("乡镇规定：村里自定的一条标准最多给几分"), low=1, high=1000)
ALL += (CREDIT_AFTER_NOTICE,)
BY_KEY[CREDIT_AFTER_NOTICE.key] = CREDIT_AFTER_NOTICE
# A resident who moves away or dies: what becomes of their points (where the points are the
# household's, only when the last member leaves).
LEAVE_POINTS = Setting("people.leave_points", "household", str, N_("村民迁出或去世后，他的积分"),
                       choices=(("household", N_("留给本户")),
                                ("keep", N_("留在他本人名下")),
                                ("forfeit", N_("作废（记一笔作废流水）"))))
ALL += (LEAVE_POINTS,)
BY_KEY[LEAVE_POINTS.key] = LEAVE_POINTS
# Food dates: goods within this many days of their best-before date are listed as near expiry.
EXPIRY_DAYS_AHEAD = Setting("stock.expiry_days", 7, int, N_("临期提醒：离保质期还有几天就列出来"), low=0, high=365)
ALL += (EXPIRY_DAYS_AHEAD,)
BY_KEY[EXPIRY_DAYS_AHEAD.key] = EXPIRY_DAYS_AHEAD
# Bounds on points (issue 16). Published by the township like township.rule_most: the most
# one award may give or take, whatever the rule and quantity.
TOWNSHIP_AWARD_MOST = Setting("township.award_most", 300, int, N_("乡镇规定：一次记分最多给几分"), low=1, high=100000)
# How far back an activity date may go: this month and the N months before it.
BACKDATE_MONTHS = Setting("points.backdate_months", 1, int, N_("活动日期最早可以补记到几个月前（0：只能记本月）"),
                          low=0, high=12)
# Adjustments on one account in one month, added up (either sign): past this a second manager confirms.
ADJUST_MONTH_MOST = Setting("points.adjust_month_most", 100, int, N_("一户一个月调整积分累计超过几分要另一位管理员确认"),
                            low=1, high=100000)
ALL += (BACKDATE_MONTHS, ADJUST_MONTH_MOST)
BY_KEY.update({s.key: s for s in (BACKDATE_MONTHS, ADJUST_MONTH_MOST)})
