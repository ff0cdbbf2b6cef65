"""The one exception printing raises: the sale is already committed, so the
counter only has to say what to check and offer to print again."""

from __future__ import annotations


class PrintingError(Exception):
    """Printing failed. `str()` is the Chinese message for the counter screen."""

    def __init__(self, zh: str, en: str = "", detail: str = "") -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en or zh
        self.detail = detail      # the underlying error, for the log

    def message(self, lang: str | None = None) -> str:
        return self.en if lang == "en" else self.zh


def not_connected(detail: str = "", cable: str = "数据线") -> PrintingError:
    return PrintingError(
        f"打印机没有连接或没有开机，请检查电源和{cable}，然后点“重新打印”。",
        "The printer is not connected or not switched on. Check its power and "
        "cable, then press “Print again”.",
        detail,
    )


def missing_driver(what: str, package: str) -> PrintingError:
    return PrintingError(
        f"这台电脑缺少{what}打印组件（{package}），请联系管理员；可以先保存 PDF。",
        f"This computer lacks the {what} printing component ({package}); "
        "ask the administrator, or save a PDF for now.",
    )


def no_font(looked_in: str) -> PrintingError:
    return PrintingError(
        "找不到可用的中文字体：请安装文泉驿微米黑（fonts-wqy-microhei），"
        "或把 simhei.ttf 放进 assets/fonts/。",
        "No Chinese TrueType font found: install WenQuanYi Micro Hei "
        "(fonts-wqy-microhei) or put simhei.ttf into assets/fonts/.",
        f"looked in: {looked_in}",
    )


def bad_settings(detail: str) -> PrintingError:
    return PrintingError(
        "打印机设置不完整，请管理员在“设置 → 打印机”里选好打印机，然后点“重新打印”。",
        "The printer settings are incomplete: ask a manager to choose the printer "
        "under Settings → Printer, then press “Print again”.",
        detail,
    )


def failed(detail: str) -> PrintingError:
    return PrintingError(
        "小票没有打印出来（兑换已经完成），请点“重新打印”或保存 PDF。",
        "The receipt did not print (the exchange is done); press “Print again” or save a PDF.",
        detail,
    )
