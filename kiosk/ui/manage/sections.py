"""The back-office sections, in the order the manager sees them.

Each section is a QWidget built as `Class(session)`, with an optional `load()`
called whenever it is shown and an optional `on_scan(code)` that receives
barcode-scanner bursts while it is open. Sections are imported only when first opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from kiosk.i18n import N_


@dataclass(frozen=True)
class Section:
    key: str
    zh: str
    module: str
    cls: str


SECTIONS: tuple[Section, ...] = (
    Section("record", N_("记分", "sections"), "kiosk.ui.manage.record_section", "RecordSection"),
    Section("claims", N_("审核", "sections"), "kiosk.ui.manage.claims_section", "ClaimsSection"),
    Section("notice", N_("公示"), "kiosk.ui.manage.notice_section", "NoticeSection"),
    Section("rules", N_("积分标准", "sections#2"), "kiosk.ui.manage.rules_section", "RulesSection"),
    Section("corrections", N_("更正", "sections"), "kiosk.ui.manage.corrections_section", "CorrectionsSection"),
    Section("catalogue", N_("商品", "sections#2"), "kiosk.ui.manage.catalogue_section", "CatalogueSection"),
    Section("labels", N_("价签"), "kiosk.ui.manage.labels_section", "LabelsSection"),
    Section("backup", N_("备份"), "kiosk.ui.manage.backup_section", "BackupSection"),
    Section("sync", N_("同步"), "kiosk.ui.manage.sync_section", "SyncSection"),
    Section("receiving", N_("入库", "sections#3"), "kiosk.ui.manage.receiving_section", "ReceivingSection"),
    Section("stocktake", N_("盘点", "sections"), "kiosk.ui.manage.stocktake_section", "StocktakeSection"),
    Section("writeoff", N_("损耗", "sections"), "kiosk.ui.manage.writeoff_section", "WriteoffSection"),
    Section("lowstock", N_("缺货提醒"), "kiosk.ui.manage.lowstock_section", "LowstockSection"),
    Section("suppliers", N_("供货方"), "kiosk.ui.manage.suppliers_section", "SuppliersSection"),
    Section("reports", N_("报表"), "kiosk.ui.manage.reports_section", "ReportsSection"),
    Section("audit", N_("操作记录"), "kiosk.ui.manage.audit_section", "AuditSection"),
    Section("settings", N_("设置"), "kiosk.ui.manage.settings_section", "SettingsSection"),
    Section("residents", N_("村民和户"), "kiosk.ui.manage.residents_section", "ResidentsSection"),
    Section("operators", N_("操作员", "sections#3"), "kiosk.ui.manage.operators_section", "OperatorsSection"),
    Section("grades", N_("等次和过期"), "kiosk.ui.manage.grades_section", "GradesSection"),
)


@dataclass(frozen=True)
class Group:
    key: str
    zh: str
    sections: tuple[str, ...]
    short_zh: str          # on the group's button


# The left column shows these groups; one is open at a time, so every section stays
# one or two taps away and the column fits a 768-pixel-high screen.
GROUPS: tuple[Group, ...] = (
    Group("goods", N_("商品和库存"),
          ("catalogue", "receiving", "stocktake", "writeoff", "lowstock", "labels", "suppliers"),
          N_("商品库存")),
    Group("points", N_("积分"), ("record", "claims", "notice", "corrections", "rules", "grades"), N_("积分")),
    Group("people", N_("村民和操作员"), ("residents", "operators"), N_("村民", "sections#2")),
    Group("data", N_("报表和数据"), ("reports", "audit", "backup", "sync", "settings"), N_("数据报表")),
)
