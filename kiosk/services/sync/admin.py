"""The manager's sync screen: enrolment, the status in words, a sync now, USB bundles.

The sync machinery itself lives in kiosk.sync; this is the manager's door to it, with
the role checked and every refusal in words. Nothing is saved when enrolment fails:
kiosk.sync.enrolment writes the state only after the township said yes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.core.errors import Refused
from kiosk.i18n import _, message
from kiosk.services.shop import limits
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.sync.kept import open_count
from kiosk.services.trail import audit_row
from kiosk.store.db import Database
from kiosk.sync import client, enrolment, house_clash, state, usb
from kiosk.sync import status as sync_status
from kiosk.sync.http import Client, township_client  # noqa: F401 (the screens' client)


@dataclass(frozen=True)
class Overview:
    enrolled: bool
    server_url: str
    terminal_id: str | None
    kind: str                  # as kiosk.sync.status: off, never, ok, offline
    waiting: int
    kept_open: int             # refused records nobody has dealt with yet
    last_ok_at: str | None
    offline_since: str | None
    last_error: str | None     # in words
    line: str                  # 已同步 HH:MM · 待上传 N, as the counter's top bar says it
    clashes: tuple[str, ...] = ()   # house numbers made on two counters: merge them (合户)
    healed: tuple[str, ...] = ()    # the books went back in time and how sync healed them
    limits_passed: tuple[str, ...] = ()   # 限购 passed by two counters' offline sales
    which: str = ""            # this PC as the township's clerk finds it (village, name, number), never its id


def overview(ctx: Context) -> Overview:
    require(ctx.actor, Action.CHANGE_SETTINGS)
    shown = shown_status(ctx.db, ctx.clock.now())
    current = state.load(ctx.db)
    return Overview(current.enrolled, current.server_url, current.terminal_id, shown.kind, shown.waiting,
                    shown.quarantined, shown.last_ok_at, shown.offline_since,
                    error_words(current.last_error), shown.text, clash_words(ctx.db),
                    tuple(sync_status.healed_words(ctx.db)),
                    tuple(limits.passed_words(ctx.db, ctx.clock.now().date())), sync_status.which_pc(ctx.db))


def clash_words(db: Database) -> tuple[str, ...]:
    """Each house number two counters gave out while offline, with what a manager does about it."""
    return tuple(_("门牌号 {house_no} 在两台收银台上各建了一户，另一户显示为 {duplicate}。请核对后到“村民和户”里合户。").format(house_no=c['house_no'], duplicate=c['duplicate'])
                 for c in house_clash.open_clashes(db))


def shown_status(db: Database, now: datetime | None = None) -> sync_status.SyncStatus:
    """The status with only the refused records still waiting for a manager counted."""
    return dataclasses.replace(sync_status.status(db, now), quarantined=open_count(db))


def bar_text(db: Database) -> str:
    """The counter's top-bar words; refused records waiting for a manager come first, with a warning
    sign, so a narrow bar cuts the rest short, never the warning."""
    shown = shown_status(db)
    if not shown.quarantined:
        return shown.text
    waiting = shown.quarantined
    return _("⚠ {waiting} 条被退回 · ").format(waiting=waiting) + dataclasses.replace(shown, quarantined=0).text


def error_words(last_error: str | None) -> str | None:
    """sync_state keeps 'code (detail)'; a manager reads the code's words."""
    if not last_error:
        return None
    code, _unused, rest = last_error.partition(" ")
    detail = rest.strip()[1:-1] if rest.strip().startswith("(") else rest.strip()
    return message(code, detail=detail or "-")


def check_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        raise Refused("syncui_url_missing")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        raise Refused("sync_bad_url", url=url)
    return url.rstrip("/")


def enrol(ctx: Context, url: str, code: str, http: Client, replace: bool = False) -> str:
    """Trade the township's one-time code for this PC's terminal id; returns it."""
    require(ctx.actor, Action.CHANGE_SETTINGS)
    url, code = check_url(url), (code or "").strip()
    if not code:
        raise Refused("syncui_code_missing")
    before = state.load(ctx.db)
    if before.enrolled and not replace:
        raise Refused("syncui_confirm_reenrol", which=sync_status.which_pc(ctx.db))
    try:
        terminal_id = enrolment.enrol(ctx.db, http, url, code, ctx.clock.now())
    except client.SyncFailed as failed:
        if failed.code == "sync_offline":
            raise Refused("syncui_unreachable", url=url, detail=failed.detail or "-") from None
        raise Refused(failed.code, detail=failed.detail or "-") from None
    with ctx.db.write() as conn:
        audit_row(conn, ctx, "sync_enrol", "terminal", terminal_id,
                  before={"terminal_id": before.terminal_id, "server_url": before.server_url} if before.enrolled
                  else None, after={"terminal_id": terminal_id, "server_url": url})
    return terminal_id


def sync_now(ctx: Context, http: Client) -> client.SyncResult:
    """One round now; never raises for the network: the result says what happened."""
    require(ctx.actor, Action.CHANGE_SETTINGS)
    return client.sync_once(ctx.db, http, ctx.clock.now().replace(microsecond=0))


def result_words(result: client.SyncResult) -> str:
    if not result.ok:
        return message(result.error or "sync_local_error", detail=result.detail or "-")
    if result.healed:
        return _("同步完成：本机数据曾回到以前，已改用新的收银台号，丢掉的记录已从乡镇取回（详见上方）。")
    return _("同步完成：上传 {pushed} 条，被退回 {quarantined} 条；收到 {pulled} 条。").format(pushed=result.pushed, quarantined=result.quarantined, pulled=result.pulled)


def bundle_name(ctx: Context) -> str:
    return "sync-" + ctx.clock.now().strftime("%Y%m%d-%H%M%S") + ".zip"


def export_to(ctx: Context, folder: str | Path) -> usb.Exported:
    """Write the records still to send into one file in `folder` (a USB stick)."""
    require(ctx.actor, Action.CHANGE_SETTINGS)
    folder = Path(folder)
    if not folder.is_dir():
        raise Refused("syncui_folder_missing", path=str(folder))
    return usb.export_bundle(ctx.db, folder / bundle_name(ctx), ctx.clock.now())


def import_reply(ctx: Context, path: str | Path) -> usb.Imported:
    """Take the township's reply bundle; the same reply twice changes nothing."""
    require(ctx.actor, Action.CHANGE_SETTINGS)
    high_water = state.load(ctx.db).pushed_high_water
    done = usb.import_reply(ctx.db, path, ctx.clock.now())
    if not done.applied and done.high_water == high_water:
        return done             # an old or repeated reply: nothing happened, nothing to record
    with ctx.db.write() as conn:
        audit_row(conn, ctx, "sync_import_reply", "bundle", Path(path).name,
                  after={"received": done.received, "applied": done.applied, "already": done.already})
    return done
