"""The waves benchmark's service: a real process, small enough that 130 of them start in seconds on 2 cores.

GET / answers its version (header X-Service-Version); ERROR_PERCENT of those answers are 500s (the planted fault of
the failing release). GET /health is always 200. Listens on 127.0.0.1:$PORT, which the process target gives it.
"""
import os
import random
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERSION = os.environ.get("SERVICE_VERSION", "unknown")
ERROR_PERCENT = float(os.environ.get("ERROR_PERCENT", "0"))
BODY = f"waves service {VERSION}\n".encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the edge's connection pool expects

    def do_GET(self):
        planted = self.path != "/health" and random.random() * 100 < ERROR_PERCENT
        self.send_response(500 if planted else 200)
        self.send_header("X-Service-Version", VERSION)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, format, *args):
        pass  # thousands of requests a second: no access log


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
