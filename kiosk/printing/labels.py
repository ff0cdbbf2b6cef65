"""Words printed on a receipt, Chinese by default, English on request."""

from __future__ import annotations

from kiosk.messages.shop import RECEIPT_LABELS as LABELS


def labels(lang: str = "zh") -> dict[str, str]:
    return LABELS.get(lang, LABELS["zh"])
