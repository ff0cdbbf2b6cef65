"""Messages of the catalogue area: code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
