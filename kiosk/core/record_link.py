"""The chain of the records a counter sent, kept alike on the counter and at the township.

For each township terminal, over the records of it the township took, in seq order (those
it stored, and those it already held under another identity: a counter that took a new one
sends its own records again; those it refused are left out on both sides):
link(record) = sha256(link before + "seq␟type␟id␟sha256␞"), the first from GENESIS. The
record's sha256 is that of its canonical body, so a body changed anywhere changes the link
(the township also checks each stored body against its sha256). The counter works its
link out from the records the township acknowledged (kiosk/store/record_chain.py), the
township from the records it stored (kiosk/township/tables/record_chain.py): for the same
records, the same link. A township that rewrote a village's history, or records changed
on the way, no longer gives the link the counter shows at each sync.
"""

from __future__ import annotations

import hashlib

GENESIS = "0" * 64


def next_link(before: str, seq: int, record_type: str, record_id: str, sha256: str) -> str:
    data = f"{before}{seq}\x1f{record_type}\x1f{record_id}\x1f{sha256}\x1e"
    return hashlib.sha256(data.encode("utf-8")).hexdigest()

