"""Messages of the backups area: code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, str] = {
}
