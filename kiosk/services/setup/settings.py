"""Reading and changing the village's settings (managers only, audited).

Every value is checked against its declaration in kiosk.config before anything
is written; one bad value refuses the whole change and the database stays as it was.
"""

from __future__ import annotations

from typing import Any

from kiosk.config import ALL, BY_KEY, UI_LANGUAGE, Setting
from kiosk.core.errors import Refused
from kiosk.services.context import SELFSERVICE, Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import settings as store
from kiosk.store import village as village_store
from kiosk.store import village_details


def _stored(ctx: Context, setting: Setting, village_row=None) -> str | None:
    if not setting.column:
        return store.get(ctx.db, setting.key)
    row = village_row if village_row is not None else village_store.the_village(ctx.db)
    return None if row is None else str(row[setting.column])


def value(ctx: Context, setting: Setting) -> Any:
    return setting.parse(_stored(ctx, setting))


def values(ctx: Context, prefix: str = "") -> dict[str, Any]:
    row = village_store.the_village(ctx.db)
    return {s.key: s.parse(_stored(ctx, s, row)) for s in ALL if s.key.startswith(prefix)}


def checked(changes: dict[str, object]) -> dict[str, str]:
    """The text each setting would store; refuses an unknown key or a bad value."""
    unknown = [k for k in changes if k not in BY_KEY]
    if unknown:
        raise Refused("setting_unknown", key="、".join(unknown))
    texts = {}
    for key, new in changes.items():
        try:
            texts[key] = BY_KEY[key].check(new)
        except Refused as refusal:
            refusal.params.setdefault("key", key)   # so a screen can point at the field
            raise
    return texts


def change(ctx: Context, changes: dict[str, object]) -> list[str]:
    """Set several settings at once, in one transaction; returns the keys that changed."""
    require(ctx.actor, Action.CHANGE_SETTINGS)
    texts = checked(changes)
    changed = []
    with ctx.db.write() as conn:
        row = village_store.the_village(ctx.db)
        for key, text in texts.items():
            setting = BY_KEY[key]
            old = _stored(ctx, setting, row)
            if text == _effective(setting, old):
                continue
            if setting.column:
                if row is None:
                    raise Refused("not_set_up")
                village_details.update(conn, row["id"], setting.column,
                                       int(text) if setting.kind is bool else text)
            else:
                store.put(conn, key, text)
            audit_row(conn, ctx, "setting.change", "setting", key, before={"value": old},
                      after={"value": text})
            changed.append(key)
    return changed


def _effective(setting: Setting, stored: str | None) -> str:
    """What is in force, as stored text: a setting never stored is at its default."""
    if stored not in (None, ""):
        return stored
    if setting.kind is bool:
        return "1" if setting.default else "0"
    return str(setting.default)


def apply_language(db) -> str:
    """Show the village's chosen language from now on (KIOSK_LANG still wins); at program start."""
    from kiosk.i18n import current_lang, use_language

    use_language(value(Context(db, SELFSERVICE), UI_LANGUAGE))
    return current_lang()
