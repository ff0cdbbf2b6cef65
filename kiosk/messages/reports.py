"""Messages of the reports area: code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, str] = {
    "report_unknown": "没有叫“{name}”的报表。可以用：{names}。",
    "report_period_bad": "报表期间“{value}”看不懂。请写成 2026-11-03（一天）、2026-11（一个月）或 2026（一年）。",
    "report_period_future": "{value} 还没到，没有可以统计的数据。请选今天或以前的日子。",
    "report_period_kind": "报表 {report} 不能按“{value}”这样的期间看，请写成 {examples} 这样。",
    "report_needs_whom": "对账单要说明是谁的：请给出村民（卡号、姓名或拼音首字母）或门牌号。",
    "report_format_unknown": "不能存成“{format}”格式。可以存为 pdf、csv 或 xlsx。",
    "report_not_saved": "报表没有存下来（{path}：{detail}）。请换一个文件夹或检查U盘后再试。",
}
