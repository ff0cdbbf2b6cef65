"""USB bundles on the township side: import a terminal's bundle through the push path,
then write the reply bundle (what the village needs since the bundle's cursor, and the signed
积分证明 snapshots of its households when the bundle asks for them). The books' chain head
the bundle shows is anchored as online (kiosk/township/anchors.py) and the answer goes back
in the reply's signed manifest; a counter put back from a copy, which sends on under its old
terminal until its next online sync, has its head anchored under its books' new identity."""

from __future__ import annotations

from pathlib import Path

from kiosk.sync.bundle import BundleError, read_bundle, read_manifest, write_bundle
from kiosk.sync.wire import canonical
from kiosk.township import anchors, merge, parsing, reidentify, restore_judge, word
from kiosk.township.store import Store
from kiosk.township.tables import terminals
from kiosk.township.words import TownshipRefused, beside_village

PAGE = 5000


def _refuse(exc: BundleError, path: Path, store: Store, terminal_id: str | None) -> TownshipRefused:
    if exc.reason == "bad_signature":
        retired = terminals.retirement(store, terminal_id) if terminal_id else None
        if retired is not None:    # its secret was thrown away: the file is the counter's own, not a forgery
            return TownshipRefused("bundle_retired", counter=beside_village(retired["village"], retired["name"]),
                                   village=retired["village"], at=str(retired["retired_at"])[:16],
                                   reason=retired["reason"])
        return TownshipRefused("bundle_tampered", path=str(path))
    if exc.reason in ("too_big", "bad_layout"):
        code = "bundle_too_big" if exc.reason == "too_big" else "bundle_strange"
        return TownshipRefused(code, path=str(path), detail=exc.detail)
    return TownshipRefused("bundle_unreadable", path=str(path), detail=exc.detail or exc.reason)


def _certificates(store: Store, terminal, manifest: dict) -> bytes | None:
    """积分证明 snapshots for the reply, when the counter's bundle asked (its grade table in `certificates`)."""
    if "certificates" not in manifest:
        return None
    from kiosk.township.console import snapshots
    asked = manifest["certificates"] if isinstance(manifest["certificates"], dict) else {}
    return canonical(snapshots.for_village(store, terminal["village_id"], asked.get("grades"), asked.get("have")))


def import_bundle(store: Store, path: str | Path, reply: str | Path) -> dict:
    """Apply the bundle (idempotent: duplicates change nothing) and write the reply atomically."""
    path = Path(path)
    terminal = None
    try:
        terminal = store.terminal(read_manifest(path)["terminal_id"])
        if terminal is None:
            raise TownshipRefused("bundle_unknown_terminal")
        manifest, records = read_bundle(path, terminal["secret"])
    except BundleError as exc:
        raise _refuse(exc, path, store, terminal["id"] if terminal is not None else None) from None
    if manifest.get("kind", "push") != "push":
        raise TownshipRefused("bundle_refused", detail=f"kind {manifest.get('kind')}")
    if manifest.get("village_id") not in (None, terminal["village_id"]):
        raise TownshipRefused("wrong_village", 403, id=path.name)
    try:
        credits = parsing.credits(manifest.get("credits"), records)
        result = merge.push(store, terminal, records, manifest.get("books"), credits)
    except TownshipRefused as exc:
        raise TownshipRefused("bundle_refused", exc.status, detail=exc.words()) from None
    answer, disproved = _anchor(store, terminal, manifest)
    since = int(manifest.get("cursor") or 0)
    out, cursor = [], since
    while True:
        page = merge.pull(store, terminal, cursor, PAGE)
        out.extend(page["records"])
        cursor = page["cursor"]
        if not page["more"]:
            break
    now_at = store.terminal(terminal["id"])
    high_water = now_at["high_water"]
    # what is held at the high water: a counter put back to an old copy may hold another record there
    write_bundle(reply, {"kind": "reply", "terminal_id": terminal["id"], "village_id": terminal["village_id"],
                         "high_water": high_water, "cursor": cursor, "since": since,
                         "created": store.now_text(), **reidentify.last_record(store, now_at),
                         **({"anchor": answer} if answer is not None else {}),
                         **({"restore": "disproved"} if disproved else {})},
                 out, terminal["secret"], _certificates(store, terminal, manifest),
                 township=lambda sha256_hex: word.reply_signature(store, terminal["id"], sha256_hex))
    counts: dict[str, int] = {}
    for r in result.results:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    return {"terminal_id": terminal["id"], "high_water": high_water, "results": counts,
            "reply": str(reply), "reply_records": len(out), "cursor": cursor,
            "conflicts": [r for r in result.results if r["status"] == "conflict"],
            "books_extend": None if answer is None else answer["extends"],
            **({"restore": "disproved"} if disproved else {})}


def _anchor(store: Store, terminal, manifest: dict) -> tuple[dict | None, bool]:
    """The township's answer to the chain head a bundle shows; None when it shows none, or
    one of a shape no counter writes (the records are stored all the same). A bundle older
    than one imported before it is answered, not judged (anchors.receive). True beside it when
    books asking for a new identity did not prove themselves a copy (restore_judge): no new identity."""
    shown = manifest.get("anchor")
    if not isinstance(shown, dict):
        return None, False
    try:
        renewed = _renewed_books(store, terminal, manifest, shown)
    except RestoreDisproved:
        return None, True
    try:
        return anchors.receive(store, terminal["id"], terminal["village_id"], shown, from_bundle=True,
                               books_of=renewed), False
    except TownshipRefused:
        return None, False


class RestoreDisproved(Exception):
    """Books asking for a new identity hold records sent before that differ from the township's."""


def _renewed_books(store: Store, terminal, manifest: dict, shown: dict) -> str | None:
    """The new identity whose heads judge the books of a counter put back from a copy, which sends on
    under its old terminal until its next online sync (kiosk.sync.rollback): the one given to its books
    (`books`, the nonce it asks online with), or given now when the bundle asks (`reidentify`: the
    reason, as POST /v1/reidentify), so its chain, shorter than the lost books' or another beyond
    the heads it kept, is judged as online, never taken for a rewrite. Only books that still give
    the heads they kept from this terminal (anchors.gives_known_heads), and that prove, at this
    asking, they are a copy (restore_judge: RestoreDisproved); None: the terminal's own."""
    books, reason = manifest.get("books"), manifest.get("reidentify")
    if not reidentify.plain_nonce(books) or not anchors.gives_known_heads(store, terminal["id"], shown):
        return None
    if reason in reidentify.REASONS:
        shown_proof = manifest.get("restore_proof")
        verdict, said = restore_judge.judge(store, terminal, restore_judge.shown_proof(shown_proof))
        if verdict == restore_judge.DISPROVED:
            raise RestoreDisproved
        return reidentify.renew(store, terminal, books, reason, verdict, said)["terminal_id"]
    return reidentify.given(store, terminal["id"], books)
