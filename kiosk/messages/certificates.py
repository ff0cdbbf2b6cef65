"""Words for 积分证明 printed at the counter (kiosk/services/points/certificates.py)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "certificate_no_snapshot": "还没有 {house_no} 的乡镇签发数据，不能出具积分证明。请先同步一次（联网点“立即同步”，"
                               "或用 U 盘导入乡镇回执），再打印。",
    "certificate_snapshot_old": "{house_no} 的乡镇数据是 {day} 的，已超过有效期，银行不会认。请先同步一次，再打印。",
    "certificate_snapshot_bad": "{house_no} 的乡镇数据核对不上（可能被改动过），不能出具积分证明。请先同步一次，再打印。",
    "certificate_who_unknown": "找不到门牌号或村民“{who}”。请输入门牌号（如 3组12号）、姓名或卡号。",
}
