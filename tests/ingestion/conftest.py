import io
from pathlib import Path

import pytest
from django.core.management import call_command

from .brokers import broker_switch

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def broker_down():
    """The broker cannot be reached until the test calls ``broker_down.back()``."""
    yield from broker_switch()


@pytest.fixture
def seeded(db):
    """The curated reference data (actors, places, terms...), as the quickstart loads it."""
    call_command("load_seeds", stdout=io.StringIO())


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run what the code queues with transaction.on_commit, as a committed transaction would."""

    def runner():
        return django_capture_on_commit_callbacks(execute=True)

    return runner


class _Site:
    """Pages served by a local HTTP server: path -> (status, content type, body bytes, delay s)."""

    def __init__(self):
        self.pages: dict[str, tuple[int, str, bytes, float]] = {}
        self.hits: dict[str, int] = {}
        self.base = ""

    def add(self, path: str, body: bytes | str, *, content_type="text/html; charset=utf-8", status=200, delay=0.0):
        self.pages[path] = (status, content_type, body.encode() if isinstance(body, str) else body, delay)
        return self.base + path


@pytest.fixture
def site(settings):
    """A local web server the fetcher may reach: 127.0.0.1 is allow-listed for this test only."""
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    pages = _Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            pages.hits[self.path] = pages.hits.get(self.path, 0) + 1
            status, content_type, body, delay = pages.pages.get(self.path, (404, "text/plain", b"not found", 0))
            time.sleep(delay)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    pages.base = f"http://127.0.0.1:{server.server_address[1]}"
    settings.INGESTION_ALLOWED_HOSTS = ["127.0.0.1"]
    yield pages
    server.shutdown()
    server.server_close()
