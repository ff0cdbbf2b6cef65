"""What a background round closed of 积分互认 is kept in the books until someone taps 知道了
(kiosk/store/cross_notes.py, kiosk/services/sync/cross_notes.py `kept` and `acknowledge`).

Each exchange a round closes leaves one note, written in the transaction that closes it, in the words
the round says them (what happened, what to do; never an id); an exchange the counter's own press
closes leaves none (the volunteer saw its answer). A note stays until acknowledged, who and when kept
with it and in the audit trail. The villages of tests/sync/test_cross.py: 王小明 (JF000001) of 青石村
at 桃源村's counter, the township the real app.
"""

from __future__ import annotations

import pytest

from kiosk.core.cart import CartLine
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.services.audit import words as audit_words
from kiosk.services.context import SELFSERVICE, SYSTEM, Context
from kiosk.services.people import operators
from kiosk.services.shop import products
from kiosk.services.sync import cross_notes, cross_pending, cross_village
from kiosk.store import cross_notes as note_store
from kiosk.store import cross_sales
from tests.conftest import VOLUNTEER_PIN
from tests.sync.test_cross import publish_rate, qingshi, toothpaste, township, villages  # noqa: F401  (fixtures)
from tests.sync.test_cross_ends import forwarded
from tests.sync.test_cross_notes import no_id_in
from tests.sync.test_cross_pending import cut_after_commit, debits, lost, system  # noqa: F401  (lost: a fixture)
from tests.sync.test_cross_refusals_signed import _card_changed_on_the_way, lost_exchange


def said(notes) -> list[tuple[str, str]]:
    return [(note.outcome, note.text) for note in notes]


def test_a_sale_a_round_recorded_is_kept_in_its_words_with_its_slip_until_acknowledged(lost):
    _shop, here, _store, http = lost
    settled = cross_village.settle_pending(system(here), http)
    kept = cross_notes.kept(here)
    assert said(kept) == said(cross_notes.notes(settled)) and [note.outcome for note in kept] == [cross_notes.SOLD]
    assert kept[0].sale == settled.sold[0], "its slip prints from the kept note as from the round's"
    assert kept[0].key == here.db.scalar("SELECT id FROM cross_note") and no_id_in(kept, here)
    assert cross_notes.kept(here) == kept, "read again: still there"


def test_the_townships_no_is_kept_in_the_rounds_words(villages):
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    rice = products.resolve(here, "6901234567892")      # 62.50 at home; he has 30.00
    cross_pending.write_down(here, new_id(), visitor, [CartLine(rice.id, rice.name, rice.price, 1)])
    settled = cross_village.settle_pending(system(here), http)
    kept = cross_notes.kept(here)
    assert said(kept) == said(cross_notes.notes(settled)) and [note.outcome for note in kept] == [cross_notes.REFUSED]
    assert "他的分没有扣" in kept[0].text and "积分不够" in kept[0].text and kept[0].sale is None
    assert no_id_in(kept, here)


def test_an_id_held_for_another_card_is_kept_saying_call_the_clerk(villages):
    _shop, here, _store, http = villages
    visitor, middle = _card_changed_on_the_way(villages)
    with pytest.raises(Refused):
        cross_village.redeem(here, middle, visitor, toothpaste(here, 1))
    settled = cross_village.settle_pending(system(here), http)
    kept = cross_notes.kept(here)
    assert said(kept) == said(cross_notes.notes(settled)) and [note.outcome for note in kept] == [cross_notes.HELD]
    assert "乡镇管理员" in kept[0].text and no_id_in(kept, here)


def test_points_taken_for_an_exchange_ended_here_are_kept_saying_the_clerk_gives_them_back(villages):
    _shop, here, store, http = villages
    publish_rate(store)
    lost_exchange(here, http, qty=2)
    pending = cross_sales.open_pending(here.db)[0]

    def ended_meanwhile(_request):
        with here.db.write() as conn:
            cross_sales.end_pending(conn, pending["id"], "not_sent", "cross_offline", "2026-11-03 10:31:00")
    settled = cross_village.settle_pending(system(here), forwarded(http, before_redeem=ended_meanwhile))
    kept = cross_notes.kept(here)
    assert said(kept) == said(cross_notes.notes(settled)) and [note.outcome for note in kept] == [cross_notes.TAKEN]
    assert "把这 12.5 分退给这位村民" in kept[0].text and no_id_in(kept, here)


def test_several_are_kept_oldest_first_and_what_still_waits_is_no_note(villages):
    shop, here, store, http = villages
    publish_rate(store)
    first = lost_exchange(here, http)
    assert cross_village.settle_pending(system(here), cut_after_commit(http, {"left": 9})).waiting == 1
    assert cross_notes.kept(here) == (), "not closed: the waiting line says it, no note"
    cross_village.settle_pending(system(here), http)
    shop.clock.advance(minutes=5)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    rice = products.resolve(here, "6901234567892")
    cross_pending.write_down(here, new_id(), visitor, [CartLine(rice.id, rice.name, rice.price, 1)])
    cross_village.settle_pending(system(here), http)
    kept = cross_notes.kept(here)
    assert [(note.outcome, note.sale.receipt if note.sale else None) for note in kept] == [
        (cross_notes.SOLD, first), (cross_notes.REFUSED, None)]


