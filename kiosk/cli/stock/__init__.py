"""kiosk stock, supplier: goods coming in, counted, going off (services.stock)."""
