"""A local HTTP server that answers like SSB's PxWebApi v2 for table 07984, with made-up test figures.

For tests that need a real socket (the CLI as a subprocess, the browser's refresh button) and for
trying the refresh by hand:  python -m tests.fake_ssb_server 8765  then
BYR_SSB_BASE_URL=http://127.0.0.1:8765/api/pxwebapi/v2 python -m byr_data refresh
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

from tests import fake_ssb

PREFIX = "/api/pxwebapi/v2"


def make_handler(fake: fake_ssb.FakeSsb):
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, headers: dict, body: str) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", headers.get("Content-Type", "application/json; charset=utf-8"))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path.split("?")[0] == f"{PREFIX}/tables/{fake_ssb.TABLE}/metadata":
                self._send(200, {}, json.dumps(fake_ssb.metadata_doc(fake.codelists), ensure_ascii=False))
            else:
                self._send(404, {"Content-Type": "application/problem+json"},
                           json.dumps(fake_ssb.problem(404, "No such table", "Not Found")))

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path.split("?")[0] != f"{PREFIX}/tables/{fake_ssb.TABLE}/data":
                return self._send(404, {}, "{}")
            self._send(*fake._answer(SimpleNamespace(body=body)))

        def log_message(self, *args):  # keep test output quiet
            pass

    return Handler


def start(port: int = 0, **options) -> tuple[ThreadingHTTPServer, str]:
    """Serve in a daemon thread; returns the server and the base URL to put in BYR_SSB_BASE_URL."""
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(fake_ssb.FakeSsb(**options)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"


if __name__ == "__main__":
    server, url = start(int(sys.argv[1]) if len(sys.argv) > 1 else 8765)
    print(f"Falsk SSB (testdata) på {url}", flush=True)
    threading.Event().wait()
