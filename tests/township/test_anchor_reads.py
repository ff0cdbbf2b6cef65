"""The chain head a counter shows again after a round with nothing new is answered by reads
alone (no turn of the database's one writer); a new head, or one that disagrees, is kept or
flagged by the writer as before."""

from __future__ import annotations

import json

import pytest

from kiosk.township.tables import anchors as kept

HEAD, NEXT, OTHER = "a" * 64, "b" * 64, "c" * 64


def _show(till, position: int, link: str, links: dict | None = None):
    body = {"position": position, "link": link, "links": links or {}}
    answer = till.call("POST", "/v1/anchor", json.dumps(body).encode())
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.fixture
def no_writer(client, monkeypatch):
    store = client.app.state.store

    def refused():
        raise AssertionError("the writer was asked")

    def off():
        monkeypatch.setattr(store, "write", refused)
    return off


def test_the_same_head_again_is_answered_without_the_writer(enrol, client, no_writer):
    till = enrol()
    first = _show(till, 3, HEAD)
    assert first["extends"] is True and first["anchors"] == [{"position": 3, "link": HEAD}]
    no_writer()
    assert _show(till, 3, HEAD, {"3": HEAD}) == first


def test_a_new_head_or_a_different_link_still_goes_to_the_writer(enrol, client, admin):
    till = enrol()
    _show(till, 3, HEAD)
    moved = _show(till, 4, NEXT, {"3": HEAD})
    assert moved["extends"] is True and [a["position"] for a in moved["anchors"]] == [4, 3]
    rewritten = _show(till, 4, OTHER, {"3": HEAD})           # the same position, another link
    assert rewritten["extends"] is False and rewritten["mismatch"] == [4]
    incidents = admin.all("SELECT kind, detail FROM incident WHERE terminal_id = ?", (till.id,))
    assert [row[0] for row in incidents] == ["rejected"] and "chain_rewritten" in incidents[0][1]
    with admin.reading() as conn:
        assert kept.last_position(conn, till.id) == 4
