"""Sync with the township: the wire format, the terminal's outbox and client, USB bundles."""
