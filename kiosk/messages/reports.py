"""Messages of the reports area: code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
