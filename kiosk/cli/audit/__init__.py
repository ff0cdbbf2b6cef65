"""kiosk audit list, kiosk check: the trail read back and the books checked (services.audit)."""
