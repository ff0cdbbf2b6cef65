"""Words in the user's language: Simplified Chinese by default, English available.

The program is written in Chinese; English comes from a gettext catalogue
(assets/translations/en/LC_MESSAGES/kiosk.po, compiled to kiosk.mo). Write a
word for the screen as `_("中文")`, with named placeholders filled by .format()
after the lookup; mark words kept in tables with `N_("中文")` and look them up
with `_()` where they are shown. Refusals carry a code and values; `message()`
turns them into words, with the code as the catalogue's context. Keep
placeholders named, never build a sentence from pieces.
Update the catalogue with `python packaging/translations.py update`.
"""

from __future__ import annotations

import gettext
import os
from functools import cache

DEFAULT_LANG = "zh"
LANGS = ("zh", "en")
DOMAIN = "kiosk"


class Marked(str):
    """A word kept in a table with the catalogue context that tells it apart."""

    context: str


def N_(text: str, context: str | None = None) -> str:
    """Marks a word for the catalogue where it is written; it is translated where it is shown."""
    if context is None:
        return text
    marked = Marked(text)
    marked.context = context
    return marked


MESSAGES: dict[str, str] = {
    # database
    "db_missing": "找不到数据库 {path}。请先运行 kiosk init 或 kiosk demo。",
    "db_locked": "数据库正被另一个程序使用（{path}）。请关闭其他积分超市窗口后再试。",
    "db_not_kiosk": "{path} 不是积分超市的数据库。请检查文件是否选对。",
    "db_newer": "这个数据库由更新版本的程序建立（版本 {found}，本程序只认到 {supported}）。请先升级程序。",
    "db_older": "这个数据库还是旧版本（{found}），请先在收银台电脑上打开一次让它升级。",
    "db_read_only": "数据库 {path} 只能读不能写。请检查磁盘或文件权限。",
    "db_error": "数据库出错，没有保存任何改动：{detail}",
    "db_exists": "{path} 已经有一个积分超市数据库，没有覆盖它。",
    "gui_missing": "窗口程序没有装好（{detail}）。请重新安装，或先用命令行。",
    "print_pdf_failed": "小票 PDF 没有存下来（{detail}）。兑换已经记账，请检查磁盘后点“重新打印”。",
    "setting_unknown": "没有这项设置：{key}",
    "not_set_up": "还没有设置村庄。请先运行 kiosk init。",
    # operators and roles
    "operator_unknown": "没有叫“{name}”的操作员。",
    "operator_exists": "已经有叫“{name}”的操作员了。",
    "operator_inactive": "操作员“{name}”已停用。请找管理员。",
    "pin_missing": "请输入密码（--pin 或 KIOSK_PIN）。",
    "pin_wrong": "密码不对。再错 {left} 次将锁定 {minutes} 分钟。",
    "pin_locked": "密码连续输错太多次，已锁定到 {until}。请稍后再试，或请管理员重置密码。",
    "pin_format": "密码要求 4 到 8 位数字。",
    "not_allowed": "{who}（{role}）不能{action}。请找管理员。",
    "role_unknown": "角色只能是 volunteer（志愿者）或 manager（管理员）。",
    # names and people
    "name_empty": "{what}不能为空。",
    "name_too_long": "{what}太长（{length} 个字，最多 {most} 个）。",
    "resident_unknown": "找不到村民“{query}”。请核对卡号、姓名或拼音首字母。",
    "resident_ambiguous": "“{query}”对应多位村民：{candidates}。请用卡号或门牌号区分。",
    "resident_inactive": "{name}的状态是“{status}”，不能操作积分。",
    "household_unknown": "找不到门牌号“{house_no}”的户。",
    "household_exists": "门牌号“{house_no}”已经登记过了。",
    "card_exists": "卡号“{card}”已经被{name}使用。",
    "id_last4_bad": "身份证后四位“{value}”不对：应为 4 位数字，最后一位可以是 X。",
    "account_on_hold": "{name}的积分账户已冻结：{reason}。请找管理员处理。",
    # points
    "points_bad": "“{value}”不是积分数（最多两位小数）。",
    "insufficient_points": "积分不够：余额 {balance} 分，本次需要 {total} 分，还差 {shortfall} 分。",
    "reason_required": "请写明原因。",
    "adjust_zero": "调整的积分不能为 0。",
    "adjust_absurd": "一次调整最多 ±{most} 分。",
    "adjust_overdraw": "扣减后余额会变成负数（余额 {balance} 分）。",
    # quantities
    "qty_not_whole": "数量“{qty}”必须是整数。",
    "qty_not_positive": "数量“{qty}”必须大于 0。",
    "qty_not_number": "“{qty}”不是数量。",
    "qty_absurd": "数量“{qty}”太大了（最多 {most}）。请核对。",
    # rules and claims
    "rule_unknown": "找不到积分标准“{query}”。",
    "rule_ambiguous": "“{query}”对应多条积分标准：{candidates}。",
    "rule_retired": "积分标准“{rule}”已停用。",
    "rule_exists": "已经有编号为“{code}”的积分标准。",
    "rule_zero_points": "积分标准“{rule}”的分值不能为 0。",
    "rule_absurd_points": "积分标准“{rule}”的分值太大（最多 ±{most} 分）。",
    "rule_unit_not_measured": "“{rule}”按次或按期计分，不能设置计量单位。",
    "rule_cap_incomplete": "“{rule}”的上限要同时写明分数和周期。",
    "rule_cap_not_positive": "“{rule}”的上限必须大于 0。",
    "rule_shape_unknown": "计分方式“{shape}”不认识。",
    "cap_reached": "{name}本{period}在“{rule}”上已得 {earned} 分，上限 {cap} 分，这次最多还能记 {room} 分。",
    "claim_unknown": "找不到申报“{query}”。",
    "claim_decided": "这条申报已经处理过了（{status}）。",
    "claim_own": "不能审核自己提交的申报。请由另一位管理员审核。",
    "date_bad": "日期“{value}”不对，请写成 2026-11-03 这样。",
    "date_future": "日期 {value} 还没到。",
    # goods
    "barcode_bad_format": "条码“{code}”不对：应为 8、12 或 13 位数字。",
    "barcode_bad_check_digit": "条码“{code}”的校验位不对（应为 {expected}）。请重新扫码或核对。",
    "barcode_exists": "条码“{code}”已属于商品“{name}”。",
    "product_unknown": "找不到商品“{query}”。请核对条码或编号。",
    "product_ambiguous": "“{query}”对应多件商品：{candidates}。",
    "product_retired": "商品“{name}”已下架。",
    "price_not_positive": "价格必须大于 0 分。",
    "price_absurd": "价格“{price}”太高（最多 {most} 分）。",
    "out_of_stock": "“{name}”库存不够：还有 {on_hand}{unit}，要 {qty}{unit}。",
    "stock_below_zero": "“{name}”库存会变成负数（现有 {on_hand}）。",
    "refund_no_lines": "请选择要退的商品行。",
    "entry_unknown": "要更正的流水“{entry}”不在这个账户里。",
    "damage_not_negative": "损耗只能减少库存，请写成负数，如 -2。",
    "stock_kind_unknown": "库存调整类型“{kind}”不认识。",
    "cart_empty": "没有要兑换的商品。",
    "item_bad": "“{item}”写法不对，应为 条码 或 条码x数量。",
    # sales and refunds
    "receipt_unknown": "找不到小票“{query}”。",
    "refund_line_unknown": "小票 {receipt} 没有第 {line} 行。",
    "refund_too_many": "第 {line} 行最多还能退 {left} 件。",
    "refund_nothing_left": "小票 {receipt} 已经全部退过了。",
    # files
    "file_missing": "找不到文件 {path}。",
    "csv_encoding": "{path} 既不是 UTF-8 也不是 GBK 编码的表格。",
    "csv_columns": "表格缺少这些列：{missing}。",
    "csv_rows": "表格有 {count} 行出错，没有导入任何一行：\n{rows}",
    "csv_row": "第 {row} 行：{reason}",
    "csv_empty": "表格里没有数据行。",
    # backups and restores
    "backup_not_allowed": "{who}（{role}）不能备份数据。请找志愿者或管理员来备份。",
    "restore_not_allowed": "{who}（{role}）不能恢复备份，只有管理员可以。请找管理员。",
    "backup_missing": "找不到备份文件 {path}。请检查U盘是否插好、文件名是否写对。",
    "backup_folder_missing": "找不到文件夹 {path}。请检查U盘是否插好、路径是否写对。",
    "backup_not_sqlite": "{path} 不是数据库文件，不能用来恢复。请选用积分超市备份出来的 .sqlite 文件。",
    "backup_not_kiosk": "{path} 是别的程序的数据库，不是积分超市的备份，没有恢复。请检查文件是否选对。",
    "backup_truncated": "{path} 不完整（只有 {size} 字节，应有 {expected} 字节），可能拷贝时中断了。没有恢复，请换一份备份。",
    "backup_corrupt": "{path} 已经损坏（自检没有通过：{detail}）。没有恢复，请换一份备份。",
    "backup_empty": "{path} 里还没有建村，没有可以恢复的数据。请换一份备份。",
    "backup_no_space": "{path} 所在的磁盘（U盘）满了，备份没有写成，也没有留下半截文件。请腾出空间或换一个U盘再试。",
    "backup_read_only": "{path} 写不进去（U盘写保护或没有权限），备份没有写成。请打开写保护或换个位置再试。",
    "backup_failed": "备份没有写成（{detail}），原来的数据没有变。请换个位置再试。",
    "backup_onto_itself": "{path} 就是正在使用的数据库，不能备份或恢复到它自己身上。请选别的位置。",
    "restore_other_village": "这份备份是“{village}”的，不是本机的“{live}”，没有恢复。确实要换成这份数据，请加 --other-village 再运行。",
    "restore_needs_yes": "恢复会用备份替换现在的全部数据（现有数据会先另存一份）。核对上面的信息无误后，加 --yes 再运行。",
    "restore_needs_manager": "恢复备份要由管理员操作：请加 --operator 管理员姓名 --pin 密码。",
    "restore_problems": "已经恢复，但核对账目发现问题：\n{problems}\n请联系乡镇管理员。",
    # self-service touchscreen
    "ranking_period_unknown": "排行只能按月（month）或按年（year）：“{value}”不认识。",
}

