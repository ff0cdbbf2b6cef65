"""Settings, each typed with its default in one place. Stored per village in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    kind: type
    zh: str
    en: str

    def parse(self, text: str | None) -> Any:
        if text is None or text == "":
            return self.default
        try:
            if self.kind is bool:
                return text.strip().lower() in ("1", "true", "yes", "on", "是")
            return self.kind(text)
        except ValueError:
            return self.default


SHOP_NAME = Setting("shop_name", "", str, "店名（空着就用“村名积分超市”）", "Shop name (empty: village + 积分超市)")
RECEIPT_FOOTER = Setting("receipt_footer", "", str, "小票底部的话", "Receipt footer")
IDLE_LOCK_MINUTES = Setting("counter.idle_minutes", 10, int, "无人操作几分钟后锁屏", "Lock after idle minutes")
PRINTER_KIND = Setting("printer.kind", "none", str, "小票打印机连接方式", "Receipt printer connection")
PRINTER_PAPER = Setting("printer.paper", 58, int, "小票纸宽（毫米）", "Receipt paper width (mm)")
PRINTER_MODE = Setting("printer.mode", "text", str, "打印方式：文字或图片", "Print as text or as an image")
PRINTER_HOST = Setting("printer.host", "", str, "网络打印机地址", "Network printer address")
PRINTER_PORT = Setting("printer.port", 9100, int, "网络打印机端口", "Network printer port")
PRINTER_DEVICE = Setting("printer.device", "", str, "串口或设备文件", "Serial port or device file")
PRINTER_BAUDRATE = Setting("printer.baudrate", 9600, int, "串口波特率", "Serial baud rate")
PRINTER_USB_VENDOR = Setting("printer.usb_vendor", "", str, "USB 厂商号（如 0x0416）", "USB vendor id (e.g. 0x0416)")
PRINTER_USB_PRODUCT = Setting("printer.usb_product", "", str, "USB 产品号（如 0x5011）", "USB product id")

ALL = (SHOP_NAME, RECEIPT_FOOTER, IDLE_LOCK_MINUTES, PRINTER_KIND, PRINTER_PAPER, PRINTER_MODE,
       PRINTER_HOST, PRINTER_PORT, PRINTER_DEVICE, PRINTER_BAUDRATE, PRINTER_USB_VENDOR,
       PRINTER_USB_PRODUCT)
BY_KEY = {s.key: s for s in ALL}
PRINTER_KINDS = ("none", "usb", "serial", "network", "file", "system")

# The residents' self-service touchscreen (自助查询) and the public notice board.
SELF_PIN_REQUIRED = Setting("selfservice.pin_required", False, bool, "自助查询看详情要输入村民自己的密码",
                            "Self-service details need the resident's own PIN")
SELF_NAMES = Setting("selfservice.names", "masked", str, "排行榜上别人的名字：full 全名 / masked 王** / house 只显示门牌号",
                     "Names of others on rankings: full / masked / house")
SELF_IDLE_SECONDS = Setting("selfservice.idle_seconds", 30, int, "无人触摸几秒后回到首页",
                            "Back to the home screen after idle seconds")
NOTICE_DAYS = Setting("notice.days", 7, int, "公示天数", "Days an award stays on public notice")
SELF_NAME_STYLES = ("full", "masked", "house")

ALL += (SELF_PIN_REQUIRED, SELF_NAMES, SELF_IDLE_SECONDS, NOTICE_DAYS)
BY_KEY.update({s.key: s for s in (SELF_PIN_REQUIRED, SELF_NAMES, SELF_IDLE_SECONDS, NOTICE_DAYS)})

BACKUP_KEEP = Setting("backup.keep", 10, int, "自动备份保留几份", "Automatic backups to keep")
ALL += (BACKUP_KEEP,)
BY_KEY[BACKUP_KEEP.key] = BACKUP_KEEP
