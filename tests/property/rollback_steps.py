"""The sync state machine's counters going back in time (tests/property/test_sync_state_machine.py).

A counter's database is copied as it stands (checkpointed: a copy without its -wal, what a
backup or a copied file is), work goes on, and later the copy is put back (a power cut that
took the WAL, an old copy restored by hand). A copy older than the counter's last sync is a
real rollback: the township holds records the copy lacks, and the next sync must find it out,
give the counter a new identity and number, and pull the lost records back. A copy taken
after it is put back harmlessly. What the copy's counter made after the copy and never synced
is really lost (the power cut took it): nothing checks for it.

What a put-back copy may do that a counter never does otherwise, and the machine allows only
for identities whose copy was put back: send another record under a (terminal, seq) the
township holds (a bundle it exports before its next online sync, refused as a fork or a
conflict), show the township books that no longer extend the head it kept for that terminal
(a bundle it exports after a reply on the stick healed it: a 'rejected' incident, reason
chain_rewritten, which they are), and give a receipt number again before its next sync finds
it out.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from kiosk.services.setup import create as setup
from kiosk.services.context import Context
from kiosk.sync import state


class RollbackSteps:
    """Mixed into SyncMachine: needs self.counters, self.store, self.tmp, self.net."""

    def start_rollbacks(self) -> None:
        self.copies: list[tuple[int, Path]] = []          # (counter, a copy of its database file)
        self.lives = [0] * len(self.counters)             # how often each counter was put back
        self.put_back_identities: set[str] = set()        # township terminal ids of copies put back
        self.put_back_numbers: set[int] = set()           # and their receipt numbers
        self.net.may_fork = self.put_back_identities

    def life(self, n: int) -> tuple[int, int]:
        """A counter put back is another counter for what it knew: its sales after the copy are lost to it."""
        return n, self.lives[n]

    def copy_a_database(self, n: int) -> None:
        db = self.counters[n].db
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        copy = self.tmp / f"copy-{n + 1}-{len(self.copies)}.sqlite"
        shutil.copyfile(Path(db.path), copy)
        self.copies.append((n, copy))

    def put_back(self, pick: int) -> None:
        """The PC comes back up with an older file and no WAL."""
        n, copy = self.copies[pick % len(self.copies)]
        ctx = self.counters[n]
        path = Path(ctx.db.path)
        ctx.db.close()
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        shutil.copyfile(copy, path)
        self.counters[n] = Context(setup.open_shop(path), ctx.actor, ctx.clock)
        self.lives[n] += 1
        went_back = self.township_holds_more_than(self.counters[n])
        self.put_back_identities.add(state.load(self.counters[n].db).terminal_id)
        self.put_back_numbers.add(self.counters[n].terminal.number)
        event("a counter put back to a copy older than its last sync" if went_back
              else "a counter put back to a copy the township has nothing more than")

    @precondition(lambda self: not all(self.lives))
    @rule(pick=st.integers(0, 2), who=st.sampled_from(("JF000001", "JF000003", "JF000004")),
          sales=st.integers(1, 2), synced_after_the_copy=st.booleans())
    def counter_loses_its_last_minutes(self, pick, who, sales, synced_after_the_copy):
        """A copy, sales (maybe synced) after it, the copy put back. Synced: a real rollback, the
        township holds what the books lost. Not synced: those sales are gone, the township never had them.
        Once per counter (a counter put back twice, or a copy of a copy, is left out: see the module)."""
        n = [m for m, lives in enumerate(self.lives) if not lives][pick % self.lives.count(0)]
        self.copy_a_database(n)
        for _ in range(sales):
            self.redeem(n, who, "6920000000012", 1)
        if synced_after_the_copy:
            self.sync_round(n, [])
        self.put_back(len(self.copies) - 1)

    def township_holds_more_than(self, ctx: Context) -> bool:
        current = state.load(ctx.db)
        held = self.store.one("SELECT high_water FROM terminal WHERE id = ?", (current.terminal_id,))[0]
        mine = ctx.db.scalar("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE terminal_id = ?",
                             (current.local_terminal_id,)) + current.seq_base
        return held > current.pushed_high_water and held > mine

    # ------------------------------------------------------------------ checks

    def reidentified(self) -> set[str]:
        """Terminals the township gave to counters whose books went back."""
        return {json.loads(r["detail"])["new_terminal"] for r in self.store.all(
            "SELECT detail FROM incident WHERE kind = 'fork' AND detail LIKE '%reidentified%'")}

    def allowed_incident(self, kind: str, terminal_id: str, detail: dict) -> bool:
        if terminal_id not in self.put_back_identities:
            return False
        return kind == "fork" or (kind == "rejected" and detail.get("reason") == "chain_rewritten")

    def check_renewed_terminal(self, tid: str, seqs: list[int], high_water: int) -> None:
        """A renewed terminal carried the old identity's unacknowledged records: those the township
        already had were answered `duplicate` and are held once, under the old terminal."""
        assert set(seqs) <= set(range(1, high_water + 1)), f"{tid}: seqs {seqs[:5]}… high water {high_water}"
        for seq in sorted(set(range(1, high_water + 1)) - set(seqs)):
            sent = [self.net.sent[(tid, seq)], *self.net.forked.get((tid, seq), ())]
            assert any(self.store.one("SELECT 1 FROM record WHERE id = ?", (one[0],)) for one in sent), \
                f"{tid}:{seq} ({sent}) answered duplicate but held nowhere"

    def check_no_receipt_given_again(self, n: int, receipt: str, sale_id: str) -> None:
        """A counter that is not a put-back copy waiting for its next sync never repeats a receipt."""
        if state.load(self.counters[n].db).terminal_id in self.put_back_identities:
            return
        for r in self.store.all("SELECT json_extract(body, '$.id') FROM record WHERE type = 'sale'"
                                " AND json_extract(body, '$.receipt') = ?", (receipt,)):
            assert r[0] == sale_id, f"receipt {receipt} given again (sale {sale_id}, township has {r[0]})"
        for m, other in enumerate(self.counters):
            if m != n:
                held = other.db.scalar("SELECT id FROM sale WHERE receipt = ?", (receipt,))
                assert held in (None, sale_id), f"receipt {receipt} given again: counter {m + 1} has it"

    def receipts_given_twice(self, ctx: Context) -> None:
        """A receipt marked -R names a clash: the same number is held unmarked, by a sale of a put-back copy."""
        for r in ctx.db.all("SELECT id, receipt FROM sale WHERE receipt LIKE '%-R'"):
            plain = r["receipt"].rstrip("-R")
            assert ctx.db.scalar("SELECT 1 FROM sale WHERE receipt = ?", (plain,)), f"{r['receipt']}: no clash"
            number = int(re.match(r"\d+-(\d+)-", plain).group(1))
            assert number in self.put_back_numbers, f"receipt {plain} given twice, not by a put-back copy"
