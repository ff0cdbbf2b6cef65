"""Reading and changing the village's settings (managers only, audited)."""

from __future__ import annotations

from typing import Any

from kiosk.config import BY_KEY, Setting
from kiosk.core.errors import Refused
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import settings as store


def value(ctx: Context, setting: Setting) -> Any:
    return setting.parse(store.get(ctx.db, setting.key))


def values(ctx: Context, prefix: str = "") -> dict[str, Any]:
    return {key: value(ctx, s) for key, s in BY_KEY.items() if key.startswith(prefix)}


def change(ctx: Context, changes: dict[str, object]) -> None:
    """Set several settings at once; unknown keys are refused before anything is written."""
    require(ctx.actor, Action.CHANGE_SETTINGS)
    unknown = [k for k in changes if k not in BY_KEY]
    if unknown:
        raise Refused("setting_unknown", key="、".join(unknown))
    with ctx.db.write() as conn:
        for key, new in changes.items():
            old = store.get(ctx.db, key)
            text = "" if new is None else str(new).strip()
            if text != (old or ""):
                store.put(conn, key, text)
                audit_row(conn, ctx, "setting.change", "setting", key, before={"value": old},
                          after={"value": text})
