"""The first-run setup wizard's logic: answers, step order, a check per step, finish.

Plain Python, no Qt: the screens in kiosk/ui/wizard only show it. Each `set_*`
checks one step's answers (Refused with a plain message), keeps them and moves
on; `finish()` builds the whole village at once (see kiosk/services/setup/village_build).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk import config
from kiosk.core.clock import Clock, SystemClock
from kiosk.core.errors import Refused
from kiosk.core.names import clean_name
from kiosk.i18n import N_, _, _p
from kiosk.services.setup import printer_test, settings
from kiosk.services.people.operators import check_pin_format
from kiosk.services.setup.village_build import build_village, check_residents, needs_setup

STEPS = ("village", "manager", "printer", "township", "residents", "confirm")
STEP_WORDS = {"village": N_("村庄和积分名称"), "manager": N_("管理员和密码"),
              "printer": N_("小票打印机"), "township": N_("乡镇联网"),
              "residents": N_("村民名单"), "confirm": N_("核对并完成")}
CURRENCY_EXAMPLES = (N_("美德积分"), N_("爱心积分"), N_("信用积分"),
                     N_("文明积分"))

__all__ = ["STEPS", "STEP_WORDS", "Answers", "SetupWizard", "needs_setup"]


@dataclass
class Answers:
    village: str = ""
    currency: str = config.CURRENCY.default
    manager: str = ""
    pin: str = ""
    manager_house: str = ""      # where the manager lives: their household's points need a second manager
    printer: dict[str, str] = field(default_factory=lambda: {config.PRINTER_KIND.key: "none"})
    sync_url: str = ""
    enrol_code: str = ""
    residents_file: str = ""
    residents_count: int = 0

    def settings(self) -> dict[str, str]:
        """What the new village stores in its settings table."""
        return self.printer | {config.SYNC_URL.key: self.sync_url, config.SYNC_ENROL_CODE.key: self.enrol_code}


class SetupWizard:
    def __init__(self, db_path: Path | str, clock: Clock | None = None) -> None:
        self.db_path = Path(db_path)
        self.clock = clock or SystemClock()
        self.answers = Answers()
        self.index = 0
        self.passed: set[str] = set()
        self.finished = False

    @property
    def step(self) -> str:
        return STEPS[self.index]

    def go_to(self, step: str) -> None:
        self.index = STEPS.index(step)

    def back(self) -> None:
        self.index = max(0, self.index - 1)

    def _passed(self, step: str) -> None:
        self.passed.add(step)
        self.index = min(STEPS.index(step) + 1, len(STEPS) - 1)

    def set_village(self, name: str, currency: str) -> None:
        village = clean_name(name, "village")
        money = clean_name(currency, "currency")
        self.answers.village = config.VILLAGE_NAME.check(village)
        self.answers.currency = config.CURRENCY.check(money)
        self._passed("village")

    def check_pin(self, pin: str) -> None:
        """The first PIN typed, checked before it is asked for again."""
        check_pin_format(pin)

    def set_manager(self, name: str, pin: str, pin_again: str, house_no: str = "") -> None:
        """The first manager, and the house number they live at (回避; may be left empty)."""
        manager = clean_name(name, "name")
        house = clean_name(house_no, "house_no") if house_no and house_no.strip() else ""
        check_pin_format(pin)
        if not pin_again:
            raise Refused("setup_pin_again")
        if pin != pin_again:
            raise Refused("setup_pins_differ")
        self.answers.manager, self.answers.pin, self.answers.manager_house = manager, pin, house
        self._passed("manager")

    def set_printer(self, typed: dict[str, object]) -> None:
        printer_test.profile_from(typed)   # refuses a bad value
        self.answers.printer = settings.checked({s.key: typed.get(s.key, s.default)
                                                 for s in config.PRINTER_SETTINGS})
        self._passed("printer")

    def test_print(self, typed: dict[str, object]) -> printer_test.PrinterTest:
        """A sample receipt with the village's name on the printer as typed (nothing saved)."""
        a = self.answers
        receipt = printer_test.sample_receipt(a.village or _("新村"), a.currency,
                                              a.manager or _p("wizard", "管理员"), clock=self.clock)
        return printer_test.run(receipt, printer_test.profile_from(typed))

    def set_township(self, url: str, code: str) -> None:
        """The township's address and enrolment code, kept until sync is switched on."""
        address = config.SYNC_URL.check(url)
        enrol = config.SYNC_ENROL_CODE.check(code)
        if bool(address) != bool(enrol):
            raise Refused("setup_sync_half")
        self.answers.sync_url, self.answers.enrol_code = address, enrol
        self._passed("township")

    def work_offline(self) -> None:
        self.answers.sync_url = self.answers.enrol_code = ""
        self._passed("township")

    def set_residents(self, path: str) -> int:
        """A resident list checked now, row by row (nothing is written until finish)."""
        self.answers.residents_file, self.answers.residents_count = "", 0
        count = check_residents(path, self.clock)
        self.answers.residents_file, self.answers.residents_count = str(path), count
        self._passed("residents")
        return count

    def residents_later(self) -> None:
        self.answers.residents_file, self.answers.residents_count = "", 0
        self._passed("residents")

    def keep_residents(self) -> None:
        """On with the list already checked, or with none (import later)."""
        if self.answers.residents_file:
            self._passed("residents")
        else:
            self.residents_later()

    def summary(self) -> list[tuple[str, str]]:
        a = self.answers
        kind = next(words for value, words in config.PRINTER_KIND.choices
                    if value == a.printer.get(config.PRINTER_KIND.key, "none"))
        return [(_p("wizard#2", "村名"), a.village), (_p("wizard", "积分名称"), a.currency),
                (_p("wizard", "管理员"), f"{a.manager}（{a.manager_house}）" if a.manager_house else a.manager),
                (_("小票打印机"), _(kind)),
                (_p("wizard", "乡镇联网"), a.sync_url or _("先不联网")),
                (_("村民名单"),
                 _("导入 {residents_count} 行").format(residents_count=a.residents_count) if a.residents_file
                 else _("以后再导入"))]

    def finish(self) -> Path:
        """Build the village in one go; on any refusal nothing is left and finish can run again."""
        missing = [step for step in STEPS[:-1] if step not in self.passed]
        if missing:
            raise Refused("setup_step_missing", step=_(STEP_WORDS[missing[0]]))
        a = self.answers
        build_village(self.db_path, village=a.village, currency=a.currency, manager=a.manager,
                      pin=a.pin, settings=a.settings(), residents_file=a.residents_file or None,
                      clock=self.clock, manager_house=a.manager_house)
        self.finished = True
        return self.db_path
