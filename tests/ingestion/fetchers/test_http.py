"""The URL fetcher against a local server on 127.0.0.1 (allow-listed) and its SSRF guard."""

from __future__ import annotations

import gzip
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingestion.fetchers import http as http_fetcher
from ingestion.fetchers.http import check_url, fetch_url, refusal_reason
from ingestion.fetchers.types import FetchError

ARTICLE = (
    b"<html><head><title>Kim visits Russia</title></head><body><article>"
    b"<p>North Korean leader Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome.</p>"
    b"</article></body></html>"
)


def local(server: str) -> list[str]:
    """The allow-list entry for the test server: its host and port (never every port)."""
    return [server.split("//", 1)[1]]

real_getaddrinfo = socket.getaddrinfo


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    stop: threading.Event  # set on the server class by the fixture

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(
        self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8", **headers
    ):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302):
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # noqa: C901 - one branch per route keeps the fixture readable
        port = self.server.server_address[1]
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE)
        elif path == "/gzip-article":
            self._send(200, gzip.compress(ARTICLE), Content_Encoding="gzip")
        elif path == "/echo-host":
            self._send(200, self.headers["Host"].encode(), content_type="text/plain")
        elif path == "/redirect-to-loopback":
            self._redirect(f"http://127.0.0.1:{port}/article")
        elif path == "/chain/1":
            self._redirect("/chain/2", 301)
        elif path == "/chain/2":
            self._redirect(f"http://127.0.0.1:{port}/chain/3", 307)
        elif path == "/chain/3":
            self._redirect("article-in-chain", 308)
        elif path == "/chain/article-in-chain":
            self._send(200, ARTICLE)
        elif path.startswith("/loop/"):
            self._redirect(f"/loop/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/big-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")  # no Content-Length: the body ends when we close
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(200):  # 13 MB, far past the 5 MB cap
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client hung up at the cap, as it should
            self.close_connection = True
        elif path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50_000_000))
            self.end_headers()
            self.close_connection = True
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n", content_type="image/png")
        elif path == "/feed":
            self._send(
                200, b"<rss><channel><title>t</title></channel></rss>", content_type="application/rss+xml"
            )
        elif path == "/empty":
            self._send(200, b"")
        elif path == "/missing":
            self._send(404, b"not here")
        elif path == "/unavailable":
            self._send(503, b"try later")
        elif path == "/busy":
            self._send(429, b"slow down", Retry_After="1")
        elif path == "/slow":
            self.stop.wait(3)
            try:
                self._send(200, ARTICLE)
            except OSError:
                pass
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(1000):
                    if self.stop.wait(0.05):
                        break
                    self.wfile.write(b"x")
                    self.wfile.flush()
            except OSError:
                pass
            self.close_connection = True
        else:
            self._send(404, b"unknown route")


@pytest.fixture(scope="module")
def server():
    stop = threading.Event()
    handler = type("Handler", (_Handler,), {"stop": stop})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    stop.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def resolve_as(monkeypatch):
    """Make chosen host names resolve to chosen addresses; others resolve as usual."""
    table: dict[str, list[str]] = {}

    def fake_getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            return [
                (
                    socket.AF_INET6 if ":" in address else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (address, port, 0, 0) if ":" in address else (address, port),
                )
                for address in table[host]
            ]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)

    def register(host: str, *addresses: str) -> None:
        table[host] = list(addresses)

    return register


# --- fetching from an allow-listed local server


def test_article_page_is_fetched_with_its_type_and_charset(server):
    fetched = fetch_url(f"{server}/article", allowed_hosts=local(server))
    assert fetched.content == ARTICLE
    assert fetched.content_type == "text/html"
    assert fetched.charset == "utf-8"
    assert fetched.final_url == fetched.locator == f"{server}/article"


def test_gzip_body_is_decoded(server):
    assert fetch_url(f"{server}/gzip-article", allowed_hosts=local(server)).content == ARTICLE


def test_redirect_chain_is_followed_to_the_final_url(server):
    fetched = fetch_url(f"{server}/chain/1", allowed_hosts=local(server))
    assert fetched.content == ARTICLE
    assert fetched.final_url == f"{server}/chain/article-in-chain"


def test_more_than_five_redirects_are_refused(server):
    with pytest.raises(FetchError, match="redirected more than 5 times") as caught:
        fetch_url(f"{server}/loop/0", allowed_hosts=local(server))
    assert not caught.value.transient


