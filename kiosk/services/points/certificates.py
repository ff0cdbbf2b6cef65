"""积分证明 at the counter: a household's certificate for a bank, from the township's signed snapshot.

The counter never signs anything: it prints the statement the township signed at the last sync
(kiosk.sync.certificates keeps only those that check against the township's key) and says in
plain words how old it is. With no snapshot yet, or one past its date, it refuses and says to
sync first. Managers only (checked here, not only by the screens); each print is in the audit trail.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from kiosk.core.clock import township_local
from kiosk.core.errors import Refused
from kiosk.core.names import normalise_text
from kiosk.core.statements import check, expired
from kiosk.documents.certificate import Certificate
from kiosk.services.people import residents
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import certificates as store
from kiosk.store import households as household_store
from kiosk.sync import state


def household_of(ctx: Context, who: str):
    """A household by its house number, or by a resident's card code, name or initials."""
    text = normalise_text(who)
    row = household_store.household(ctx.db, text) if text else None
    if row is not None and row["active"]:
        return row
    try:
        resident = residents.resolve(ctx, who)
    except Refused as refused:
        if refused.code != "resident_unknown":
            raise
        raise Refused("certificate_who_unknown", who=text) from None
    return household_store.household(ctx.db, resident.house_no)


def issue(ctx: Context, who: str) -> Certificate:
    """The certificate of the household `who` names, from its snapshot; refused in words when there is none."""
    require(ctx.actor, Action.PRINT_CERTIFICATE)
    home = household_of(ctx, who)
    kept, key = store.snapshot(ctx.db, home["id"]), store.township_key(ctx.db)
    if kept is None or key is None:
        raise Refused("certificate_no_snapshot", house_no=home["house_no"])
    read = check(kept["signed"], key)
    if not read.genuine or read.statement.get("household") != home["id"]:
        raise Refused("certificate_snapshot_bad", house_no=home["house_no"])
    now = ctx.clock.now()
    statement = read.statement
    snapshot_at, valid_until = _local(statement.get("issued")), _local(statement.get("valid_until"))
    if expired(statement, _utc_text(now)):
        raise Refused("certificate_snapshot_old", house_no=home["house_no"], day=snapshot_at.strftime("%Y-%m-%d"))
    return Certificate(
        str(statement.get("village", "")), str(statement.get("currency", "")), str(statement.get("house_no", "")),
        str(statement.get("head", "")), str(statement.get("grade", "")), int(statement.get("year") or now.year),
        str(statement.get("this_year", "")), str(statement.get("last_year", "")), str(statement.get("balance", "")),
        tuple((str(k), str(v)) for k, v in dict(statement.get("by_category") or {}).items()),
        tuple((str(h.get("since", "")), str(h.get("balance", ""))) for h in statement.get("holds") or []
              if isinstance(h, dict)),
        snapshot_at, valid_until, (now.date() - snapshot_at.date()).days, read.text,
        _qr_text(ctx, read.text), ctx.actor.name, now)


def write_pdf(ctx: Context, who: str, out: str | Path) -> Certificate:
    """The certificate as an A4 PDF at `out` (written whole or not at all), with an audit row."""
    from kiosk.printing import certificate_pdf

    certificate = issue(ctx, who)
    try:
        certificate_pdf.save(Path(out), certificate_pdf.render(certificate))
    except OSError as exc:
        raise Refused("report_not_saved", path=str(out), detail=exc.strerror or str(exc)) from exc
    with ctx.db.write() as conn:
        audit_row(conn, ctx, "certificate.print", "household", certificate.house_no,
                  after={"grade": certificate.grade, "this_year": certificate.this_year,
                         "snapshot": certificate.snapshot_at.strftime("%Y-%m-%d %H:%M")})
    return certificate


def _qr_text(ctx: Context, signed: str) -> str:
    """The township's check page with the text, so a bank's phone opens it; the text alone offline-only."""
    url = state.load(ctx.db).server_url
    return f"{url.rstrip('/')}/verify?text={signed}" if url else signed


def _local(text: object) -> datetime:
    return township_local(text) or datetime(1970, 1, 1)


def _utc_text(local: datetime) -> str:
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
