"""Record ids are UUIDv7: version 7, RFC variant, sortable by the order they were made."""

from __future__ import annotations

import time
import uuid

from kiosk.core.ids import new_id


def test_ids_are_uuid_version_7_with_the_rfc_variant():
    value = uuid.UUID(new_id())
    assert value.version == 7 and value.variant == uuid.RFC_4122


def test_ids_made_in_a_tight_loop_sort_in_the_order_made_and_never_repeat():
    ids = [new_id() for _ in range(20_000)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_the_id_carries_the_time_it_was_made():
    before = time.time_ns() // 1_000_000
    millis = uuid.UUID(new_id()).int >> 80
    assert before <= millis <= time.time_ns() // 1_000_000 + 1
