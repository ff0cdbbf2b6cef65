"""A small fault-injecting TCP proxy for HTTP/1.1 between a terminal and the township.

It frames the byte streams into HTTP messages (head + Content-Length body) so a fault
can be aimed exactly: "cut the response of the 2nd POST /v1/push after 10 body bytes".
Requests are counted per "METHOD /path" (query left out) in the order they arrive, which
is deterministic because a terminal's sync round makes its calls one after another.

Faults (each fires once):
- cut:   forward the head and `after` body bytes, then close both sides (a FIN).
- reset: the same, then close the side facing the reader with SO_LINGER 0 (an RST).
- hold:  keep the message back until `release` is set (the client times out meanwhile),
         then drop the connection. The message never arrives early: no timing guess.
- delay: forward the message after `seconds` (shorter than the client timeout: it passes).
`then(fault)` runs once the faulted request has been forwarded whole (e.g. kill the server).
"""

from __future__ import annotations

import collections
import select
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Fault:
    kind: str                      # cut | reset | hold | delay | pass
    target: str = "POST /v1/push"  # "METHOD /path"
    nth: int = 1                   # the nth request matching target
    side: str = "response"         # request | response
    after: int = 0                 # body bytes let through before a cut or reset
    seconds: float = 0.0
    then: Callable[[Fault], None] | None = None
    release: threading.Event = field(default_factory=threading.Event)
    fired: threading.Event = field(default_factory=threading.Event)


class Closed(Exception):
    """The other side closed the connection."""


class Reader:
    """Frames one direction of a connection into HTTP messages (head, Content-Length body)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock, self.buffer = sock, b""

    def feed(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise Closed
        self.buffer += chunk

    def take(self) -> tuple[bytes, bytes] | None:
        """The next whole message in the buffer, or None until more bytes arrive."""
        if b"\r\n\r\n" not in self.buffer:
            return None
        end = self.buffer.index(b"\r\n\r\n") + 4
        size = content_length(self.buffer[:end])
        if len(self.buffer) < end + size:
            return None
        head, body, self.buffer = self.buffer[:end], self.buffer[end:end + size], self.buffer[end + size:]
        return head, body


def content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


def request_key(head: bytes) -> str:
    method, target = head.split(b" ", 2)[:2]
    return f"{method.decode()} {target.decode().split('?')[0]}"


def rst_close(sock: socket.socket) -> None:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class FaultProxy:
    """Listens on 127.0.0.1:`port`; forwards to 127.0.0.1:`upstream` (changeable)."""

    def __init__(self, upstream: int) -> None:
        self.upstream = upstream
        self.faults: list[Fault] = []
        self.seen: list[str] = []          # every request key, in arrival order
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()

    def inject(self, fault: Fault) -> Fault:
        """Arm `fault` for the `nth` matching request from now on."""
        with self._lock:
            fault.nth += self._counts.get(fault.target, 0)
            self.faults.append(fault)
        return fault

    def close(self) -> None:
        self.listener.close()
        for fault in self.faults:
            fault.release.set()
        for sock in list(self._sockets):
            _quietly(sock.close)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.upstream))
            except OSError:
                client.close()             # the server is down: the terminal sees a refused read
                continue
            self._sockets += [client, server]
            threading.Thread(target=self._serve, args=(client, server), daemon=True).start()

    def _match(self, key: str) -> Fault | None:
        with self._lock:
            self.seen.append(key)
            self._counts[key] = count = self._counts.get(key, 0) + 1
            for fault in self.faults:
                if fault.target == key and fault.nth == count and not fault.fired.is_set():
                    fault.fired.set()
                    return fault
        return None

    def _serve(self, client: socket.socket, server: socket.socket) -> None:
        """One thread per connection, both directions: a fault closes sockets no other
        thread is blocked on, so a FIN or RST really leaves at once."""
        readers = {client: Reader(client), server: Reader(server)}
        answers: collections.deque[Fault | None] = collections.deque()
        try:
            while True:
                ready, _, _ = select.select([client, server], [], [], 60)
                if not ready:
                    return
                for sock in ready:
                    readers[sock].feed()
                    while (message := readers[sock].take()) is not None:
                        if sock is client and not self._request(*message, server, client, answers):
                            return
                        if sock is server and not self._response(*message, client, server, answers):
                            return
        except (Closed, OSError):
            pass
        finally:
            _quietly(client.close)
            _quietly(server.close)

    def _request(self, head: bytes, body: bytes, server: socket.socket, client: socket.socket,
                 answers: collections.deque) -> bool:
        fault = self._match(request_key(head))
        if fault and fault.side == "request":
            if not self._deliver(fault, head, body, towards=server, other=client):
                return False
        else:
            server.sendall(head + body)
        answers.append(fault)
        if fault and fault.then:
            fault.then(fault)
        return True

    def _response(self, head: bytes, body: bytes, client: socket.socket, server: socket.socket,
                  answers: collections.deque) -> bool:
        fault = answers.popleft() if answers else None
        if fault and fault.side == "response":
            return self._deliver(fault, head, body, towards=client, other=server)
        client.sendall(head + body)
        return True

    def _deliver(self, fault: Fault, head: bytes, body: bytes, towards: socket.socket,
                 other: socket.socket) -> bool:
        """Pass the faulted message on as the fault says; False when the connection ends here."""
        if fault.kind in ("delay", "pass"):
            time.sleep(fault.seconds)
            towards.sendall(head + body)
            return True
        if fault.kind == "hold":
            fault.release.wait(30)
        else:
            _quietly(lambda: towards.sendall(head + body[:fault.after]))
        if fault.kind == "reset":
            rst_close(towards)
        else:
            _quietly(lambda: towards.shutdown(socket.SHUT_RDWR))
            towards.close()
        _quietly(other.close)
        return False


def _quietly(action: Callable[[], object]) -> None:
    try:
        action()
    except OSError:
        pass
