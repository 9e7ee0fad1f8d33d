"""Fetch one document by URL, guarded against server-side request forgery. No ORM here.

The guard: only http and https; no user name or password in the URL; ports 80 and 443 only;
every address the host resolves to must be globally routable (no loopback, private,
link-local or cloud metadata address, no IPv4 hidden inside an IPv6 one). Redirects are
followed by hand and each hop is checked again.

DNS rebinding: the connection goes to the address that was checked (the Host header and TLS
server name still carry the host name, and the certificate is verified against it), so a
second, different DNS answer between the check and the connection cannot send the request
elsewhere. No proxy from the environment is used, for the same reason.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit

import certifi
import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from .types import Fetched, FetchError

DEFAULT_USER_AGENT = "DPRK-Russia-Sanctions-Tracker/1.0 (compliance research; document fetcher)"

MAX_REDIRECTS = 5
DOCUMENT_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "application/pdf"}
)
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"})
DEFAULT_PORTS = {"http": 80, "https": 443}
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_SIZE = 64 * 1024
# A server that trickles bytes keeps each read under `timeout`; the whole fetch is capped too.
TOTAL_TIME_FACTOR = 3

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


def fetch_url(
    url: str,
    *,
    timeout: float = 10,
    max_bytes: int = 5_000_000,
    allowed_hosts: Collection[str] = (),
    user_agent: str = DEFAULT_USER_AGENT,
    accept_feeds: bool = False,
) -> Fetched:
    """GET ``url`` and return its body, following at most five redirects.

    ``timeout`` bounds connecting and each read; the whole fetch may take at most three times
    as long. ``allowed_hosts`` (``host:port`` entries, hosts as written in URLs; a bare host
    means its scheme's default port) skips the address and port checks for exactly those
    hosts and ports; tests use it for a server on 127.0.0.1. ``accept_feeds``
    also accepts RSS/Atom/XML, for the feed poller.
    """
    allowed = _allowed_set(allowed_hosts)
    accepted_types = DOCUMENT_TYPES | FEED_TYPES if accept_feeds else DOCUMENT_TYPES
    deadline = time.monotonic() + timeout * TOTAL_TIME_FACTOR
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        target = check_url(current, allowed_hosts=allowed)
        pool, response = _open(target, timeout=timeout, user_agent=user_agent)
        try:
            if response.status in REDIRECT_STATUSES:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(
                        f"{current} answered with a redirect ({response.status}) but no location"
                    )
                current = urljoin(current, location.strip())
                continue
            _check_status(response.status, current)
            content_type, charset = _parse_content_type(response.headers.get("Content-Type"))
            if content_type not in accepted_types:
                raise FetchError(
                    f"{current} is {content_type or 'of no declared type'}, not a document this tool reads "
                    f"(accepted: {', '.join(sorted(accepted_types))})"
                )
            content = _read_body(response, url=current, max_bytes=max_bytes, deadline=deadline)
        finally:
            # One connection per hop; whatever the server had left to send is discarded.
            response.close()
            pool.close()
        if not content:
            raise FetchError(f"{current} returned an empty document")
        return Fetched(
            content=content,
            content_type=content_type,
            locator=current,
            charset=charset,
            filename=None,
            final_url=current,
        )
    raise FetchError(f"{url} redirected more than {MAX_REDIRECTS} times")


@dataclass(frozen=True)
class CheckedURL:
    """A URL that passed the guard: where to connect (the checked addresses) and what to ask for."""

    scheme: str
    host: str  # ASCII (IDNA) form, lower case, without brackets
    port: int
    addresses: tuple[str, ...]  # connect only to these
    path: str  # path and query, as sent in the request line

    @property
    def host_header(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return shown if self.port == DEFAULT_PORTS[self.scheme] else f"{shown}:{self.port}"


def parse_url(url: str) -> tuple[SplitResult, int | None]:
    """The URL's parts and port, if its form is one the fetcher may try: http or https, a
    host, no user name or password. No name is resolved here (see check_url)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"{url!r} is not a valid URL ({exc})") from exc
    if parts.scheme.lower() not in DEFAULT_PORTS:
        raise FetchError(f"{url} is refused: only http and https URLs can be fetched")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise FetchError(f"{url} is refused: URLs with a user name or password are not fetched")
    if not parts.hostname:
        raise FetchError(f"{url} is refused: it names no host")
    return parts, port


