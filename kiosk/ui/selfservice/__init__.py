"""The residents' touchscreen (自助查询): read-only by construction."""
