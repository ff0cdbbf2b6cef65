"""The one exception printing raises: the sale is already committed, so the
counter only has to say what to check and offer to print again."""

from __future__ import annotations

from kiosk.i18n import N_, _


class PrintingError(Exception):
    """Printing failed. `str()` is the Chinese message; `message()` the reader's language."""

    def __init__(self, words: str, detail: str = "", **values: str) -> None:
        super().__init__(words.format(**values))
        self.words, self.values = words, values
        self.detail = detail      # the underlying error, for the log

    def message(self, lang: str | None = None) -> str:
        # the values are words too (数据线, 串口): each is looked up in the catalogue
        return _(self.words, lang).format(**{k: _(v, lang) for k, v in self.values.items()})


def not_connected(detail: str = "", cable: str = N_("数据线")) -> PrintingError:
    return PrintingError(N_("打印机没有连接或没有开机，请检查电源和{cable}，然后点“重新打印”。"), detail,
                         cable=cable)


def missing_driver(what: str, package: str) -> PrintingError:
    return PrintingError(N_("这台电脑缺少{what}打印组件（{package}），请联系管理员；可以先保存 PDF。"),
                         what=what, package=package)


def no_font(looked_in: str) -> PrintingError:
    return PrintingError(N_("找不到可用的中文字体：请安装文泉驿微米黑（fonts-wqy-microhei），"
                            "或把 simhei.ttf 放进 assets/fonts/。"), f"looked in: {looked_in}")


def bad_settings(detail: str) -> PrintingError:
    return PrintingError(N_("打印机设置不完整，请管理员在“设置 → 打印机”里选好打印机，然后点“重新打印”。"), detail)


def failed(detail: str) -> PrintingError:
    return PrintingError(N_("小票没有打印出来（兑换已经完成），请点“重新打印”或保存 PDF。"), detail)
