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
from kiosk.messages.audit import CHAIN_KIND_WORDS as KIND_WORDS
from kiosk.sync.authority import TOWNSHIP_ID
from kiosk.store import chain, chain_outside, chain_received
from kiosk.store import outbox as outbox_store
from kiosk.store.bodies import SPECS
from kiosk.store import chain_verify as verify



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
            held.append(f"校验码 {anchor} 对得上：到第 {anchor.position} 条为止，打印以后账本没被改过"
                        f" (the printed code still holds)")
    return problems, held


def _broken_words(conn, position: int) -> str:
    """The first link that no longer holds, as the record it stands for."""
    row = verify.row_from(conn, position)
    if row is None:
        return f"账本链条在第 {position} 条断开：那里的记录被删掉了 (books' chain broken at position {position})"
    kind, record_id, body, read_now = row
    if kind == "audit":
        verb = "被改动或删除过"
    elif read_now:
        verb = "被删除了" if not body else "被改动过"
        body = body or _remembered(conn, record_id)
    else:
        verb = "或它前后的记录被改动、插入、删除或调换过"
    return (f"第 {position} 条记账对不上：{describe(conn, kind, record_id, body)}{verb}"
            f" (books' chain broken at position {position}: {kind} {record_id})")


def outside(conn) -> list[str]:
    """Each stretch of the chain the program found written outside it, with its first record."""
    problems = []
    for at, first, last in chain_outside.found(conn):
        row = verify.row_from(conn, first) if first else None
        one = first == last
        span = f"第 {first} 条记账" if one else f"第 {first}–{last} 条记账（{last - first + 1} 条）"
        what = f"，{'它' if one else '第一条'}是{describe(conn, row[0], row[1], row[2])}" if row else ""
        problems.append(f"{span}不是本程序写入的：有人绕过程序直接改了数据库文件{what}。"
                        f"程序在 {at[:16]} 发现并记下了{'它' if one else '它们'}，请{'' if one else '逐条'}核对"
                        f" (books written outside the program: chain positions {first}-{last}, found {at})")
    return problems


