"""The audit trail: append-only, each row hashing the one before it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass

GENESIS = "0" * 64
_SEP = "\x1f"


def row_hash(prev_hash: str, seq: int, at: str, operator_id: str | None, operator_name: str,
             action: str, target_type: str, target_id: str, before: str, after: str) -> str:
    text = _SEP.join(
        (prev_hash, str(seq), at, operator_id or "", operator_name, action,
         target_type, target_id, before, after)
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _json(value: object) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def append(conn: sqlite3.Connection, *, at: str, operator_id: str | None, operator_name: str,
           action: str, target_type: str, target_id: str,
           before: object = None, after: object = None) -> None:
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    before_text, after_text = _json(before), _json(after)
    digest = row_hash(prev, seq, at, operator_id, operator_name, action, target_type,
                      target_id, before_text, after_text)
    conn.execute(
        "INSERT INTO audit (seq, at, operator_id, operator_name, action, target_type, target_id,"
        " before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, operator_id, operator_name, action, target_type, target_id,
         before_text, after_text, prev, digest),
    )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('audit_head', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (f"{seq}:{digest}",),
    )


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    problem: str  # "changed", "missing", "relinked"


def verify_chain(conn: sqlite3.Connection) -> ChainBreak | None:
    """The first row whose hash or link does not hold, or None if the chain is whole."""
    prev, expected_seq = GENESIS, 1
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: half a million rows go faster
    cursor.execute(
        "SELECT seq, at, operator_id, operator_name, action, target_type, target_id,"
        " before, after, prev_hash, hash FROM audit ORDER BY seq"
    )
    sha256, join = hashlib.sha256, _SEP.join
    for seq, at, op_id, op_name, action, ttype, tid, before, after, prev_hash, digest in cursor:
        if seq != expected_seq:
            return ChainBreak(expected_seq, "missing")
        if prev_hash != prev:
            return ChainBreak(seq, "relinked")
        text = join((prev, str(seq), at, op_id or "", op_name, action, ttype, tid, before, after))
        if sha256(text.encode("utf-8")).hexdigest() != digest:
            return ChainBreak(seq, "changed")
        prev, expected_seq = digest, seq + 1
    head = conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    if head is not None and head[0] != f"{expected_seq - 1}:{prev}":
        return ChainBreak(expected_seq, "missing")
    return None
