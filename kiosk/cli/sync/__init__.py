"""kiosk sync: the township, online or by USB stick (services.sync, kiosk.sync)."""