def test_redirect_to_loopback_is_refused(server, resolve_as):
    # news.example is allow-listed (and resolves to the test server); 127.0.0.1 itself is not,
    # so the redirect hop must be checked again and refused.
    resolve_as("news.example", "127.0.0.1")
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="127.0.0.1.*loopback") as caught:
        fetch_url(f"http://news.example:{port}/redirect-to-loopback", allowed_hosts=[f"news.example:{port}"])
    assert not caught.value.transient


def test_connection_goes_to_the_checked_address_with_the_host_name_kept(server, resolve_as):
    resolve_as("news.example", "127.0.0.1")
    port = server.rsplit(":", 1)[1]
    fetched = fetch_url(f"http://news.example:{port}/echo-host", allowed_hosts=[f"news.example:{port}"])
    assert fetched.content == f"news.example:{port}".encode()


def test_body_without_content_length_is_cut_at_the_cap(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="larger than the 5 MB cap") as caught:
        fetch_url(f"{server}/big-undeclared", allowed_hosts=local(server))
    assert not caught.value.transient
    assert time.monotonic() - started < 5


def test_declared_content_length_over_the_cap_is_refused_before_reading(server):
    with pytest.raises(FetchError, match="larger than the 5 MB cap") as caught:
        fetch_url(f"{server}/big-declared", allowed_hosts=local(server))
    assert not caught.value.transient


def test_wrong_content_type_is_refused(server):
    with pytest.raises(FetchError, match="image/png") as caught:
        fetch_url(f"{server}/image", allowed_hosts=local(server))
    assert not caught.value.transient


def test_feed_types_are_accepted_only_for_the_feed_poller(server):
    with pytest.raises(FetchError, match="application/rss\\+xml"):
        fetch_url(f"{server}/feed", allowed_hosts=local(server))
    fetched = fetch_url(f"{server}/feed", allowed_hosts=local(server), accept_feeds=True)
    assert fetched.content_type == "application/rss+xml"


def test_empty_body_is_refused(server):
    with pytest.raises(FetchError, match="empty"):
        fetch_url(f"{server}/empty", allowed_hosts=local(server))


def test_not_found_is_not_transient(server):
    with pytest.raises(FetchError, match="404") as caught:
        fetch_url(f"{server}/missing", allowed_hosts=local(server))
    assert not caught.value.transient


@pytest.mark.parametrize("path, status", [("/unavailable", "503"), ("/busy", "429")])
def test_server_errors_and_rate_limits_are_transient(server, path, status):
    with pytest.raises(FetchError, match=status) as caught:
        fetch_url(f"{server}{path}", allowed_hosts=local(server))
    assert caught.value.transient


def test_slow_response_times_out_as_transient(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="did not answer") as caught:
        fetch_url(f"{server}/slow", timeout=0.3, allowed_hosts=local(server))
    assert caught.value.transient
    assert time.monotonic() - started < 2


def test_trickling_body_is_stopped_by_the_overall_deadline(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="too long") as caught:
        fetch_url(f"{server}/trickle", timeout=0.3, allowed_hosts=local(server))
    assert caught.value.transient
    assert time.monotonic() - started < 3


def test_closed_port_is_a_transient_connection_error():
    with socket.socket() as probe:  # a port that was free a moment ago, now closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="could not be reached") as caught:
        fetch_url(f"http://127.0.0.1:{port}/", timeout=2, allowed_hosts=[f"127.0.0.1:{port}"])
    assert caught.value.transient


# --- refusals before any connection


