"""Code words shown in the reader's language: roles, actions, statuses, relations, periods, fields.

Refusals fill their placeholders with these (kiosk.i18n.message: `role`, `action`, `status`,
`period`, `what`, `example`, `doing`); screens show roles, statuses and relations with `word()`.
"""

from __future__ import annotations

from kiosk.messages.marks import N_

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
# What to type in each of those fields, as a refusal of an empty one shows it
# ("请填写村名，例如：青石村。"); one for every field above.
FIELD_EXAMPLE_WORDS = {
    "name": N_("王秀兰"), "house_no": N_("3组12号"), "relation": N_("儿子"),
    "card": N_("JF000123"), "village": N_("青石村"), "currency": N_("美德积分"),
    "product_name": N_("东北大米 5kg"), "unit": N_("袋"), "category": N_("粮油"),
    "note": N_("3组村道清扫"), "reason": N_("数量记错了"), "code": N_("hjqs"),
    "rule_name": N_("环境清扫"), "source": N_("镇里捐赠"), "supplier_name": N_("镇供销社"),
}

# Why a round with the township stopped, as the program notes it (the network library's name for
# what went wrong, the books' own error, or a kind of answer that was not the township's words):
# shown in words wherever a refusal's `detail` carries one. Any other detail (the township's own
# words) is shown as it came.
DETAIL_WORDS = {
    "ConnectError": N_("网络不通，或乡镇服务器没有开"),
    "ConnectTimeout": N_("连了很久也没连上"),
    "ReadTimeout": N_("乡镇服务器很久没有回答"),
    "WriteTimeout": N_("发送时等得太久"),
    "PoolTimeout": N_("网络忙，等不到连接"),
    "ReadError": N_("连接中途断了"),
    "WriteError": N_("连接中途断了"),
    "RemoteProtocolError": N_("连接中途断了"),
    "LocalProtocolError": N_("连接中途断了"),
    "NetworkError": N_("网络出了问题"),
    "TransportError": N_("网络出了问题"),
    "TimeoutException": N_("等得太久"),
    "ProxyError": N_("代理服务器出了问题"),
    "CloseError": N_("连接中途断了"),
    "StreamError": N_("连接中途断了"),
    "ProtocolError": N_("连接中途断了"),
    "DecodingError": N_("回答在路上坏了"),
    "TooManyRedirects": N_("服务器地址一直把请求转到别处"),
    "InvalidURL": N_("服务器地址的写法不对，应该以 http:// 或 https:// 开头"),
    "RequestError": N_("网络出了问题"),
    "HTTPError": N_("网络出了问题"),
    "HTTPStatusError": N_("网络出了问题"),
    "UnsupportedProtocol": N_("服务器地址的写法不对，应该以 http:// 或 https:// 开头"),
    "HTTP 502": N_("乡镇服务器正忙或在维护"),
    "HTTP 503": N_("乡镇服务器正忙或在维护"),
    "HTTP 504": N_("乡镇服务器正忙或在维护"),
    "wrong_address": N_("那个地址上不是乡镇服务器，或乡镇服务器的程序版本不同；请核对服务器地址"),
    "not_understood": N_("乡镇服务器看不懂这台电脑发去的内容，多半是两边的程序版本不一样"),
    "too_big": N_("一次发去的东西太多，乡镇服务器不收"),
    "server_error": N_("乡镇服务器自己出了错"),
    "not_accepted": N_("乡镇服务器不接受，也没有说为什么"),
    "gap": N_("乡镇和本机的记录编号对不上"),
    # SQLite's own words (also of a backup or a copy: never "this PC's" books)
    "database is locked": N_("数据库正被另一个程序使用"),
    "disk I/O error": N_("读写磁盘出错"),
    "database or disk is full": N_("磁盘满了"),
    "attempt to write a readonly database": N_("数据库文件是只读的"),
    "database disk image is malformed": N_("数据库文件坏了"),
    "unable to open database file": N_("打不开数据库文件"),
    "file is not a database": N_("这个文件不是数据库"),
}

# Values under these names are code words, shown in the reader's language.
PARAM_WORDS = {"role": ROLE_WORDS, "action": ACTION_WORDS, "status": STATUS_WORDS,
                "period": PERIOD_WORDS, "what": FIELD_WORDS, "example": FIELD_EXAMPLE_WORDS,
                "doing": CONFLICT_ACT_WORDS, "detail": DETAIL_WORDS}