def check_url(url: str, *, allowed_hosts: Collection[str] = ()) -> CheckedURL:
    """Refuse a URL the fetcher must not reach; return where to connect for one it may.

    Raises FetchError (never transient, except a temporary DNS failure) with the reason.
    """
    parts, port = parse_url(url)
    scheme = parts.scheme.lower()
    host = _ascii_host(_normalise_host(parts.hostname), url=url)
    port = port if port is not None else DEFAULT_PORTS[scheme]
    allow_listed = host_allowed(host, port, scheme=scheme, allowed_hosts=allowed_hosts)
    addresses = _resolve(host, port, url=url)
    if not allow_listed:
        for address in addresses:
            reason = refusal_reason(ipaddress.ip_address(address))
            if reason:
                raise FetchError(f"{url} is refused: {host} resolves to {address}, {reason}")
        if port not in (80, 443):
            raise FetchError(f"{url} is refused: only ports 80 and 443 can be fetched")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return CheckedURL(scheme=scheme, host=host, port=port, addresses=tuple(addresses), path=path)


def refusal_reason(address: IPAddress) -> str | None:
    """Why the fetcher must not connect to ``address``; None if it is globally routable."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return "an IPv4 address inside an IPv6 one"
        embedded = address.sixtofour
        if embedded is None and address in NAT64_PREFIX:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            inner = refusal_reason(embedded)
            if inner:
                return f"which embeds {embedded}, {inner}"
        if address.teredo is not None:
            return "a Teredo tunnel address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address (cloud metadata services live there)"
    if address.is_multicast:
        return "a multicast address"
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_private:
        return "a private address"
    if address.is_reserved:
        return "a reserved address"
    if not address.is_global:
        # Shared address space (100.64.0.0/10, carrier-grade NAT and some metadata services) and
        # other ranges that are neither private nor public.
        return "not a public address"
    return None


def _allowed_set(allowed_hosts: Collection[str]) -> frozenset[tuple[str, int | None]]:
    """The allow-list as (host, port) pairs: "127.0.0.1:8123", "[::1]:8123", "news.example:8080";
    a bare host (port None) stands for its scheme's default port only, never for every port."""
    if isinstance(allowed_hosts, frozenset):
        return allowed_hosts
    if isinstance(allowed_hosts, str):  # one host given bare, not its characters
        allowed_hosts = (allowed_hosts,)
    return frozenset(_allowed_entry(entry) for entry in allowed_hosts if entry and entry.strip())


def _allowed_entry(entry: str) -> tuple[str, int | None]:
    entry = entry.strip()
    host, port = entry, None
    if entry.startswith("["):  # [IPv6]:port
        host, _, rest = entry[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else None
    elif entry.count(":") == 1:  # host:port (a bare IPv6 literal has more colons)
        host, port = entry.split(":")
    if port is not None and not (port.isdigit() and 0 < int(port) < 65536):
        raise ValueError(f"INGESTION_ALLOWED_HOSTS entry “{entry}”: the port must be a number from 1 to 65535")
    return _normalise_host(host), int(port) if port is not None else None


def host_allowed(
    host: str, port: int | None, *, scheme: str, allowed_hosts: Collection[str]
) -> bool:
    """Whether the allow-list names this host on this port (None: the scheme's default)."""
    port = port if port is not None else DEFAULT_PORTS[scheme]
    allowed = _allowed_set(allowed_hosts)
    host = _normalise_host(host)
    return (host, port) in allowed or ((host, None) in allowed and port == DEFAULT_PORTS[scheme])


def _normalise_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def _ascii_host(host: str, *, url: str) -> str:
    """The host as sent on the wire (IDNA for internationalised names)."""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise FetchError(f"{url} is refused: the host name is not valid ({exc})") from exc


def _resolve(host: str, port: int, *, url: str) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        transient = exc.errno == socket.EAI_AGAIN
        raise FetchError(
            f"{url} could not be fetched: the host {host} was not found ({exc.strerror or exc})",
            transient=transient,
        ) from exc
    except UnicodeError as exc:
        raise FetchError(f"{url} is refused: the host name is not valid ({exc})") from exc
    addresses: list[str] = []
    for family, _type, _proto, _canonname, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        address = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone id
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(f"{url} could not be fetched: the host {host} has no address")
    return addresses


def _open(
    target: CheckedURL, *, timeout: float, user_agent: str
) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse]:
    """Connect to a checked address (the first that answers) and send the request."""
    headers = {
        "Host": target.host_header,
        "User-Agent": user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain,text/markdown,application/pdf,"
        "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.1",
        # Only encodings the standard library decodes; the size cap counts decoded bytes.
        "Accept-Encoding": "gzip, deflate",
    }
    url = f"{target.scheme}://{target.host_header}{target.path}"
    last_error: FetchError | None = None
    for address in target.addresses:
        pool = _pool(target, address, timeout=timeout)
        try:
            response = pool.urlopen(
                "GET",
                target.path,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                assert_same_host=False,
                release_conn=False,
            )
        except (ConnectTimeoutError, NewConnectionError) as exc:
            pool.close()
            last_error = FetchError(f"{url} could not be reached ({_reason(exc)})", transient=True)
            continue  # another address of the same host may answer
        except ReadTimeoutError as exc:
            pool.close()
            raise FetchError(f"{url} did not answer within {timeout:g} s", transient=True) from exc
        except SSLError as exc:
            pool.close()
            raise FetchError(f"{url} failed the TLS check ({_reason(exc)})") from exc
        except (ProtocolError, HTTPError, OSError) as exc:
            pool.close()
            raise FetchError(f"{url} could not be fetched ({_reason(exc)})", transient=True) from exc
        except (ValueError, http.client.HTTPException) as exc:  # a request the library will not send
            pool.close()
            raise FetchError(f"{url} could not be requested ({_reason(exc)})") from exc
        return pool, response
    assert last_error is not None
    raise last_error


