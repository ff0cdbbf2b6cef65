"""The back-office sections, in the order the manager sees them.

Each section is a QWidget built as `Class(session)`, with an optional `load()`
called whenever it is shown and an optional `on_scan(code)` that receives
barcode-scanner bursts while it is open. Sections are imported only when first opened.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    zh: str
    en: str
    module: str
    cls: str


SECTIONS: tuple[Section, ...] = (
    Section("backup", "备份", "Backups", "kiosk.ui.manage.backup_section", "BackupSection"),
)
