"""积分标准 (back office): the rule catalogue; add, change or retire a village rule.

Township rules are listed too, marked 乡镇, and cannot be changed here. A change
applies from now on: points already recorded keep what they were given.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import _, _p
from kiosk.services.points import rules
from kiosk.services.selfservice.words import rule_words
from kiosk.messages.points import CAP_PERIOD_WORDS, SHAPE_WORDS
from kiosk.ui.manage.points_parts import (big_check, button, choice_box,
                                          choose, refusal_shower)
from kiosk.ui.manage.stock_parts import RowsTableModel, line_edit, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar


class RulesSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.found: list[rules.CatalogueRule] = []
        self.chosen: rules.CatalogueRule | None = None
        self.model = RowsTableModel([_("类别"), _p("rules_section#2", "名称"), _("怎么计分"),
                                     _("审核"), _("状态")])
        self.table = table_view(self.model, "rules_table", stretch=2)
        self.table.clicked.connect(lambda index: self.pick(index.row()))
        self.fields = self._fields()
        self.feedback = FeedbackBar()
        self.refused = refusal_shower(self.feedback)
        self.buttons = {key: button(text, f"rules_{key}", slot, role) for key, text, slot, role in (
            ("new", _("新建一条"), self.clear_form, "quiet"),
            ("save", _("保存"), self.save, "primary"),
            ("retire", _p("rules_section#2", "停用"), self.retire, ""))}
        self.owner_note = polish(QLabel(""), "muted")
        self.owner_note.setWordWrap(True)     # wraps beside the buttons rather than widen the page
        self._lay_out()
        self.clear_form()

    def _fields(self) -> dict:
        category = QComboBox(editable=True)
        category.setObjectName("rules_category")
        return {"code": line_edit("rules_code", _("编号，如 hjqs"), 160),
                "name": line_edit("rules_name", _("名称，如 环境清扫")),
                "category": category,
                "shape": choice_box("rules_shape", SHAPE_WORDS),
                "points": line_edit("rules_points", _("扣分写负数，如 -10"), 180),
                "unit": line_edit("rules_unit", _("每几个单位，一般是 1"), 180),
                "cap": line_edit("rules_cap", _("最多几分"), 140),
                "cap_period": choice_box("rules_cap_period", CAP_PERIOD_WORDS),
                "doubles": line_edit("rules_doubles", _("几天内再犯加倍（扣分用）"), 260),
                "max_qty": line_edit("rules_max_qty", _("不填按默认"), 120),
                "review": big_check(QCheckBox(_("志愿者记的要管理员审核")))}

    def _lay_out(self) -> None:
        f = self.fields
        grid = QGridLayout()
        for row, pairs in enumerate((
                ((_p("rules_section#2", "编号"), "code"), (_p("rules_section", "名称"), "name"), (_("类别"), "category")),
                ((_("计分方式"), "shape"), (_("分值"), "points"), (_p("rules_section", "单位"), "unit")),
                ((_("上限"), "cap"), (_("周期"), "cap_period"), (_("再犯加倍"), "doubles")))):
            for col, (label, key) in enumerate(pairs):
                grid.addWidget(QLabel(label), row, col * 2)
                grid.addWidget(f[key], row, col * 2 + 1)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        act = QHBoxLayout()
        act.addWidget(f["review"])
        act.addWidget(QLabel(_("一次最多记")))
        act.addWidget(f["max_qty"])
        act.addWidget(self.owner_note, 1)
        for key in ("new", "retire", "save"):
            act.addWidget(self.buttons[key])
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("积分标准：做什么事得几分、扣几分")), "title"))
        layout.addWidget(self.table, 1)
        layout.addLayout(grid)
        layout.addLayout(act)
        layout.addWidget(self.feedback)

    def load(self) -> None:
        self.session.runner.run(lambda: (rules.catalogue(self.session.reader()),
                                         rules.categories(self.session.reader())),
                                self._show, self.refused)

    def _show(self, found) -> None:
        self.found, categories = found
        self.model.set_rows([[c.rule.category, c.rule.name + (_("（乡镇）") if c.read_only else ""),
                              rule_words(c.rule), _("要审核") if c.rule.needs_review else _("不用"),
                              _p("rules_section", "在用") if c.rule.active else _p("rules_section", "已停用")]
                             for c in self.found], ["" if c.rule.active else "bad" for c in self.found])
        box = self.fields["category"]
        typed = box.currentText()
        box.clear()
        box.addItems(categories)
        box.setCurrentText(typed)

    def pick(self, row: int) -> None:
        """Show a rule in the form to change it (a township rule only to read)."""
        self.chosen = self.found[row]
        rule, f = self.chosen.rule, self.fields
        f["code"].setText(rule.code)
        f["code"].setReadOnly(True)
        f["name"].setText(rule.name)
        f["category"].setCurrentText(rule.category)
        choose(f["shape"], rule.shape.value)
        f["points"].setText(str(rule.points))
        f["unit"].setText(str(rule.unit))
        f["cap"].setText(str(rule.cap) if rule.cap else "")
        choose(f["cap_period"], rule.cap_period.value if rule.cap_period else "")
        f["doubles"].setText(str(rule.doubles_within_days or ""))
        f["max_qty"].setText(str(rule.max_qty) if rule.max_qty else "")
        f["review"].setChecked(rule.needs_review)
        self._owner_words()

    def clear_form(self) -> None:
        self.chosen = None
        for key in ("code", "name", "points", "cap", "doubles", "max_qty"):
            self.fields[key].clear()
        self.fields["code"].setReadOnly(False)
        self.fields["unit"].setText("1")
        choose(self.fields["shape"], "fixed")
        choose(self.fields["cap_period"], "")
        self.fields["review"].setChecked(True)
        self.table.clearSelection()
        self._owner_words()

    def _owner_words(self) -> None:
        township = self.chosen is not None and self.chosen.read_only
        replaced = self.chosen is not None and self.chosen.replaced_by
        self.owner_note.setText(_("乡镇统一的标准，村里不能改。") + self.chosen.origin() if township else
                                self.chosen.origin() if replaced else
                                _("改了以后只影响以后记的分，已记的分不变。")
                                if self.chosen else _("填好后点“保存”。"))
        self.buttons["save"].setEnabled(not township and not replaced)
        self.buttons["retire"].setEnabled(self.chosen is not None and not township and self.chosen.rule.active)

    def typed_rule(self):
        f = self.fields
        cap_period = f["cap_period"].currentData()
        return rules.rule_from_text(
            code=f["code"].text(), name=f["name"].text(), category=f["category"].currentText(),
            shape=f["shape"].currentData(), points=f["points"].text(), unit=f["unit"].text(),
            cap=f["cap"].text(), cap_period=cap_period,
            doubles=f["doubles"].text(), needs_review=f["review"].isChecked(), max_qty=f["max_qty"].text())

    def save(self) -> None:
        chosen = self.chosen

        def saving():
            rule = self.typed_rule()
            if chosen is None:
                return rules.add_rule(self.session.context(), rule)
            return rules.edit_rule(self.session.context(), chosen.rule.code,
                                   **{key: getattr(rule, key) for key in rules.EDITABLE})
        self.session.runner.run(saving, self._saved, self.refused)

    def _saved(self, rule) -> None:
        self.feedback.show_message(_("已保存：{name}（{value}）").format(name=rule.name, value=rule_words(rule)), "ok")
        self.clear_form()
        self.load()

    def retire(self) -> None:
        if self.chosen is None:
            return
        code = self.chosen.rule.code
        self.session.runner.run(lambda: rules.retire_rule(self.session.context(), code),
                                self._retired, self.refused)

    def _retired(self, rule) -> None:
        self.feedback.show_message(_("已停用：{name}。以前记的分不变。").format(name=rule.name), "ok")
        self.clear_form()
        self.load()