ROLE_WORDS = {"volunteer": N_("志愿者"), "manager": N_("管理员"),
              "selfservice": N_("自助查询"), "system": N_("系统")}

ACTION_WORDS: dict[str, str] = {
    "sell": N_("兑换商品"),
    "award": N_("直接记分"),
    "file_claim": N_("提交积分申报"),
    "approve_claim": N_("审核申报"),
    "adjust_points": N_("调整积分"),
    "refund": N_("退货退分"),
    "edit_rules": N_("修改积分标准"),
    "edit_products": N_("修改商品和价格"),
    "receive_stock": N_("入库", "i18n"),
    "adjust_stock": N_("调整库存或盘点"),
    "edit_residents": N_("修改村民和户"),
    "manage_operators": N_("管理操作员"),
    "change_settings": N_("修改设置"),
    "view_reports": N_("查看报表"),
    "manage_backups": N_("备份和恢复数据"),
}


def _merge_areas() -> None:
    from kiosk.messages import merged

    for code, words in merged().items():
        if code in MESSAGES:
            raise RuntimeError(f"message code {code!r} is defined twice")
        MESSAGES[code] = words


_merge_areas()


_chosen: str | None = None   # the village's setting `ui.language`, applied when the program starts


def current_lang() -> str:
    """KIOSK_LANG when set (tests, scripts), else the village's chosen language, else Chinese."""
    lang = (os.environ.get("KIOSK_LANG") or _chosen or DEFAULT_LANG)[:2].lower()
    return lang if lang in LANGS else DEFAULT_LANG


