"""The township under real uvicorn on a loopback port: enrol, push, pull through httpx."""

from __future__ import annotations

import json
import socket
import threading
import time

import httpx
import uvicorn

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record, signed_headers
from kiosk.township.app import create_app
from kiosk.township.store import Store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningServer:
    """uvicorn in a thread; `stop()` asks it to exit and joins the thread."""

    def __init__(self, db_path) -> None:
        self.port = free_port()
        config = uvicorn.Config(create_app(db_path), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "uvicorn did not start"
            time.sleep(0.01)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(20)
        assert not self.thread.is_alive()


def signed(http: httpx.Client, enrolled: dict, method: str, path: str, body: bytes = b"") -> httpx.Response:
    headers = signed_headers(enrolled["terminal_id"], enrolled["secret"], method, path, body, time.time())
    return http.request(method, path, content=body, headers=headers)


def test_push_and_pull_through_real_uvicorn(tmp_path):
    db = tmp_path / "township.sqlite3"
    admin = Store(db)
    admin.add_village("青石村", "美德积分")
    codes = [admin.issue_code("青石村")["code"] for _ in range(2)]
    admin.close()
    with RunningServer(db) as url, httpx.Client(base_url=url, timeout=10) as http:
        a, b = (http.post("/v1/enrol", json={"code": c, "name": n}).json() for c, n in zip(codes, "AB"))
        records = [Record.make(new_id(), a["terminal_id"], n, "entry", {"account_id": "JF000001", "hundredths": 500})
                   for n in (1, 2)]
        pushed = signed(http, a, "POST", "/v1/push", json.dumps({"records": [r.as_json() for r in records]}).encode())
        assert pushed.status_code == 200 and pushed.json()["high_water"] == 2
        pulled = signed(http, b, "GET", "/v1/pull?since=0&limit=10")
        assert [r["id"] for r in pulled.json()["records"]] == [r.id for r in records]
        assert signed(http, a, "GET", "/v1/state").json()["high_water"] == 2
        assert http.get("/v1/state").status_code == 401
