"""A round with nothing new asks the township's state and stops: no pull while the township's
last commit is where this counter's pull cursor is, it pushed nothing and nothing of its push
waits to be judged; any of those, or an older township that does not say, and it pulls."""

from __future__ import annotations

from kiosk.services.points import grades_admin
from kiosk.sync import apply, client, state
from tests.conftest import give
from tests.sync.real_township import NOW, township  # noqa: F401  (fixture)
from tests.sync.test_township_published import _rule
from tests.sync.test_with_township import _both_enrolled, _enrol


class Counted:
    """The township's HTTP client, the paths it was asked for noted."""

    def __init__(self, http) -> None:
        self.http, self.paths = http, []

    def request(self, method, url, **options):
        self.paths.append(url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0])
        return self.http.request(method, url, **options)


def _round(db, http) -> list[str]:
    counted = Counted(http)
    result = client.sync_once(db, counted, NOW)
    assert result.ok, result
    return counted.paths


def test_nothing_new_is_one_state_and_no_pull_until_another_counter_pushes(shop, township, tmp_path):
    store, http = township
    other = _both_enrolled(shop, township, tmp_path)
    give(shop, "JF000001", 2)
    assert "v1/pull" in _round(shop.db, http)          # pushed: pulls (its push is judged there)
    assert _round(shop.db, http) == ["v1/state"]        # nothing new: the state alone
    give(other, "JF000001", 1)
    assert "v1/pull" in _round(other.db, http)
    assert "v1/pull" in _round(shop.db, http)          # the other counter's record: a pull, and it arrives
    assert state.load(shop.db).pull_cursor == str(store.cursor_hint())
    assert "v1/pull" not in _round(shop.db, http)
    other.db.close()


def _pulled_with(shop, said: dict, cursor: str = "7") -> bool:
    with shop.db.write() as conn:
        state.update(conn, pull_cursor=cursor)
    return client._pull_wanted(shop.db, said)


def test_a_pull_unless_the_township_says_nothing_waits(shop):
    assert not _pulled_with(shop, {"cursor_hint": 7, "to_settle": False})
    assert not _pulled_with(shop, {"cursor_hint": 5, "to_settle": False})   # a township restored from an older backup
    assert _pulled_with(shop, {"cursor_hint": 8, "to_settle": False})       # something committed since
    assert _pulled_with(shop, {"cursor_hint": 7, "to_settle": True})        # our push waits to be judged
    assert _pulled_with(shop, {"cursor_hint": 7})                           # an older township: always
    assert _pulled_with(shop, {"cursor_hint": "7", "to_settle": False})
    assert _pulled_with(shop, None)                                         # a new identity this round
    assert _pulled_with(shop, {"cursor_hint": 0, "to_settle": False}, cursor="")  is False


def test_a_round_with_nothing_to_pull_applies_what_the_township_published_for_today(shop, township):
    store, http = township
    _enrol(shop.db, store, http)
    _round(shop.db, http)
    rule = _rule(1, 300, NOW.date().isoformat())
    apply.apply_page(shop.db, [rule], None, "2026-11-02 18:00:00")        # pulled yesterday, kept for today
    assert shop.db.scalar("SELECT points FROM rule WHERE code = 'xz_ljfl'") is None
    paths = _round(shop.db, http)
    assert "v1/pull" not in paths
    assert shop.db.scalar("SELECT points FROM rule WHERE code = 'xz_ljfl'") == 300


def test_a_new_grade_table_or_a_moved_chain_head_is_sent_at_the_next_round(shop, township):
    store, http = township
    _enrol(shop.db, store, http)
    _round(shop.db, http)
    assert _round(shop.db, http) == ["v1/state"]
    grades_admin.set_grades(shop, [("优秀", "100", "优先"), ("良好", "50", ""), ("一般", "0", "")])
    asked = _round(shop.db, http)          # the grade table (and its audit row: the chain head moved)
    assert "v1/certificates" in asked and "v1/anchor" in asked and "v1/pull" not in asked
    assert _round(shop.db, http) == ["v1/state"]


def test_a_round_after_a_failed_one_asks_for_the_snapshots_again(shop, township):
    store, http = township
    _enrol(shop.db, store, http)
    _round(shop.db, http)
    state.record_error(shop.db, "sync_offline", "2026-11-03 10:29:00")   # the last round failed part-way
    assert "v1/certificates" in _round(shop.db, http)
    assert _round(shop.db, http) == ["v1/state"]
