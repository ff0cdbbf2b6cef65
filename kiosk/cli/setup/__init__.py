"""kiosk init, demo, backup, restore: setting a village up and keeping it (services.setup)."""
