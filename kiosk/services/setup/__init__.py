"""Setting a village up and keeping it: a new village, the first-run wizard, settings, demo village, list imports, backups and restores."""
