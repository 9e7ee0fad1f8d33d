from pathlib import Path

import pytest

from .brokers import broker_switch

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def broker_down():
    """The broker cannot be reached until the test calls ``broker_down.back()``."""
    yield from broker_switch()


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
    settings.INGESTION_ALLOWED_HOSTS = [f"127.0.0.1:{server.server_address[1]}"]
    yield pages
    server.shutdown()
    server.server_close()


@pytest.fixture
def record(db):
    """The United States (its White House) and the UK; a statement of the White House
    already reported by one document."""
    from tests import factories as f

    from .builders import KIRBY

    us = f.StateFactory(name="United States")
    white_house = f.ActorFactory(name="White House", parent=us, kind="government_body")
    uk = f.StateFactory(name="United Kingdom")
    first = f.SourceDocumentFactory(title="First report")
    statement = f.StatementFactory(on_behalf_of=[white_house], gist=KIRBY + ".", documents=[first])
    allegation = f.AllegationFactory(title="Najin to Dunay")
    return {"us": us, "white_house": white_house, "uk": uk, "statement": statement, "allegation": allegation,
            "first": first}
