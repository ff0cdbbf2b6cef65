"""`kiosk check` for the books' chain, in plain words.

Two halves that can run side by side: `links` recomputes every link from the records and
stored bodies (and the links printed codes and the township name); `records` compares each
stored body (sales, residents, operators …) with the record it stands for, finds records the
chain does not know, and operators whose PIN hash is not the last one chained. The first record that no longer matches is named: what kind, whose,
made when.
"""

from __future__ import annotations

import json

from kiosk.core.chain_code import Anchor, anchor_of
from kiosk.messages.check import CHAIN_KIND_WORDS
from kiosk.sync.authority import TOWNSHIP_ID
from kiosk.store import chain, chain_received, journal_coverage, outside_spans, township_key_chained
from kiosk.store import outbox as outbox_store
from kiosk.store.bodies import SPECS
from kiosk.store import chain_verify as verify
from kiosk.services.audit.check_words import Found, kind_word, said



def shared_walk(conn, against: list[Anchor]) -> verify.SharedWalk:
    """The walk of every link that `links` needs (at the printed codes and the kept anchors),
    for one or more connections to take part in."""
    wanted = {anchor.position for anchor in against} | {row[0] for row in chain.anchors(conn)}
    return verify.SharedWalk(conn, wanted)


def links(conn, against: list[Anchor], shared: verify.SharedWalk | None = None) -> tuple[list[str], list[str]]:
    """Problems with the links themselves and the printed codes given; the codes that hold.
    `shared` is `shared_walk`'s, once every connection that took part is done; without it
    `conn` walks alone."""
    if shared is None:
        shared = shared_walk(conn, against)
        shared.take_part(conn)
    kept = [row for row in chain.anchors(conn) if row[0] in shared.wanted]   # an anchor kept since is next time's
    found = shared.result(conn)
    problems = []
    if found.first_broken is not None:
        problems.append(_broken_words(conn, found.first_broken))
    for position, code, source in kept:
        problems += _kept(position, code, source, found)
    held = []
    for anchor in against:
        wrong = _against(anchor, found)
        problems += wrong
        if not wrong:
            held.append(said("code_holds", code=anchor, position=anchor.position))
    return problems, held


def _broken_words(conn, position: int) -> str:
    """The first link that no longer holds, as the record it stands for."""
    row = verify.row_from(conn, position)
    if row is None:
        return Found(said("chain_cut", position=position), f"books' chain broken at position {position}")
    kind, record_id, body, read_now = row
    if kind == "audit":
        code = "broken_audit"
    elif read_now:
        code = "broken_removed" if not body else "broken_changed"
        body = body or _remembered(conn, record_id)
    else:
        code = "broken_around"
    return Found(said(code, position=position, what=describe(conn, kind, record_id, body)),
                 f"books' chain broken at position {position}: {kind} {record_id}")


def outside(conn) -> list[str]:
    """Each stretch of the chain the program found written outside it, with its first record."""
    problems = []
    for at, first, last in outside_spans.found(conn):
        row = verify.row_from(conn, first) if first else None
        code = ("outside_one" if first == last else "outside_many") + ("" if row else "_bare")
        what = describe(conn, row[0], row[1], row[2]) if row else ""
        problems.append(Found(said(code, first=first, last=last, count=last - first + 1, what=what, at=at[:16]),
                              f"books written outside the program: chain positions {first}-{last}, found {at}"))
    return problems


def outbox_outside(conn) -> list[str]:
    """Each body waiting to go to the township that someone wrote outside the program."""
    return [Found(said("outbox_written", what=_describe_row(conn, kind, record_id), at=at[:16]),
                  f"a body waiting in sync_outbox was written outside the program: {kind} {record_id}, found {at}")
            for at, record_id, kind in outbox_store.found_written_outside(conn)]


def _remembered(conn, record_id: str) -> str:
    """A deleted record's time and resident, from the audit row that recorded it."""
    found = verify.audit_about(conn, record_id)
    if found is None:
        return ""
    try:
        after = json.loads(found[1] or "{}")
    except ValueError:
        after = {}
    return json.dumps({"at": found[0], "name": after.get("resident") if isinstance(after, dict) else None})


