"""The sync state machine's rollback histories that once set its township and its USB mirror apart,
played step by step (tests/property/test_sync_state_machine.py, rules and invariants as they are).

A counter loses its last minutes (a copy put back after the township took two of its sales), sends
the copy's bundle and takes the reply back on the stick: the reply shows its books went back, and
they heal as far as a stick can (new books, the old terminal until its next online sync). The copy,
not knowing the lost sales, sells again.
* Sent online first (a new identity; the pull that would judge it lost on the way), then on the stick
  under its old terminal: the township judges that sale at the new identity's pull, and the mirror,
  fed by one import per terminal, must too (it judged it at the old terminal's import: it held the
  account while the township did not yet, `assert set() == {account}`).
* Sent on the stick alone: the township holds the account as it does when the sale comes online
  (it did not: the copy's sale and the lost ones were one terminal's spending).
* None of it is ever taken for books rewritten (`chain_rewritten`): the copy's sticks under its old
  terminal have their chain judged under its books' new identity, as online.
* A sale the copy made before the reply healed it names the lost minutes' books: on the stick under
  the old terminal it was one spender with the lost sales, never held; the stick now names the books
  it was numbered from (the healed ones), as the new identity is another terminal online.
"""

from __future__ import annotations

import pytest

import tests.property.rollback_steps as rollback_steps
import tests.property.test_sync_state_machine as machine
from tests.property.test_sync_state_machine import GOODS, SyncMachine

pytestmark = pytest.mark.slow

INVARIANTS = ("server_holds_every_record_once", "counters_books_prove_themselves",
              "no_incident_but_overdrafts_and_the_rogues_records", "no_hold_except_where_a_sale_overdrew",
              "the_same_holds_online_and_by_bundle")
ORIGINAL, OTHER = 0, 1
ALL_OF_IT = 4     # 牙膏 ×4: the household's 20 points


@pytest.fixture
def sync_machine(monkeypatch):
    """Two counters and their township, driven by hand; the final clean sync and its checks at the end."""
    for module in (machine, rollback_steps):
        monkeypatch.setattr(module, "event", lambda *_: None)     # Hypothesis' statistics: none outside a run
    m = SyncMachine()
    m.build(how_many=2)
    yield m
    m.teardown()


def step(m: SyncMachine, rule: str, *args) -> None:
    getattr(m, rule)(*args)
    for invariant in INVARIANTS:
        getattr(m, invariant)()
    assert m.store.all("SELECT 1 FROM incident WHERE detail LIKE '%chain_rewritten%'") == [], \
        "a copy put back was taken for books rewritten"    # the machine allows it its put-back copies


def a_copy_healed_on_the_stick(m: SyncMachine, lost_sales: int) -> None:
    """Both counters synced; the original's copy put back after `lost_sales` sales of 张桂兰 reached the
    township; the copy's bundle imported and its reply taken back: new books, the old terminal."""
    for n in (ORIGINAL, OTHER, ORIGINAL, OTHER):
        step(m, "sync_round", n, [])
    step(m, "counter_loses_its_last_minutes", ORIGINAL, "JF000004", lost_sales, True)
    step(m, "export_bundle", ORIGINAL)
    step(m, "township_imports_bundle", len(m.bundles) - 1, True)


@pytest.mark.parametrize("lost_sales", [1, 2])
def test_a_sale_online_then_on_the_stick_is_judged_at_the_new_identitys_pull_by_both(sync_machine, lost_sales):
    m = sync_machine
    a_copy_healed_on_the_stick(m, lost_sales)
    step(m, "redeem", OTHER, "JF000001", GOODS[1], ALL_OF_IT)          # 王小明's 20 points, on the other counter
    step(m, "sync_round", OTHER, [])
    step(m, "redeem", ORIGINAL, "JF000001", GOODS[1], ALL_OF_IT)       # the copy, not knowing, sells them too
    step(m, "export_bundle", ORIGINAL)
    on_the_stick = len(m.bundles) - 1
    # state, the state asked signed (it would act on it), new id, push; the pull lost
    step(m, "sync_round", ORIGINAL, ["deliver", "deliver", "deliver", "deliver", "drop_request"])
    assert m.net.used == ["deliver", "deliver", "deliver", "deliver", "drop_request"]
    step(m, "township_imports_bundle", on_the_stick, False)
    assert m.open_holds(m.store) == m.open_holds(m.mirror) == set()     # the new identity has not pulled yet
    account = m.account_of(m.counters[OTHER], "JF000001")
    step(m, "sync_round", ORIGINAL, [])
    assert m.open_holds(m.store) == m.open_holds(m.mirror) == {account}


def test_a_sale_on_the_stick_alone_holds_as_online(sync_machine):
    m = sync_machine
    a_copy_healed_on_the_stick(m, 2)
    step(m, "redeem", ORIGINAL, "JF000004", GOODS[1], ALL_OF_IT)       # the copy sells 张桂兰's 20 points again
    step(m, "export_bundle", ORIGINAL)
    step(m, "township_imports_bundle", len(m.bundles) - 1, False)
    account = m.account_of(m.counters[ORIGINAL], "JF000004")
    assert m.open_holds(m.store) == m.open_holds(m.mirror) == {account}


def test_a_sale_made_before_the_stick_healed_the_copy_holds_as_online(sync_machine):
    m = sync_machine
    for n in (ORIGINAL, OTHER, ORIGINAL, OTHER):
        step(m, "sync_round", n, [])
    step(m, "export_bundle", ORIGINAL)                                  # a stick from before the copy
    from_before = len(m.bundles) - 1
    step(m, "counter_loses_its_last_minutes", ORIGINAL, "JF000004", 2, True)
    step(m, "redeem", ORIGINAL, "JF000004", GOODS[1], ALL_OF_IT)       # the copy sells 张桂兰's 20 points
    step(m, "township_imports_bundle", from_before, True)               # its reply heals the copy
    step(m, "export_bundle", ORIGINAL)
    step(m, "township_imports_bundle", len(m.bundles) - 1, False)
    assert m.open_holds(m.store) == m.open_holds(m.mirror) == {m.account_of(m.counters[ORIGINAL], "JF000004")}


def test_a_copy_put_back_after_a_sync_that_only_pulled_is_healed_by_its_sticks_reply(sync_machine):
    """The copy lost none of its own records, only one it pulled (the other counter's award): the reply
    to its stick must show its books went back, as GET /v1/state does online. Taken for the township's
    word on these books, it had `kiosk check` call them rewritten for ever (a random seed found it)."""
    m = sync_machine
    step(m, "sync_round", ORIGINAL, [])
    m.copy_a_database(ORIGINAL)
    step(m, "award", OTHER, "JF000004", 1)
    step(m, "sync_round", OTHER, [])
    step(m, "sync_round", ORIGINAL, [])                                # pulls it: nothing of its own sent
    lost_head = m.store.one("SELECT MAX(position) FROM chain_anchor WHERE terminal_id = ?",
                            (m.terminals[ORIGINAL],))[0]
    m.put_back(len(m.copies) - 1)
    step(m, "award", ORIGINAL, "JF000001", 1)
    step(m, "award", ORIGINAL, "JF000001", 1)
    assert m.counters[ORIGINAL].db.scalar("SELECT MAX(position) FROM chain") > lost_head
    step(m, "export_bundle", ORIGINAL)
    step(m, "township_imports_bundle", len(m.bundles) - 1, True)
    assert rollback_steps.state.resume_flag(m.counters[ORIGINAL].db)   # new books, the old terminal