def test_one_note_of_each_kind_an_exchange_so_a_yes_after_a_no_still_says_the_points_were_taken(lost):
    """A second closer of the same kind (two rounds at once: the window's, `kiosk sync now`) adds none;
    should a middle answer one id two ways, the township's yes after its no is kept beside it."""
    _shop, here, _store, _http = lost
    pending_id = here.db.scalar("SELECT id FROM cross_pending")
    short = {"balance": "30.00", "needed": "62.50", "home": "青石村"}
    taken = {"receipt": "W1", "home_village": "青石村", "home_total": "12.5"}
    with here.db.write() as conn:
        for outcome, code, params in [("refused", "cross_short", short), ("refused", "cross_short", short),
                                      ("taken", cross_pending.TAKEN_NOT_SOLD, taken)]:
            note_store.add(conn, new_id(), pending_id, outcome, code, params, "2026-11-03 10:40:00")
    assert [note.outcome for note in cross_notes.kept(here)] == [cross_notes.REFUSED, cross_notes.TAKEN]


def test_an_exchange_the_counters_own_press_closes_leaves_no_note(lost):
    """The volunteer pressing 确认兑换 again sees the answer on the spot: nothing to keep."""
    _shop, here, _store, http = lost
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    sale = cross_village.redeem(here, http, visitor, toothpaste(here))
    assert here.db.scalar("SELECT outcome FROM cross_pending_end") == "sold" and sale.receipt
    assert cross_notes.kept(here) == () and here.db.scalar("SELECT COUNT(*) FROM cross_note") == 0


def test_a_note_that_cannot_be_written_leaves_the_exchange_open_never_closed_without_it(lost, monkeypatch):
    """One transaction: the sale and its note, or neither (the exchange waits, asked again next round)."""
    _shop, here, store, http = lost

    def books_fail(*_args, **_kwargs):
        raise RuntimeError("the PC lost power here")
    monkeypatch.setattr(note_store, "add", books_fail)
    with pytest.raises(RuntimeError):
        cross_village.settle_pending(system(here), http)
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0 and cross_village.waiting(here) == 1
    assert here.db.scalar("SELECT COUNT(*) FROM cross_pending_end") == 0
    monkeypatch.undo()
    assert len(cross_village.settle_pending(system(here), http).sold) == 1 and debits(store) == 1
    assert [note.outcome for note in cross_notes.kept(here)] == [cross_notes.SOLD]


def test_acknowledged_it_is_kept_as_seen_by_whom_and_when_with_an_audit_row_once(lost, volunteer):
    _shop, here, _store, http = lost
    cross_village.settle_pending(system(here), http)
    (note,) = cross_notes.kept(here)
    here.clock.advance(minutes=3)
    cross_notes.acknowledge(volunteer, note.key)
    assert cross_notes.kept(here) == ()
    row = here.db.one("SELECT seen_by, seen_at, noted_at FROM cross_note")
    audit = here.db.all("SELECT operator_name, target_id, after, at FROM audit WHERE action = 'sale.cross_note_seen'")
    assert [(a["operator_name"], a["target_id"]) for a in audit] == [(volunteer.actor.name, note.key)]
    assert row["seen_by"] == volunteer.actor.operator_id
    assert row["noted_at"] < row["seen_at"] <= audit[0]["at"], "when: as the audit row says it, after the note"
    assert note.sale.receipt in audit[0]["after"]
    assert (audit_words.did("sale.cross_note_seen"), audit_words.target("cross_note", note.key)) == (
        "看过外村兑换的结果（点了“知道了”）", "外村兑换的提醒"), "the trail says it in words, never an id"
    here.clock.advance(minutes=1)
    cross_notes.acknowledge(here, note.key)       # another window, a moment later: the first stays
    assert here.db.one("SELECT seen_by, seen_at FROM cross_note")["seen_at"] == row["seen_at"]
    assert here.db.scalar("SELECT COUNT(*) FROM audit WHERE action = 'sale.cross_note_seen'") == 1


@pytest.mark.parametrize("who", [SELFSERVICE, SYSTEM])
def test_only_a_person_at_the_counter_acknowledges_a_note(lost, who):
    _shop, here, _store, http = lost
    cross_village.settle_pending(system(here), http)
    (note,) = cross_notes.kept(here)
    with pytest.raises(Refused) as refused:
        cross_notes.acknowledge(Context(here.db, who, here.clock), note.key)
    assert refused.value.code == "not_allowed"
    assert cross_notes.kept(here) == (note,)


@pytest.fixture
def volunteer(lost):
    """张晓燕 logged in at 桃源村's counter."""
    here = lost[1]
    return here.as_actor(operators.login(here.db, "张晓燕", VOLUNTEER_PIN, here.clock.now()))
