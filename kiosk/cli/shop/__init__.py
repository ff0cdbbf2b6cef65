"""kiosk counter, selfservice, redeem, refund, balance, product, labels, receipt: goods and sales (services.shop)."""
