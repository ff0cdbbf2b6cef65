"""Messages of the backups area: code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
