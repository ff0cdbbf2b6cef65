"""Messages in the user's language: Simplified Chinese by default, English available.

Refusals carry a code and values; this module turns them into words. Keep
placeholders named, never build a sentence from pieces.
"""

from __future__ import annotations

import os

DEFAULT_LANG = "zh"
LANGS = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # database
    "db_missing": ("找不到数据库 {path}。请先运行 kiosk init 或 kiosk demo。",
                   "No database at {path}. Run kiosk init or kiosk demo first."),
    "db_locked": ("数据库正被另一个程序使用（{path}）。请关闭其他积分超市窗口后再试。",
                  "The database is in use by another program ({path}). Close the other window and try again."),
    "db_not_kiosk": ("{path} 不是积分超市的数据库。请检查文件是否选对。",
                     "{path} is not a points-shop database. Check that you picked the right file."),
    "db_newer": ("这个数据库由更新版本的程序建立（版本 {found}，本程序只认到 {supported}）。请先升级程序。",
                 "This database was made by a newer version (schema {found}; this program knows up to {supported}). Please update the program."),
    "db_older": ("这个数据库还是旧版本（{found}），请先在收银台电脑上打开一次让它升级。",
                 "This database is an older version ({found}); open it once at the counter to upgrade it."),
    "db_read_only": ("数据库 {path} 只能读不能写。请检查磁盘或文件权限。",
                     "The database {path} is read-only. Check the disk or file permissions."),
    "db_error": ("数据库出错，没有保存任何改动：{detail}", "Database error; nothing was saved: {detail}"),
    "db_exists": ("{path} 已经有一个积分超市数据库，没有覆盖它。", "{path} already holds a points-shop database; it was not overwritten."),
    "gui_missing": ("窗口程序没有装好（{detail}）。请重新安装，或先用命令行。",
                    "The window program is not installed ({detail}). Reinstall, or use the command line."),
    "print_pdf_failed": ("小票 PDF 没有存下来（{detail}）。兑换已经记账，请检查磁盘后点“重新打印”。",
                         "The receipt PDF was not saved ({detail}). The exchange is recorded; check the disk, then print again."),
    "setting_unknown": ("没有这项设置：{key}", "No such setting: {key}"),
    "not_set_up": ("还没有设置村庄。请先运行 kiosk init。", "No village is set up yet. Run kiosk init first."),
    # operators and roles
    "operator_unknown": ("没有叫“{name}”的操作员。", "There is no operator called “{name}”."),
    "operator_exists": ("已经有叫“{name}”的操作员了。", "An operator called “{name}” already exists."),
    "operator_inactive": ("操作员“{name}”已停用。请找管理员。", "Operator “{name}” is deactivated. Ask a manager."),
    "pin_missing": ("请输入密码（--pin 或 KIOSK_PIN）。", "Enter a PIN (--pin or KIOSK_PIN)."),
    "pin_wrong": ("密码不对。再错 {left} 次将锁定 {minutes} 分钟。",
                  "Wrong PIN. {left} more wrong tries lock it for {minutes} minutes."),
    "pin_locked": ("密码连续输错太多次，已锁定到 {until}。请稍后再试，或请管理员重置密码。",
                   "Too many wrong PINs: locked until {until}. Try later or ask a manager to reset the PIN."),
    "pin_format": ("密码要求 4 到 8 位数字。", "A PIN is 4 to 8 digits."),
    "not_allowed": ("{who}（{role}）不能{action}。请找管理员。",
                    "{who} ({role}) may not {action}. Ask a manager."),
    "role_unknown": ("角色只能是 volunteer（志愿者）或 manager（管理员）。", "The role is volunteer or manager."),
    # names and people
    "name_empty": ("{what}不能为空。", "The {what} cannot be empty."),
    "name_too_long": ("{what}太长（{length} 个字，最多 {most} 个）。", "The {what} is too long ({length} characters, at most {most})."),
    "resident_unknown": ("找不到村民“{query}”。请核对卡号、姓名或拼音首字母。",
                         "No resident matches “{query}”. Check the card code, name or initials."),
    "resident_ambiguous": ("“{query}”对应多位村民：{candidates}。请用卡号或门牌号区分。",
                           "“{query}” matches several residents: {candidates}. Use the card code or house number."),
    "resident_inactive": ("{name}的状态是“{status}”，不能操作积分。", "{name} is marked “{status}”; points cannot be changed."),
    "household_unknown": ("找不到门牌号“{house_no}”的户。", "No household has house number “{house_no}”."),
    "household_exists": ("门牌号“{house_no}”已经登记过了。", "House number “{house_no}” is already registered."),
    "card_exists": ("卡号“{card}”已经被{name}使用。", "Card code “{card}” is already used by {name}."),
    "id_last4_bad": ("身份证后四位“{value}”不对：应为 4 位数字，最后一位可以是 X。",
                     "ID card last four “{value}” is not valid: four digits, the last may be X."),
    "account_on_hold": ("{name}的积分账户已冻结：{reason}。请找管理员处理。",
                        "{name}'s points account is on hold: {reason}. Ask a manager."),
    # points
    "points_bad": ("“{value}”不是积分数（最多两位小数）。", "“{value}” is not a points amount (at most two decimals)."),
    "insufficient_points": ("积分不够：余额 {balance} 分，本次需要 {total} 分，还差 {shortfall} 分。",
                            "Not enough points: balance {balance}, needed {total}, short by {shortfall}."),
    "reason_required": ("请写明原因。", "Please give a reason."),
    "adjust_zero": ("调整的积分不能为 0。", "An adjustment cannot be zero."),
    "adjust_absurd": ("一次调整最多 ±{most} 分。", "One adjustment is at most ±{most} points."),
    "adjust_overdraw": ("扣减后余额会变成负数（余额 {balance} 分）。", "The balance would go below zero (balance {balance})."),
    # quantities
    "qty_not_whole": ("数量“{qty}”必须是整数。", "The quantity “{qty}” must be a whole number."),
    "qty_not_positive": ("数量“{qty}”必须大于 0。", "The quantity “{qty}” must be more than 0."),
    "qty_not_number": ("“{qty}”不是数量。", "“{qty}” is not a quantity."),
    "qty_absurd": ("数量“{qty}”太大了（最多 {most}）。请核对。", "The quantity “{qty}” is too large (at most {most}). Please check."),
    # rules and claims
    "rule_unknown": ("找不到积分标准“{query}”。", "No rule matches “{query}”."),
    "rule_ambiguous": ("“{query}”对应多条积分标准：{candidates}。", "“{query}” matches several rules: {candidates}."),
    "rule_retired": ("积分标准“{rule}”已停用。", "The rule “{rule}” is retired."),
    "rule_exists": ("已经有编号为“{code}”的积分标准。", "A rule with code “{code}” already exists."),
    "rule_zero_points": ("积分标准“{rule}”的分值不能为 0。", "The rule “{rule}” cannot be worth 0 points."),
    "rule_absurd_points": ("积分标准“{rule}”的分值太大（最多 ±{most} 分）。", "The rule “{rule}” is worth too much (at most ±{most})."),
    "rule_unit_not_measured": ("“{rule}”按次或按期计分，不能设置计量单位。", "“{rule}” counts acts or periods; it has no unit size."),
    "rule_cap_incomplete": ("“{rule}”的上限要同时写明分数和周期。", "“{rule}” needs both a cap and its period."),
    "rule_cap_not_positive": ("“{rule}”的上限必须大于 0。", "The cap of “{rule}” must be more than 0."),
    "rule_shape_unknown": ("计分方式“{shape}”不认识。", "Unknown rule shape “{shape}”."),
    "cap_reached": ("{name}本{period}在“{rule}”上已得 {earned} 分，上限 {cap} 分，这次最多还能记 {room} 分。",
                    "{name} already has {earned} from “{rule}” this {period}; the cap is {cap}, so at most {room} more."),
    "claim_unknown": ("找不到申报“{query}”。", "No claim matches “{query}”."),
    "claim_decided": ("这条申报已经处理过了（{status}）。", "This claim was already decided ({status})."),
    "claim_own": ("不能审核自己提交的申报。请由另一位管理员审核。", "You cannot review your own claim. Another manager must."),
    "date_bad": ("日期“{value}”不对，请写成 2026-11-03 这样。", "The date “{value}” is not valid; write it like 2026-11-03."),
    "date_future": ("日期 {value} 还没到。", "The date {value} is in the future."),
    # goods
    "barcode_bad_format": ("条码“{code}”不对：应为 8、12 或 13 位数字。", "The barcode “{code}” is not valid: 8, 12 or 13 digits."),
    "barcode_bad_check_digit": ("条码“{code}”的校验位不对（应为 {expected}）。请重新扫码或核对。",
                                "The barcode “{code}” has a wrong check digit (expected {expected}). Scan again or check it."),
    "barcode_exists": ("条码“{code}”已属于商品“{name}”。", "The barcode “{code}” already belongs to “{name}”."),
    "product_unknown": ("找不到商品“{query}”。请核对条码或编号。", "No product matches “{query}”. Check the barcode or code."),
    "product_ambiguous": ("“{query}”对应多件商品：{candidates}。", "“{query}” matches several products: {candidates}."),
    "product_retired": ("商品“{name}”已下架。", "The product “{name}” is retired."),
    "price_not_positive": ("价格必须大于 0 分。", "The price must be more than 0 points."),
    "price_absurd": ("价格“{price}”太高（最多 {most} 分）。", "The price “{price}” is too high (at most {most})."),
    "out_of_stock": ("“{name}”库存不够：还有 {on_hand}{unit}，要 {qty}{unit}。",
                     "Not enough “{name}” in stock: {on_hand} {unit} on hand, {qty} wanted."),
    "stock_below_zero": ("“{name}”库存会变成负数（现有 {on_hand}）。", "Stock of “{name}” would go below zero ({on_hand} on hand)."),
    "refund_no_lines": ("请选择要退的商品行。", "Choose the lines to refund."),
    "entry_unknown": ("要更正的流水“{entry}”不在这个账户里。", "The entry “{entry}” to correct is not in this account."),
    "damage_not_negative": ("损耗只能减少库存，请写成负数，如 -2。", "A write-off can only take stock away: write it as -2."),
    "stock_kind_unknown": ("库存调整类型“{kind}”不认识。", "Unknown kind of stock change “{kind}”."),
    "cart_empty": ("没有要兑换的商品。", "Nothing to exchange."),
    "item_bad": ("“{item}”写法不对，应为 条码 或 条码x数量。", "“{item}” is not ITEM or ITEMxQTY."),
    # sales and refunds
    "receipt_unknown": ("找不到小票“{query}”。", "No receipt matches “{query}”."),
    "refund_line_unknown": ("小票 {receipt} 没有第 {line} 行。", "Receipt {receipt} has no line {line}."),
    "refund_too_many": ("第 {line} 行最多还能退 {left} 件。", "Line {line} can take back at most {left} more."),
    "refund_nothing_left": ("小票 {receipt} 已经全部退过了。", "Receipt {receipt} has been fully refunded already."),
    # files
    "file_missing": ("找不到文件 {path}。", "File not found: {path}."),
    "csv_encoding": ("{path} 既不是 UTF-8 也不是 GBK 编码的表格。", "{path} is neither UTF-8 nor GBK text."),
    "csv_columns": ("表格缺少这些列：{missing}。", "The table lacks these columns: {missing}."),
    "csv_rows": ("表格有 {count} 行出错，没有导入任何一行：\n{rows}", "{count} rows have errors; nothing was imported:\n{rows}"),
    "csv_row": ("第 {row} 行：{reason}", "row {row}: {reason}"),
    "csv_empty": ("表格里没有数据行。", "The table has no data rows."),
    # backups and restores
    "backup_not_allowed": ("{who}（{role}）不能备份数据。请找志愿者或管理员来备份。",
                           "{who} ({role}) may not make backups. Ask a volunteer or a manager."),
    "restore_not_allowed": ("{who}（{role}）不能恢复备份，只有管理员可以。请找管理员。",
                            "{who} ({role}) may not restore a backup; only a manager may."),
    "backup_missing": ("找不到备份文件 {path}。请检查U盘是否插好、文件名是否写对。",
                       "Backup file not found: {path}. Check the USB stick and the file name."),
    "backup_folder_missing": ("找不到文件夹 {path}。请检查U盘是否插好、路径是否写对。",
                              "Folder not found: {path}. Check the USB stick and the path."),
    "backup_not_sqlite": ("{path} 不是数据库文件，不能用来恢复。请选用积分超市备份出来的 .sqlite 文件。",
                          "{path} is not a database file. Pick a .sqlite backup made by the points shop."),
    "backup_not_kiosk": ("{path} 是别的程序的数据库，不是积分超市的备份，没有恢复。请检查文件是否选对。",
                         "{path} belongs to another program, not the points shop; nothing was restored."),
    "backup_truncated": ("{path} 不完整（只有 {size} 字节，应有 {expected} 字节），可能拷贝时中断了。没有恢复，请换一份备份。",
                         "{path} is incomplete ({size} bytes of {expected}); the copy was cut short. Nothing was restored; use another backup."),
    "backup_corrupt": ("{path} 已经损坏（自检没有通过：{detail}）。没有恢复，请换一份备份。",
                       "{path} is damaged (integrity check failed: {detail}). Nothing was restored; use another backup."),
    "backup_empty": ("{path} 里还没有建村，没有可以恢复的数据。请换一份备份。",
                     "{path} holds no village yet; there is nothing to restore. Use another backup."),
    "backup_no_space": ("{path} 所在的磁盘（U盘）满了，备份没有写成，也没有留下半截文件。请腾出空间或换一个U盘再试。",
                        "The disk (USB stick) for {path} is full. No backup was written and no partial file was left. Free some space or use another stick."),
    "backup_read_only": ("{path} 写不进去（U盘写保护或没有权限），备份没有写成。请打开写保护或换个位置再试。",
                         "{path} cannot be written (write-protected or no permission). No backup was written; unlock it or pick another place."),
    "backup_failed": ("备份没有写成（{detail}），原来的数据没有变。请换个位置再试。",
                      "The backup was not written ({detail}); nothing else changed. Try another place."),
    "backup_onto_itself": ("{path} 就是正在使用的数据库，不能备份或恢复到它自己身上。请选别的位置。",
                           "{path} is the database in use; it cannot be backed up or restored onto itself."),
    "restore_other_village": ("这份备份是“{village}”的，不是本机的“{live}”，没有恢复。确实要换成这份数据，请加 --other-village 再运行。",
                              "This backup is of “{village}”, not this terminal's “{live}”; nothing was restored. To use it anyway, add --other-village."),
    "restore_needs_yes": ("恢复会用备份替换现在的全部数据（现有数据会先另存一份）。核对上面的信息无误后，加 --yes 再运行。",
                          "A restore replaces all current data with the backup (a copy of it is kept first). Check the details above, then run again with --yes."),
    "restore_needs_manager": ("恢复备份要由管理员操作：请加 --operator 管理员姓名 --pin 密码。",
                              "A restore needs a manager: add --operator NAME --pin PIN."),
    "restore_problems": ("已经恢复，但核对账目发现问题：\n{problems}\n请联系乡镇管理员。",
                         "Restored, but the check found problems:\n{problems}\nContact the township."),
    # self-service touchscreen
    "ranking_period_unknown": ("排行只能按月（month）或按年（year）：“{value}”不认识。",
                               "A ranking is by month or by year; “{value}” is not one of them."),
}