def use_language(lang: str | None) -> None:
    """The language this program shows from now on (read once at start: screens keep their words)."""
    global _chosen
    _chosen = lang if lang in LANGS else None


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue for a language; Chinese is the source and needs none."""
    if lang == DEFAULT_LANG:
        return gettext.NullTranslations()
    from kiosk.paths import translations_dir

    return gettext.translation(DOMAIN, localedir=translations_dir(), languages=[lang], fallback=True)


def _(text: str, lang: str | None = None) -> str:
    """`text` (Chinese, as written in the program) in the reader's language."""
    if not text:
        return text  # gettext("") is the catalogue's header
    context = getattr(text, "context", None)
    found = catalogue(lang or current_lang())
    return found.pgettext(context, text) if context else found.gettext(text)


def _p(context: str, text: str, lang: str | None = None) -> str:
    """Like _(), for a word that reads differently in one place (`context` tells them apart)."""
    return catalogue(lang or current_lang()).pgettext(context, text) if text else text


def word(table: dict[str, str], key: str, lang: str | None = None) -> str:
    return _(table[key], lang) if key in table else key


STATUS_WORDS = {"active": N_("在册"), "moved": N_("已迁出"),
                "deceased": N_("已故"), "pending": N_("待审核"),
                "approved": N_("已通过"), "rejected": N_("已驳回")}