def _against(anchor: Anchor, found: verify.Walk) -> list[str]:
    if anchor.position > found.length:
        return [Found(said("code_short", code=anchor, position=anchor.position),
                      "the books are shorter than the printed code's position")]
    if anchor_of(anchor.position, found.links[anchor.position]).code != anchor.code:
        return [Found(said("code_rewritten", code=anchor, position=anchor.position),
                      "the books up to the printed code were rewritten")]
    return []


def _kept(position: int, code: str, source: str, found: verify.Walk) -> list[str]:
    """A head the township (or a slip) saw, kept here: the books must still give it."""
    who = "township" if source == "township" else "slip"
    if position > found.length:
        return [Found(said(who + "_short", position=position),
                      f"the books are shorter than the {source} anchor at {position}")]
    now = found.links[position]
    if (now if source == "township" else anchor_of(position, now).code) != code:
        return [Found(said(who + "_rewritten", position=position),
                      f"the {source} anchor at position {position} no longer holds")]
    return []


def records(conn) -> list[str]:
    """Problems between the chain's bodies and the records in their tables."""
    problems = []
    for seq in verify.audit_unchained(conn)[:1]:
        problems.append(Found(said("audit_unchained", seq=seq), f"audit row {seq} not chained"))
    changed = _changed(conn)
    if changed:
        position, kind, record_id, body, now = min(changed)
        problems.append(_changed_words(conn, position, kind, record_id, body, now, len(changed)))
    for table, kind, parents in verify.ACCOUNTED:
        ids = verify.unchained(conn, table, kind, parents)
        if ids:
            problems.append(_unchained_words(conn, table, kind, parents, ids))
    for table, parents in journal_coverage.JOURNALED:
        ids = journal_coverage.unjournaled(conn, table, parents)
        if ids:
            problems.append(Found(said("unjournaled", count=len(ids), kind=kind_word(table),
                                       what=_describe_row(conn, table, ids[0])), f"{table} not in the journal: {ids[0]}"))
    problems += _received_problems(conn)
    for name in verify.operators_unchained(conn):
        problems.append(Found(said("operator_unchained", name=name), f"operator not chained: {name}"))
    unchained_grades = verify.year_grades_unchained(conn)
    if unchained_grades:
        year, household_id = unchained_grades[0]
        problems.append(Found(said("year_grade_unchained", count=len(unchained_grades), kind=kind_word("year_grade"),
                                   year=year, house_no=_house_no(conn, household_id)),
                              f"year grade not chained: {year}/{household_id}"))
    if township_key_chained.unchained(conn):
        problems.append(Found(said("township_key_unchained", kind=kind_word(township_key_chained.TOWNSHIP_KEY)),
                              "township key not chained"))
    return problems


def _received_problems(conn) -> list[str]:
    """Received records forged into the file, and another counter's entries deleted here."""
    problems = []
    forged = chain_received.unchained(conn)
    if forged:
        problems.append(Found(said("received_forged", count=len(forged), kind=kind_word("received"),
                                   what=_describe_received(conn, forged[0])), f"received record not chained: {forged[0]}"))
    marked = chain_received.unchained(conn, chain_received.APPLIED)
    if marked:
        problems.append(Found(said("received_marked", count=len(marked), what=_describe_received(conn, marked[0])),
                              f"received record marked applied by hand: {marked[0]}"))
    gone = chain_received.entries_gone(conn)
    if gone:
        problems.append(Found(said("received_gone", count=len(gone), what=describe(conn, "entry", gone[0][0], gone[0][1])),
                              f"received entry gone: {gone[0][0]}"))
    return problems


def _house_no(conn, household_id: str) -> str:
    return verify.house_no(conn, household_id) or said("a_household")


def _describe_received(conn, record_id: str) -> str:
    found = chain_received.received_body(conn, record_id)
    return _from_elsewhere(conn, *found) if found else kind_word("received")


def _from_elsewhere(conn, kind: str, body: str, terminal_id: str | None = None) -> str:
    """'别的收银台发来的 2026-03-01 10:20 记的积分流水（张三）' from a received record's type and body."""
    code = "from_township" if terminal_id == TOWNSHIP_ID else "from_counter"
    return said(code, what=describe(conn, kind, "", body))


