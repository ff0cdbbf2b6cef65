"""Audit: the books prove themselves (`kiosk check`, the chain and its paper anchors) and the trail read back in plain words."""
