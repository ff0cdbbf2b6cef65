"""Words for 积分互认 made durable (kiosk/services/sync/cross_pending.py); the other cross_*
codes are in kiosk/messages/sync.py beside the calls that raise them."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "cross_unconfirmed": "没收到乡镇回答，已记下。请再点确认兑换，乡镇确认后再给商品；不重复扣分。",
}
