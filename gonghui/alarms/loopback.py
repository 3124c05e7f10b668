"""A stand-in SMS gateway on 127.0.0.1, for the tests, the benches and trying the demo without a vendor.

It speaks the generic HTTP gateway's protocol (POST JSON {id, phone, text}), records what it
accepted with the time it arrived, and can be told to answer "daily cap reached" or to fail.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LoopbackSmsGateway:
    def __init__(self, cap: int | None = None):
        self.received: list[dict] = []
        self.cap = cap
        self.failing = False
        self._lock = threading.Lock()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with gateway._lock:
                    if gateway.failing:
                        status, reply = 503, {"error": "unavailable"}
                    elif gateway.cap is not None and len(gateway.received) >= gateway.cap:
                        status, reply = 429, {"error": "daily_cap"}
                    else:
                        gateway.received.append({**body, "at": time.time()})
                        status, reply = 200, {"ok": True}
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LoopbackSmsGateway:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
