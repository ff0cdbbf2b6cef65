"""Messages of the stock area: code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