ROLE_WORDS = {"volunteer": ("志愿者", "volunteer"), "manager": ("管理员", "manager"),
              "selfservice": ("自助查询", "self-service"), "system": ("系统", "system")}

ACTION_WORDS: dict[str, tuple[str, str]] = {
    "sell": ("兑换商品", "exchange goods"),
    "award": ("直接记分", "post points directly"),
    "file_claim": ("提交积分申报", "file a points claim"),
    "approve_claim": ("审核申报", "review claims"),
    "adjust_points": ("调整积分", "adjust points"),
    "refund": ("退货退分", "refund a sale"),
    "edit_rules": ("修改积分标准", "edit rules"),
    "edit_products": ("修改商品和价格", "edit goods and prices"),
    "receive_stock": ("入库", "receive stock"),
    "adjust_stock": ("调整库存或盘点", "adjust stock or count it"),
    "edit_residents": ("修改村民和户", "edit residents and households"),
    "manage_operators": ("管理操作员", "manage operators"),
    "change_settings": ("修改设置", "change settings"),
    "view_reports": ("查看报表", "view reports"),
    "manage_backups": ("备份和恢复数据", "back up and restore data"),
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


def _pick(pair: tuple[str, str], lang: str | None) -> str:
    return pair[LANGS.index(lang or current_lang())]


def word(table: dict[str, tuple[str, str]], key: str, lang: str | None = None) -> str:
    return _pick(table[key], lang) if key in table else key


STATUS_WORDS = {"active": ("在册", "active"), "moved": ("已迁出", "moved away"),
                "deceased": ("已故", "deceased"), "pending": ("待审核", "pending"),
                "approved": ("已通过", "approved"), "rejected": ("已驳回", "rejected")}
# Relations as villages write them; shown in English on an English screen (others as written).
RELATION_WORDS = {"户主": ("户主", "head"), "配偶": ("配偶", "spouse"), "妻子": ("妻子", "wife"),
                  "丈夫": ("丈夫", "husband"), "儿子": ("儿子", "son"), "女儿": ("女儿", "daughter"),
                  "父亲": ("父亲", "father"), "母亲": ("母亲", "mother"), "孙子": ("孙子", "grandson"),
                  "孙女": ("孙女", "granddaughter"), "儿媳": ("儿媳", "daughter-in-law"),
                  "女婿": ("女婿", "son-in-law"), "兄弟": ("兄弟", "brother"), "姐妹": ("姐妹", "sister")}
PERIOD_WORDS = {"day": ("日", "day"), "month": ("月", "month"), "year": ("年", "year")}

FIELD_WORDS = {
    "name": ("姓名", "name"), "house_no": ("门牌号", "house number"), "relation": ("与户主关系", "relation"),
    "card": ("卡号", "card code"), "village": ("村名", "village name"), "currency": ("积分名称", "currency name"),
    "product_name": ("商品名称", "product name"), "unit": ("单位", "unit"), "category": ("分类", "category"),
    "note": ("备注", "note"), "reason": ("原因", "reason"), "code": ("编号", "code"),
    "rule_name": ("积分标准名称", "rule name"), "source": ("来源", "source"),
}

# Values under these names are code words, shown in the reader's language.
_PARAM_WORDS = {"role": ROLE_WORDS, "action": ACTION_WORDS, "status": STATUS_WORDS,
                "period": PERIOD_WORDS, "what": FIELD_WORDS}


def message(code: str, lang: str | None = None, /, **params: object) -> str:
    if code not in MESSAGES:
        return code + (f" {params}" if params else "")
    shown = {k: word(_PARAM_WORDS[k], str(v), lang) if k in _PARAM_WORDS else v
             for k, v in params.items()}
    return _pick(MESSAGES[code], lang).format(**shown)


def tr(zh: str, en: str, lang: str | None = None) -> str:
    """A short label written in both languages at the place it is used."""
    return _pick((zh, en), lang)