@pytest.mark.parametrize(
    "url, reason",
    [
        ("ftp://example.com/file.txt", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http://127.0.0.1/", "loopback"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://10.0.0.5/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://100.64.0.1/", "not a public address"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::ffff:127.0.0.1]/", "IPv4 address inside an IPv6"),
        ("http://[fd00:ec2::254]/", "private"),
        ("http://[2002:7f00:1::]/", "embeds 127.0.0.1"),
        ("http://[64:ff9b::a9fe:a9fe]/", "embeds 169.254.169.254"),
        ("http://224.0.0.1/", "multicast"),
        ("http://2130706433/", "loopback"),  # 127.0.0.1 written as one number
        ("http://user:pw@example.com/", "user name or password"),
        ("http://@example.com/", "user name or password"),
        ("http:///nohost", "names no host"),
    ],
)
def test_url_is_refused(url, reason):
    with pytest.raises(FetchError, match=reason) as caught:
        fetch_url(url)
    assert not caught.value.transient


def test_host_name_resolving_to_loopback_is_refused(resolve_as):
    resolve_as("innocent.example", "127.0.0.1")
    with pytest.raises(FetchError, match="innocent.example resolves to 127.0.0.1, a loopback"):
        fetch_url("https://innocent.example/article")


def test_host_with_any_internal_address_is_refused(resolve_as):
    resolve_as("mixed.example", "93.184.216.34", "10.1.2.3")
    with pytest.raises(FetchError, match="10.1.2.3"):
        check_url("https://mixed.example/")


def test_public_host_passes_the_guard_and_is_pinned_to_its_address(resolve_as):
    resolve_as("news.example", "93.184.216.34")
    target = check_url("https://news.example/a?b=1")
    assert target.addresses == ("93.184.216.34",)
    assert (target.host_header, target.path) == ("news.example", "/a?b=1")


def test_other_ports_are_refused_unless_allow_listed(resolve_as):
    resolve_as("news.example", "93.184.216.34")
    with pytest.raises(FetchError, match="only ports 80 and 443"):
        check_url("http://news.example:8080/")
    assert check_url("http://news.example:8080/", allowed_hosts=["news.example:8080"]).port == 8080


def test_an_allow_listed_host_is_allowed_on_its_port_only(resolve_as):
    """case 7: INGESTION_ALLOWED_HOSTS scoped to host and port: 127.0.0.1:8123 does not open
    127.0.0.1:6379 (Redis), and a bare host means its scheme's default port only."""
    with pytest.raises(FetchError, match="loopback"):
        check_url("http://127.0.0.1:6379/", allowed_hosts=["127.0.0.1:8123"])
    assert check_url("http://127.0.0.1:8123/", allowed_hosts=["127.0.0.1:8123"]).port == 8123
    assert check_url("http://[::1]:8123/", allowed_hosts=["[::1]:8123"]).port == 8123
    with pytest.raises(FetchError, match="loopback"):
        check_url("http://127.0.0.1:8123/", allowed_hosts=["127.0.0.1"])
    assert check_url("http://127.0.0.1/", allowed_hosts=["127.0.0.1"]).port == 80
    resolve_as("news.example", "93.184.216.34")
    with pytest.raises(FetchError, match="only ports 80 and 443"):
        check_url("http://news.example:8080/", allowed_hosts=["news.example"])


@pytest.mark.parametrize(
    "address", ["100.100.100.200", "198.18.0.1", "192.0.0.170", "255.255.255.255", "fe80::1", "2001::1"]
)
def test_non_global_addresses_have_a_refusal_reason(address):
    assert refusal_reason(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses_have_no_refusal_reason(address):
    assert refusal_reason(ipaddress.ip_address(address)) is None


@pytest.fixture
def tls_server(tmp_path):
    """An HTTPS server on 127.0.0.1 whose self-signed certificate names news.example only."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert)]
        + ["-days", "1", "-subj", "/CN=news.example", "-addext", "subjectAltName=DNS:news.example"],
        check=True,
        capture_output=True,
    )
    names_asked: list[str] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _socket, name, _context: names_asked.append(name)
    stop = threading.Event()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (_Handler,), {"stop": stop}))
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], str(cert), names_asked
    stop.set()
    httpd.shutdown()
    httpd.server_close()


def test_https_goes_to_the_checked_address_with_sni_and_certificate_check_on_the_name(
    tls_server, resolve_as, monkeypatch
):
    port, cert, names_asked = tls_server
    monkeypatch.setattr(http_fetcher.certifi, "where", lambda: cert)
    resolve_as("news.example", "127.0.0.1")
    resolve_as("other.example", "127.0.0.1")
    fetched = fetch_url(f"https://news.example:{port}/echo-host", allowed_hosts=[f"news.example:{port}"])
    assert fetched.content == f"news.example:{port}".encode()
    assert names_asked == ["news.example"]
    with pytest.raises(FetchError, match="TLS check") as caught:
        fetch_url(f"https://other.example:{port}/echo-host", allowed_hosts=[f"other.example:{port}"])
    assert not caught.value.transient
