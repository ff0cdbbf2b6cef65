"""Record ids: UUIDv7, made where the record is born, sortable by birth time."""

from __future__ import annotations

import uuid6


def new_id() -> str:
    return str(uuid6.uuid7())