def outbox_outside(conn) -> list[str]:
    """Each body waiting to go to the township that someone wrote outside the program."""
    return [f"等着发给乡镇的{KIND_WORDS.get(kind, kind)}（{record_id}）被人绕过程序改过，和账本对不上："
            f"程序在 {at[:16]} 发现，已按账本重新发送。有人想让乡镇看到账本里没有的积分，请查清是谁"
            f" (a body waiting in sync_outbox was written outside the program: {kind} {record_id}, found {at})"
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
        return [f"校验码 {anchor} 所在的第 {anchor.position} 条已不在账本里：打印以后账本被删短过"
                f" (the books are shorter than the printed code's position)"]
    if anchor_of(anchor.position, found.links[anchor.position]).code != anchor.code:
        return [f"校验码 {anchor} 对不上：打印这张单子以后，第 {anchor.position} 条及以前的账被重写过"
                f" (the books up to the printed code were rewritten)"]
    return []


def _kept(position: int, code: str, source: str, found: verify.Walk) -> list[str]:
    """A head the township (or a slip) saw, kept here: the books must still give it."""
    who = "乡镇" if source == "township" else "单子上"
    if position > found.length:
        return [f"{who}记下的账本到第 {position} 条，现在的账本比它短：那以后有记录被删掉了"
                f" (the books are shorter than the {source} anchor at {position})"]
    now = found.links[position]
    if (now if source == "township" else anchor_of(position, now).code) != code:
        return [f"{who}记下的第 {position} 条账本校验对不上：那次同步以后，到第 {position} 条为止的账被重写过"
                f" (the {source} anchor at position {position} no longer holds)"]
    return []


def records(conn) -> list[str]:
    """Problems between the chain's bodies and the records in their tables."""
    problems = []
    for seq in verify.audit_unchained(conn)[:1]:
        problems.append(f"操作记录第 {seq} 条不在账本链条里：是绕过程序加进去的 (audit row {seq} not chained)")
    changed = _changed(conn)
    if changed:
        position, kind, record_id, body, now = min(changed)
        problems.append(_changed_words(conn, position, kind, record_id, body, now, len(changed)))
    for table, kind, parents in verify.ACCOUNTED:
        ids = verify.unchained(conn, table, kind, parents)
        if ids:
            problems.append(f"有 {len(ids)} 条{KIND_WORDS[kind]}不在账本链条里（绕过程序加进去的），"
                            f"第一条：{_describe_row(conn, kind, ids[0])}{_claimed(conn, table, ids[0], parents)}"
                            f" ({kind} not chained: {ids[0]})")
    problems += _received_problems(conn)
    for name in verify.operators_unchained(conn):
        problems.append(f"操作员 {name} 不在账本链条里：是绕过程序加进去的 (operator not chained)")
    unchained_grades = verify.year_grades_unchained(conn)
    if unchained_grades:
        year, household_id = unchained_grades[0]
        problems.append(f"有 {len(unchained_grades)} 条{KIND_WORDS['year_grade']}不在账本链条里（绕过程序加进去的），"
                        f"第一条：{year} 年 {_house_no(conn, household_id)} (year grade not chained: {year}/{household_id})")
    return problems


def _received_problems(conn) -> list[str]:
    """Received records forged into the file, and another counter's entries deleted here."""
    problems = []
    forged = chain_received.unchained(conn)
    if forged:
        problems.append(f"有 {len(forged)} 条{KIND_WORDS['received']}不在账本链条里（绕过程序加进去的，"
                        f"假装是别的收银台或乡镇发来的），第一条：{_describe_received(conn, forged[0])}"
                        f" (received record not chained: {forged[0]})")
    marked = chain_received.unchained(conn, chain_received.APPLIED)
    if marked:
        problems.append(f"有 {len(marked)} 条收到的记录被标成“已入账”，账本链条里却没有这一步（绕过程序改的），"
                        f"第一条：{_describe_received(conn, marked[0])} (received record marked applied by hand: {marked[0]})")
    gone = chain_received.entries_gone(conn)
    if gone:
        problems.append(f"有 {len(gone)} 条别的收银台发来的积分流水在这台电脑的账里不见了（绕过程序删掉的），"
                        f"第一条：{describe(conn, 'entry', gone[0][0], gone[0][1])} (received entry gone: {gone[0][0]})")
    return problems


def _house_no(conn, household_id: str) -> str:
    return verify.house_no(conn, household_id) or household_id


def _describe_received(conn, record_id: str) -> str:
    found = chain_received.received_body(conn, record_id)
    return _from_elsewhere(conn, *found) if found else KIND_WORDS["received"]


def _from_elsewhere(conn, kind: str, body: str, terminal_id: str | None = None) -> str:
    """'别的收银台发来的 2026-03-01 10:20 记的积分流水（张三）' from a received record's type and body."""
    who = "乡镇" if terminal_id == TOWNSHIP_ID else "别的收银台"
    return f"{who}发来的{describe(conn, kind, '', body)}"


def _claimed(conn, table: str, record_id: str, parents: tuple[str, ...]) -> str:
    """'，它说自己属于…兑换单（王小明，…），可那张单子记账时并没有它' for a row naming a chained parent."""
    parent = verify.carried_by(conn, table, record_id, parents)
    if parent is None:
        return ""
    kind, parent_id, body = parent
    return f"，它说自己属于{describe(conn, kind, parent_id, body)}，可那张单子记账时并没有它"


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
    more = f"（共 {count} 处）" if count > 1 else ""
    if kind == "operator":
        before, after = json.loads(body), json.loads(now)
        if before.get("pin_hash") != after.get("pin_hash"):
            return (f"操作员 {after.get('name') or before.get('name')} 的 PIN 不是程序最后登记的那个："
                    f"有人绕过程序换了它，请马上停用这个操作员并重设 PIN{more}"
                    f" (operator PIN hash differs from the last chained PIN change)")
    gone = json.loads(now).get("removed")
    verb = "被删除了" if gone else "被改动过"
    added, added_en = _added_parts(conn, kind, body, now)
    return (f"第 {position} 条记账对不上：{what}{verb}{added}{more}"
            f" ({kind} {record_id} {'removed' if gone else 'changed'}{added_en})")


def _added_parts(conn, kind: str, body: str, now: str) -> tuple[str, str]:
    """('：多了 1 条出入库记录，第一条：…，那张单子记账时并没有它', english) for a record whose
    body now carries rows of its own kind (entries, stock moves) that its chained body did not."""
    spec = SPECS.get(kind)
    try:
        before, after = json.loads(body or "{}"), json.loads(now or "{}")
    except ValueError:
        return "", ""
    for part in spec.parts if spec else ():
        if part.table not in KIND_WORDS or not isinstance(before, dict) or not isinstance(after, dict):
            continue   # lines and the like: not records of their own
        was = {row.get("id") for row in _part_rows(before.get(part.name))}
        extra = [row for row in _part_rows(after.get(part.name)) if row.get("id") not in was]
        if extra:
            first = extra[0]
            return (f"：多了 {len(extra)} 条{KIND_WORDS[part.table]}，第一条："
                    f"{describe(conn, part.table, str(first.get('id')), json.dumps(first))}，"
                    f"那张单子记账时并没有它（绕过程序加进去的）",
                    f"; {part.table} {first.get('id')} not in its chained body")
    return "", ""


def _part_rows(value) -> list[dict]:
    return [value] if isinstance(value, dict) else [row for row in value or () if isinstance(row, dict)]


def describe(conn, kind: str, record_id: str, body: str | None) -> str:
    """'2026-03-01 10:20 记的积分流水（张三，兑换 261122-01-0003）' from a chained body."""
    word = KIND_WORDS.get(kind, kind)
    if kind == "audit":
        return f"操作记录第 {record_id} 条"
    try:
        data = json.loads(body or "{}")
    except ValueError:
        data = {}
    if kind == chain_received.RECEIVED and isinstance(data, dict) and data.get("type"):
        return _from_elsewhere(conn, str(data["type"]), str(data.get("body") or ""), data.get("terminal_id"))
    if kind == chain_received.APPLIED:
        return f"{_describe_received(conn, record_id)}的“已入账”标记"
    details = []
    if data.get("resident_id"):
        details.append(verify.resident_name(conn, data["resident_id"]) or "")
    for key in ("receipt", "name", "house_no", "note"):
        if data.get(key):
            details.append(str(data[key]))
            break
    when = str(data.get("at") or data.get("created_at") or "")[:16].replace("T", " ")
    inside = "，".join(d for d in details if d)
    return f"{when + ' 记的' if when else ''}{word}{'（' + inside + '）' if inside else ''}"


def _describe_row(conn, kind: str, record_id: str) -> str:
    body = verify.bodies_of(conn, kind, [record_id])[record_id]
    return describe(conn, kind, record_id, body)
