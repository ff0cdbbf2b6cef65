"""Messages of the labels area: code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
