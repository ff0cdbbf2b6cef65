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
    Section("record", "记分", "Record points", "kiosk.ui.manage.record_section", "RecordSection"),
    Section("claims", "审核", "Review claims", "kiosk.ui.manage.claims_section", "ClaimsSection"),
    Section("notice", "公示", "Public notice", "kiosk.ui.manage.notice_section", "NoticeSection"),
    Section("rules", "积分标准", "Rules", "kiosk.ui.manage.rules_section", "RulesSection"),
    Section("corrections", "更正", "Corrections", "kiosk.ui.manage.corrections_section", "CorrectionsSection"),
    Section("catalogue", "商品", "Goods", "kiosk.ui.manage.catalogue_section", "CatalogueSection"),
    Section("labels", "价签", "Price labels", "kiosk.ui.manage.labels_section", "LabelsSection"),
    Section("backup", "备份", "Backups", "kiosk.ui.manage.backup_section", "BackupSection"),
    Section("sync", "同步", "Sync", "kiosk.ui.manage.sync_section", "SyncSection"),
    Section("receiving", "入库", "Receiving", "kiosk.ui.manage.receiving_section", "ReceivingSection"),
    Section("stocktake", "盘点", "Stock-take", "kiosk.ui.manage.stocktake_section", "StocktakeSection"),
    Section("writeoff", "损耗", "Write-offs", "kiosk.ui.manage.writeoff_section", "WriteoffSection"),
    Section("lowstock", "缺货提醒", "Running low", "kiosk.ui.manage.lowstock_section", "LowstockSection"),
    Section("reports", "报表", "Reports", "kiosk.ui.manage.reports_section", "ReportsSection"),
    Section("settings", "设置", "Settings", "kiosk.ui.manage.settings_section", "SettingsSection"),
    Section("residents", "村民和户", "Residents", "kiosk.ui.manage.residents_section", "ResidentsSection"),
    Section("operators", "操作员", "Operators", "kiosk.ui.manage.operators_section", "OperatorsSection"),
    Section("grades", "等次和过期", "Grades and expiry", "kiosk.ui.manage.grades_section", "GradesSection"),
)


@dataclass(frozen=True)
class Group:
    key: str
    zh: str
    en: str
    sections: tuple[str, ...]
    short_zh: str          # on the group's button
    short_en: str


# The left column shows these groups; one is open at a time, so every section stays
# one or two taps away and the column fits a 768-pixel-high screen.
GROUPS: tuple[Group, ...] = (
    Group("goods", "商品和库存", "Goods and stock",
          ("catalogue", "receiving", "stocktake", "writeoff", "lowstock", "labels"), "商品库存", "Goods"),
    Group("points", "积分", "Points", ("record", "claims", "notice", "corrections", "rules", "grades"), "积分", "Points"),
    Group("people", "村民和操作员", "People", ("residents", "operators"), "村民", "People"),
    Group("data", "报表和数据", "Reports and data", ("reports", "backup", "sync", "settings"), "数据报表", "Data"),
)
