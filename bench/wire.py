"""A minimal Socket.IO v4 client over a raw asyncio WebSocket.

Only what the benchmark needs: the WebSocket handshake and frames, the
Engine.IO open packet and ping/pong, and Socket.IO connect (with auth),
events, and acknowledgements on the default namespace. python-socketio's
AsyncClient costs far more memory and CPU per connection, and the clients
share the two cores with the server being measured.
"""

import asyncio
import base64
import json
import os

# Client frames must be masked; a key of zeros is a valid mask whose XOR is a
# no-op, so sending costs no per-byte Python work. (Browsers pick random keys
# to protect proxies from cache poisoning, which is no concern here.)
_MASK = b"\x00\x00\x00\x00"
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


class Closed(Exception):
    """The server closed the connection, or refused the Socket.IO connect."""


def _frame(payload, opcode=TEXT):
    size = len(payload)
    if size < 126:
        head = bytes([0x80 | opcode, 0x80 | size])
    elif size < 65536:
        head = bytes([0x80 | opcode, 0x80 | 126]) + size.to_bytes(2, "big")
    else:
        head = bytes([0x80 | opcode, 0x80 | 127]) + size.to_bytes(8, "big")
    return head + _MASK + payload


class Socket:
    """One Socket.IO connection; `on_event(name, data)` and `on_ack(id, data)`
    are called from its reader task."""

    def __init__(self, on_event, on_ack):
        self.on_event = on_event
        self.on_ack = on_ack
        self.reader = self.writer = None
        self.next_ack = 0
        self.closed = False

    async def connect(self, host, port, query, auth):
        """Open the WebSocket, then Engine.IO, then Socket.IO with `auth`;
        returns once the server accepted the connection."""
        self.reader, self.writer = await asyncio.open_connection(host, port)
        key = base64.b64encode(os.urandom(16)).decode()
        path = f"/socket.io/?EIO=4&transport=websocket&{query}"
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Origin: http://{host}:{port}\r\n\r\n".encode()
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 101"):
            raise Closed(head.split(b"\r\n", 1)[0].decode())
        opening = await self._message()
        if not opening.startswith("0"):
            raise Closed(f"no Engine.IO open packet: {opening[:80]}")
        self._send("40" + json.dumps(auth))
        while True:
            message = await self._message()
            if message.startswith("40"):
                return
            if message.startswith("44"):
                raise Closed(f"refused: {message[2:200]}")
            if message == "2":
                self._send("3")

    def emit(self, name, data, ack=False):
        """Send an event; with `ack`, the acknowledgement id it will carry."""
        ack_id = ""
        if ack:
            self.next_ack += 1
            ack_id = str(self.next_ack)
        self._send(f"42{ack_id}" + json.dumps([name, data]))
        return ack_id or None

    async def run(self):
        """Read until the connection closes, dispatching events and acks."""
        try:
            while True:
                self._dispatch(await self._message())
        except (Closed, asyncio.IncompleteReadError, ConnectionError):
            self.closed = True

    def close(self):
        if self.writer is not None and not self.writer.is_closing():
            self.writer.write(_frame(b"", CLOSE))
            self.writer.close()

    def _dispatch(self, message):
        if message == "2":
            self._send("3")
        elif message.startswith("42"):
            name, data = json.loads(message[2:])[:2]
            self.on_event(name, data)
        elif message.startswith("43"):
            digits = 2
            while message[digits].isdigit():
                digits += 1
            self.on_ack(message[2:digits], json.loads(message[digits:])[0])
        elif message.startswith("1") or message.startswith("41"):
            raise Closed("closed by the server")

    def _send(self, text):
        self.writer.write(_frame(text.encode()))

    async def _message(self):
        """The next text message, answering WebSocket pings on the way."""
        parts = []
        while True:
            first, second = await self.reader.readexactly(2)
            size = second & 0x7F
            if size == 126:
                size = int.from_bytes(await self.reader.readexactly(2), "big")
            elif size == 127:
                size = int.from_bytes(await self.reader.readexactly(8), "big")
            if second & 0x80:  # servers do not mask, but skip a key if sent
                await self.reader.readexactly(4)
            payload = await self.reader.readexactly(size) if size else b""
            opcode = first & 0x0F
            if opcode == CLOSE:
                raise Closed("WebSocket close")
            if opcode == PING:
                self.writer.write(_frame(payload, PONG))
                continue
            if opcode == PONG:
                continue
            parts.append(payload)
            if first & 0x80:
                return b"".join(parts).decode()