# Relations as villages write them; shown in English on an English screen (others as written).
RELATION_WORDS = {"户主": N_("户主"), "配偶": N_("配偶"), "妻子": N_("妻子"),
                  "丈夫": N_("丈夫"), "儿子": N_("儿子"), "女儿": N_("女儿"),
                  "父亲": N_("父亲"), "母亲": N_("母亲"), "孙子": N_("孙子"),
                  "孙女": N_("孙女"), "儿媳": N_("儿媳"),
                  "女婿": N_("女婿"), "兄弟": N_("兄弟"), "姐妹": N_("姐妹")}
PERIOD_WORDS = {"day": N_("日"), "month": N_("月"), "year": N_("年")}
# What an operator does to their own household (回避), as the refusal names it.
CONFLICT_ACT_WORDS = {"award": N_("给自家记分"), "approve": N_("审核自家的申报"),
                      "adjust": N_("调整自家的积分"), "revoke": N_("撤销自家的积分"),
                      "objection": N_("处理对自家积分的异议"), "household": N_("改动自家的户籍")}

FIELD_WORDS = {
    "name": N_("姓名"), "house_no": N_("门牌号"), "relation": N_("与户主关系"),
    "card": N_("卡号"), "village": N_("村名"), "currency": N_("积分名称"),
    "product_name": N_("商品名称"), "unit": N_("单位"), "category": N_("分类"),
    "note": N_("备注"), "reason": N_("原因"), "code": N_("编号"),
    "rule_name": N_("积分标准名称"), "source": N_("来源"), "supplier_name": N_("供货方名称"),
}

# Values under these names are code words, shown in the reader's language.
_PARAM_WORDS = {"role": ROLE_WORDS, "action": ACTION_WORDS, "status": STATUS_WORDS,
                "period": PERIOD_WORDS, "what": FIELD_WORDS, "doing": CONFLICT_ACT_WORDS}


def message(code: str, lang: str | None = None, /, **params: object) -> str:
    if code not in MESSAGES:
        return code + (f" {params}" if params else "")
    shown = {k: word(_PARAM_WORDS[k], str(v), lang) if k in _PARAM_WORDS else v
             for k, v in params.items()}
    return _p(code, MESSAGES[code], lang).format(**shown)
