"""The shop: the catalogue of goods, the counter's sales (checkout), refunds, receipts, purchase limits, weighed goods, price labels."""