def _unchained_words(conn, table: str, kind: str, parents: tuple[str, ...], ids: list[str]) -> str:
    """Records the chain does not know, the first named, with the chained record it claims to be
    part of (…兑换单（王小明，…）, which did not carry it when it was chained)."""
    what, parent = _describe_row(conn, kind, ids[0]), verify.carried_by(conn, table, ids[0], parents)
    trace = f"{kind} not chained: {ids[0]}"
    if parent is None:
        return Found(said("unchained", count=len(ids), kind=kind_word(kind), what=what), trace)
    return Found(said("unchained_claimed", count=len(ids), kind=kind_word(kind), what=what,
                      parent=describe(conn, parent[0], parent[1], parent[2])), trace)


def _changed(conn) -> list[tuple[int, str, str, str, str]]:
    out = []
    for kind in verify.WITH_PARTS:
        out += [(p, kind, i, b, now) for p, i, b, now in verify.changed_rows(conn, kind, verify.chained(conn, kind))]
    for kind in verify.VERSIONED:
        latest = verify.chained(conn, kind, latest_only=True)
        out += [(p, kind, i, b, now) for p, i, b, now in verify.changed_rows(conn, kind, latest)]
    return out


def _changed_words(conn, position, kind, record_id, body, now, count) -> str:
    what = describe(conn, kind, record_id, body)
    more = said("places", count=count) if count > 1 else ""
    if kind == "operator":
        before, after = json.loads(body), json.loads(now)
        if before.get("pin_hash") != after.get("pin_hash"):
            return Found(said("pin_swapped", name=after.get("name") or before.get("name"), more=more),
                         f"operator {record_id} PIN hash differs from the last chained PIN change")
    code = "removed" if json.loads(now).get("removed") else "changed"
    added, extra = _added_parts(conn, kind, body, now)
    return Found(said(code, position=position, what=what, added=added, more=more),
                 f"{kind} {record_id} {code}{extra}")


def _added_parts(conn, kind: str, body: str, now: str) -> tuple[str, str]:
    """('：多了 1 条出入库记录，第一条：…，那张单子记账时并没有它', its trace) for a record whose
    body now carries rows of its own kind (entries, stock moves) that its chained body did not."""
    spec = SPECS.get(kind)
    try:
        before, after = json.loads(body or "{}"), json.loads(now or "{}")
    except ValueError:
        return "", ""
    for part in spec.parts if spec else ():
        if part.table not in CHAIN_KIND_WORDS or not isinstance(before, dict) or not isinstance(after, dict):
            continue   # lines and the like: not records of their own
        was = {row.get("id") for row in _part_rows(before.get(part.name))}
        extra = [row for row in _part_rows(after.get(part.name)) if row.get("id") not in was]
        if extra:
            first = extra[0]
            return (said("added_parts", count=len(extra), kind=kind_word(part.table),
                         what=describe(conn, part.table, str(first.get("id")), json.dumps(first))),
                    f"; {part.table} {first.get('id')} not in its chained body")
    return "", ""


def _part_rows(value) -> list[dict]:
    return [value] if isinstance(value, dict) else [row for row in value or () if isinstance(row, dict)]


def describe(conn, kind: str, record_id: str, body: str | None) -> str:
    """'2026-03-01 10:20 记的积分流水（张三，兑换 261122-01-0003）' from a chained body."""
    if kind == "audit":
        return said("audit_row", seq=record_id)
    try:
        data = json.loads(body or "{}")
    except ValueError:
        data = {}
    if kind == chain_received.RECEIVED and isinstance(data, dict) and data.get("type"):
        return _from_elsewhere(conn, str(data["type"]), str(data.get("body") or ""), data.get("terminal_id"))
    if kind == chain_received.APPLIED:
        return said("applied_mark", what=_describe_received(conn, record_id))
    details = []
    if data.get("resident_id"):
        details.append(verify.resident_name(conn, data["resident_id"]) or "")
    for key in ("receipt", "name", "house_no", "note"):
        if data.get(key):
            details.append(str(data[key]))
            break
    when = str(data.get("at") or data.get("created_at") or "")[:16].replace("T", " ")
    return _named(kind_word(kind), when, "，".join(d for d in details if d))


def _named(kind: str, when: str, details: str) -> str:
    if when:
        return said("made_at", when=when, kind=kind, details=details) if details else \
            said("made_at_plain", when=when, kind=kind)
    return said("kind_details", kind=kind, details=details) if details else kind


def _describe_row(conn, kind: str, record_id: str) -> str:
    body = verify.bodies_of(conn, kind, [record_id])[record_id]
    return describe(conn, kind, record_id, body)
