"""A local HTTP server that answers like SSB's PxWebApi v2 for table 07984 and its code lists,
with made-up test figures (see tests/fake_ssb.py for the shapes).

For tests that need a real socket (the CLI as a subprocess, the browser's refresh button) and for
trying the refresh by hand:

    python -m tests.fake_ssb_server 8765 [--shape S|dash|none] [--landet] [KOMMUNENUMMER ...]
    BYR_SSB_BASE_URL=http://127.0.0.1:8765/api/pxwebapi/v2 python -m byr_data refresh

Any four-digit municipality number can be listed; the fake's code lists then hold it too.
"""

import argparse
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests import fake_ssb, fake_ssb_03321

PREFIX = "/api/pxwebapi/v2"


def make_handler(fake: fake_ssb.FakeSsb, commuting: fake_ssb_03321.FakeSsb03321 | None = None):
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, headers: dict, body: str) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", headers.get("Content-Type", "application/json; charset=utf-8"))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if not self.path.startswith(PREFIX + "/"):
                return self._send(404, fake_ssb.PROBLEM, '{"type": "Not found", "title": "Not found", "status": 404}')
            if commuting is not None and f"/tables/{fake_ssb_03321.TABLE}/" in self.path:
                return self._send(*commuting.get(self.path))
            self._send(*fake.get(self.path))

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if commuting is not None and fake_ssb_03321.is_data_path(self.path):
                return self._send(*commuting.post(body))
            if self.path.split("?")[0] != f"{PREFIX}/tables/{fake_ssb.TABLE}/data":
                return self._send(404, fake_ssb.PROBLEM, '{"type": "Not found", "title": "Not found", "status": 404}')
            self._send(*fake.post(body))

        def log_message(self, *args):  # keep test output quiet
            pass

    return Handler


def start(port: int = 0, **options) -> tuple[ThreadingHTTPServer, str]:
    """Serve in a daemon thread; returns the server and the base URL to put in BYR_SSB_BASE_URL."""
    fake = fake_ssb.FakeSsb(**options)
    commuting = fake_ssb_03321.FakeSsb03321(shape=fake.shape, codes=fake.codes)
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(fake, commuting))
    server.fake, server.commuting = fake, commuting
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.fake_ssb_server", description="Falsk SSB med testdata.")
    parser.add_argument("port", type=int, nargs="?", default=8765)
    parser.add_argument("municipalities", nargs="*", help="kommunenummer kodelistene skal ha i tillegg")
    parser.add_argument("--shape", choices=sorted(fake_ssb.SHAPES), default="S")
    parser.add_argument("--landet", action="store_true", help="alle kommuner i landet (for «Regionen i landet»)")
    args = parser.parse_args(argv)
    municipalities = [*args.municipalities, *(fake_ssb.country() if args.landet else [])]
    server, url = start(args.port, shape=args.shape, municipalities=municipalities)
    print(f"Falsk SSB (testdata, kodeliste {args.shape}) på {url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