def _pool(target: CheckedURL, address: str, *, timeout: float) -> urllib3.HTTPConnectionPool:
    pool_timeout = urllib3.Timeout(connect=timeout, read=timeout)
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            host=address,
            port=target.port,
            timeout=pool_timeout,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            server_hostname=target.host,  # SNI
            assert_hostname=target.host,  # the certificate must name the host, not the address
        )
    return urllib3.HTTPConnectionPool(host=address, port=target.port, timeout=pool_timeout, maxsize=1)


def _check_status(status: int, url: str) -> None:
    if 200 <= status < 300:
        return
    if status == 429:
        raise FetchError(f"{url} asked us to slow down (HTTP 429)", transient=True)
    if status >= 500:
        raise FetchError(f"{url} failed on the server side (HTTP {status})", transient=True)
    if status == 404 or status == 410:
        raise FetchError(f"{url} was not found (HTTP {status})")
    if status in (401, 403):
        raise FetchError(f"{url} refused access (HTTP {status})")
    raise FetchError(f"{url} answered HTTP {status}")


def _parse_content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset


def _size_label(max_bytes: int) -> str:
    return f"{max_bytes / 1_000_000:g} MB"


def _read_body(response: urllib3.BaseHTTPResponse, *, url: str, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise FetchError(
            f"{url} is larger than the {_size_label(max_bytes)} cap ({int(declared):,} bytes declared)"
        )
    body = bytearray()
    try:
        while True:
            # read1 returns as soon as some bytes arrive, so the deadline is checked even when a
            # server trickles its body a byte at a time (each read stays under the read timeout).
            chunk = response.read1(CHUNK_SIZE, decode_content=True)
            if not chunk:
                break
            body += chunk
            if len(body) > max_bytes:
                raise FetchError(f"{url} is larger than the {_size_label(max_bytes)} cap")
            if time.monotonic() > deadline:
                raise FetchError(f"{url} took too long to download", transient=True)
    except ReadTimeoutError as exc:
        raise FetchError(f"{url} stopped sending data (read timed out)", transient=True) from exc
    except (ProtocolError, OSError) as exc:
        raise FetchError(f"{url} broke off while sending ({_reason(exc)})", transient=True) from exc
    except HTTPError as exc:  # DecodeError and friends: a body that is not what it claims
        raise FetchError(f"{url} sent a body that could not be decoded ({_reason(exc)})") from exc
    return bytes(body)


def _reason(exc: BaseException) -> str:
    text = str(exc)
    return text.split(": ", 1)[-1] if ": " in text else text or type(exc).__name__
