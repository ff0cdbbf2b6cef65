"""What `kiosk check` says is for a village manager: Chinese words that name records by who and
when, never an English word or a record's id; the ids and positions go to `--json`'s traces."""

from __future__ import annotations

import json
import re

from kiosk.cli import main
from kiosk.services.audit.check import run_check
from kiosk.store.migrations import open_database
from tests.services.audit.test_chain_tamper import books, tamper  # noqa: F401  (books: a fixture)

IDS_OR_ENGLISH = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}|forged|[A-Za-z]{4,}")


def _tampered(path) -> None:
    """Three edits by hand: a forged award, a balance raised, an audit row changed."""
    tamper(path, "INSERT INTO entry (id, account_id, resident_id, kind, hundredths, note, terminal_id,"
                 " activity_date, at) SELECT 'forged-1', account_id, resident_id, 'award', 100000, '',"
                 " terminal_id, activity_date, at FROM entry WHERE kind = 'award' LIMIT 1",
           "UPDATE balance SET hundredths = hundredths + 500 WHERE rowid = (SELECT MIN(rowid) FROM balance)",
           "UPDATE audit SET operator_name = '某人' WHERE seq = 3", drop=("audit_no_update",))


def test_problems_name_records_in_words_and_keep_ids_for_the_trace(books):  # noqa: F811
    _tampered(books)
    db = open_database(books)
    try:
        report = run_check(db)
    finally:
        db.close()
    assert len(report.problems) >= 3
    for problem in report.problems:
        assert not IDS_OR_ENGLISH.search(problem), problem
    assert any("余额缓存不符：" in p and "的余额记的是" in p for p in report.problems)
    assert any(trace.startswith("entry not chained: forged-1") for trace in report.traces)


def test_json_carries_the_traces_and_english_is_english(books, capsys, monkeypatch):  # noqa: F811
    _tampered(books)
    assert main(["--db", str(books), "--json", "check"]) != 0
    shown = json.loads(capsys.readouterr().out)
    assert len(shown["traces"]) == len(shown["problems"]) and "entry not chained: forged-1" in shown["traces"]
    monkeypatch.setenv("KIOSK_LANG", "en")
    assert main(["--db", str(books), "check"]) != 0
    said = capsys.readouterr()
    assert "not in the books' chain (added behind the program's back)" in said.out + said.err
    assert "Kept balance differs" in said.out + said.err


def test_every_chained_kind_has_a_word_in_both_languages():
    """A kind with no word would show its code (`supplier`) in the middle of a Chinese sentence."""
    from kiosk.i18n import _
    from kiosk.messages.check import CHAIN_KIND_WORDS
    from kiosk.store.bodies import SPECS
    from kiosk.store.chain import INLINE
    kinds = set(SPECS) | set(INLINE) | {"audit", "operator"}
    assert kinds <= set(CHAIN_KIND_WORDS), kinds - set(CHAIN_KIND_WORDS)
    assert all(_(CHAIN_KIND_WORDS[kind], "en") != CHAIN_KIND_WORDS[kind] for kind in kinds)
