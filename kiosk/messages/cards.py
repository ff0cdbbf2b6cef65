"""Messages of resident cards (村民卡): code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, str] = {
    "card_retired": "这张卡（{card}）已经补办过新卡，旧卡不能再用。请{name}用新卡，或报姓名查找。",
    "card_code_retired": "卡号“{card}”是{name}补办前的旧卡号，不能再发给别人。请换一个卡号，或留空自动编号。",
    "card_range_full": "这台收银电脑（{terminal} 号）的 {last} 个卡号已经用完，不能自动编号了。请手工填写卡号，或联系乡镇管理员。",
    "cards_none_chosen": "没有选中要打印卡片的村民。请选村民、一户，或选“全部村民”。",
    "cards_resident_inactive": "{name}已{status}，不再发卡。",
    "card_reason_required": "补办新卡要写明原因（如：丢失、损坏）。",
    "cards_skip_bad": "跳过的位置要在 0 到 {most} 之间（一张纸 10 张卡）。",
}
