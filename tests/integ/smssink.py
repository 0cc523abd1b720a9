#!/usr/bin/python3
"""A stand-in SMS gateway for the integration tests.

    smssink.py PORT FILE [STATUS]

Listens on 127.0.0.1:PORT only (0 picks a free port; the port in use is
printed on stdout's first line), appends every request as one JSON line to
FILE -- {"method", "path", "headers": {name: value}, "body"} -- and answers
STATUS (default 200) with a small JSON body.  Stops on SIGTERM or SIGINT.
"""
import json
import signal
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Sink(BaseHTTPRequestHandler):
    server_version = "smssink"
    protocol_version = "HTTP/1.1"

    def _record(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n > 0 else b""
        line = json.dumps({
            "method": self.command,
            "path": self.path,
            "headers": {k: v for k, v in self.headers.items()},
            "body": body.decode("utf-8", "backslashreplace"),
        }, ensure_ascii=False)
        with open(self.server.out, "a", encoding="utf-8") as f:
            f.write(line + "\n")
            f.flush()
        reply = b'{"status":"queued"}\n'
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    do_POST = do_PUT = do_GET = _record

    def log_message(self, fmt, *args):  # quiet: the JSON lines are the log
        pass


def main():
    if len(sys.argv) not in (3, 4):
        sys.stderr.write("usage: smssink.py PORT FILE [STATUS]\n")
        sys.exit(2)
    srv = HTTPServer(("127.0.0.1", int(sys.argv[1])), Sink)
    srv.out = sys.argv[2]
    srv.status = int(sys.argv[3]) if len(sys.argv) == 4 else 200
    open(srv.out, "a").close()
    print(srv.server_address[1], flush=True)

    def stop(*_):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    srv.server_close()


if __name__ == "__main__":
    main()
