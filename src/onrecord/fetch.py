"""Fetching a URL for ``onrecord watch``: one GET over http.client, every hop's address checked and then connected
to (no fetch reaches inside the network: loopback, private, link-local, multicast, unspecified and reserved
addresses are refused, E604, unless allowed), redirects followed here, robots.txt honoured, and one deadline over
connect, headers and body.  feeds.py drives it; it knows nothing of feeds.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from . import __version__
from .errors import (
    FetchError,
    InternalAddressError,
    RobotsDisallowed,
)

log = logging.getLogger(__name__)

log = logging.getLogger(__name__)

USER_AGENT = f"onrecord/{__version__} (news feed monitor; robots token: onrecord)"
ROBOTS_TOKEN = "onrecord"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # per feed or page
MAX_CRAWL_DELAY = 60.0  # seconds; a larger Crawl-delay in robots.txt is capped
ROBOTS_TTL = 3600.0  # seconds a host's robots.txt is trusted


# -- HTTP ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    status: int
    body: bytes
    headers: dict[str, str]


# -- addresses: no fetch reaches inside the network -------------------------------------------------------------

Resolver = Callable[[str, int], Sequence[str]]  # (host, port) → IP addresses, as strings
Connector = Callable[[str, int, float], socket.socket]  # (IP address, port, timeout) → a connected socket

MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)


def system_resolve(host: str, port: int) -> list[str]:
    """The host's addresses from the system resolver (``getaddrinfo``), in its order, each once."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def system_connect(address: str, port: int, timeout: float) -> socket.socket:
    return socket.create_connection((address, port), timeout=timeout)


def literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host name spells, when it spells one: the usual forms (``127.0.0.1``, ``::1``) and the ones
    ``inet_aton`` and so browsers and resolvers also accept: one to four dot-separated parts, each decimal, octal
    (leading 0) or hex (0x), the last filling the remaining bytes (``2130706433``, ``0x7f.1``, ``0177.0.0.1``,
    ``127.1``).  None for a name to be resolved."""
    host = host.strip().rstrip(".").strip("[]")
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    values = []
    for part in parts:
        try:
            if part[:2].lower() == "0x":
                values.append(int(part[2:] or "0", 16))
            elif len(part) > 1 and part.startswith("0"):
                values.append(int(part[1:], 8))
            elif part.isdigit():
                values.append(int(part))
            else:
                return None
        except ValueError:
            return None
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = last
    for i, v in enumerate(head):
        number += v << (8 * (3 - i))
    return ipaddress.IPv4Address(number)


def internal_kind(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """What makes an address internal (``"loopback"``, ``"private"``, ``"link-local"``, ``"multicast"``,
    ``"unspecified"``, ``"reserved"``, ``"not globally routable"``), or None for a public unicast address.
    IPv6 forms that carry an IPv4 address (IPv4-mapped ``::ffff:a.b.c.d``, IPv4-compatible ``::a.b.c.d``, 6to4
    ``2002::/16``) are judged by the IPv4 address inside."""
    ip = ipaddress.ip_address(address.split("%", 1)[0]) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # a dual-stack socket connects to the IPv4 address itself
            inner = internal_kind(ip.ipv4_mapped)
            return f"{inner} (as {ip.ipv4_mapped} inside an IPv6 address)" if inner else None
        inner = ip.sixtofour or (ipaddress.IPv4Address(int(ip)) if 1 < int(ip) < 2 ** 32 else None)
        if inner is not None and internal_kind(inner):
            return f"{internal_kind(inner)} (as {inner} inside an IPv6 address)"
    for kind, test in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if test:
            return kind
    if not ip.is_global:  # 100.64.0.0/10 (carrier-grade NAT) and the like
        return "not globally routable"
    return None


# -- HTTP ---------------------------------------------------------------------------------------------------------

class Fetcher:
    """GETs with our User-Agent, a deadline for the whole response, a size limit, conditional requests, and
    robots.txt (per host, cached for ``ROBOTS_TTL``; its Crawl-delay honoured, up to ``MAX_CRAWL_DELAY``).

    Every request, and every redirect hop (followed here, up to ``MAX_REDIRECTS``, http(s) only), resolves its host,
    refuses it (``InternalAddressError``) when any of its addresses is internal (``internal_kind``) unless
    ``allow_private``, and connects to the address it checked: the name is not looked up again between the check
    and the connection.  ``timeout`` bounds connect + headers + body together: each read waits at most for what is
    left, and a watchdog shuts the socket at the deadline, so a host that trickles bytes is cut on time.
    ``resolver`` and ``connector`` are the system's unless given (tests route names to a local server)."""

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                 user_agent: str = USER_AGENT, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, allow_private: bool = False,
                 resolver: Resolver | None = None, connector: Connector | None = None):
        self.timeout = float(timeout)
        self.max_bytes = int(max_bytes)
        self.user_agent = user_agent
        self.allow_private = bool(allow_private)
        self._sleep, self._clock = sleep, clock
        self._resolve = resolver or system_resolve
        self._connect = connector or system_connect
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None, FetchError | None]] = {}
        self._last_request: dict[str, float] = {}
        self._tls: ssl.SSLContext | None = None
        self._pins: dict[str, list[str]] = {}  # host → addresses, fixed for the duration of one feed's poll

    # addresses

    def addresses(self, url: str) -> list[str]:
        """The addresses ``url``'s host stands for (a literal, in any form, is not looked up); FetchError when
        the name does not resolve."""
        host = urlsplit(url).hostname or ""
        literal = literal_address(host)
        if literal is not None:
            return [str(literal)]
        if host in self._pins:
            return list(self._pins[host])
        try:
            return list(self._resolve(host, _port(url)))
        except (OSError, UnicodeError) as err:
            raise FetchError(f"cannot resolve {host!r}: {getattr(err, 'strerror', None) or err}", source=url,
                             transient=True) from None

    def is_internal(self, url: str) -> bool:
        """Whether ``url``'s host is itself internal, every address of it (a feed on such a host may link to its
        neighbours)."""
        try:
            found = self.addresses(url)
            return bool(found) and all(internal_kind(a) for a in found)
        except (FetchError, ValueError):
            return False

    @contextlib.contextmanager
    def pinned(self, url: str) -> Iterator[list[str]]:
        """Resolve ``url``'s host once and use those addresses for every request to it inside the block: the
        decision that a feed's host is internal (which lets it link to internal pages) and the connections that
        fetch it then rest on the same DNS answer, so a rebinding name cannot be internal for the one and public
        for the other."""
        host = urlsplit(url).hostname or ""
        try:
            found = self.addresses(url)
        except FetchError:
            found = []
        if not found or literal_address(host) is not None or host in self._pins:
            yield found
            return
        self._pins[host] = found
        try:
            yield found
        finally:
            del self._pins[host]

    def _checked_addresses(self, url: str, allow_private: bool, *, via: str | None) -> list[str]:
        addresses = self.addresses(url)
        if not addresses:
            raise FetchError(f"{urlsplit(url).hostname!r} has no address", source=via or url, transient=True)
        if allow_private:
            return addresses
        for address in addresses:
            kind = internal_kind(address)
            if kind:
                host = urlsplit(url).hostname
                what = address if host == address else f"{host!r} is {address}, which"
                target = f"redirected to {url[:200]}: " if via else ""
                raise InternalAddressError(f"refused: {target}{what} is a {kind} address and the feed's host is "
                                           "public (watch --allow-private fetches it)", source=via or url)
        return addresses

    # requests

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str = "*/*", allow_private: bool | None = None) -> Response:
        """The response (a 2xx, or 304 for a conditional request that found nothing new); FetchError for anything
        else (InternalAddressError for an internal address, unless ``allow_private``, default the Fetcher's)."""
        allow = self.allow_private if allow_private is None else allow_private
        headers = {"User-Agent": self.user_agent, "Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_for(_origin(url))
        started = self._clock()
        deadline = started + self.timeout
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
                raise FetchError(f"redirected to a URL that is not http(s): {current[:200]}", source=url)
            try:
                status, reason, head, body = self._request(current, headers, started, deadline, allow,
                                                           via=url if current != url else None)
            finally:
                self._last_request[_origin(current)] = self._clock()
            if status in _REDIRECTS:
                location = head.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} with no Location", source=url)
                current = urldefrag(urljoin(current, location.strip()))[0]
                continue
            if status == 304:
                return Response(url=current, status=304, body=b"", headers=head)
            if not 200 <= status < 300:
                raise FetchError(f"HTTP {status} {reason}", source=url,
                                 transient=status >= 500 or status in (408, 429))
            return Response(url=current, status=status, body=body, headers=head)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", source=url)

    def _request(self, url: str, headers: dict[str, str], started: float, deadline: float, allow: bool, *,
                 via: str | None) -> tuple[int, str, dict[str, str], bytes]:
        """One GET of ``url`` on a connection to an address checked here; the body is read only for a 2xx."""
        source = via or url
        parts = urlsplit(url)
        try:
            port = _port(url)
            host = parts.hostname.encode("idna").decode("ascii")
        except (ValueError, UnicodeError) as err:
            raise FetchError(f"malformed URL: {err}", source=source) from None
        addresses = self._checked_addresses(url, allow, via=via)
        sock, failure = None, None
        for address in addresses:
            left = deadline - self._clock()
            if left <= 0:
                break
            try:
                sock = self._connect(address, port, left)
                break
            except OSError as err:
                failure = err
        if sock is None:
            if failure is None or isinstance(failure, TimeoutError):
                raise self._timed_out(source, started)
            raise FetchError(f"cannot connect: {failure.strerror or failure}", source=source, transient=True)
        cut = threading.Event()

        def watchdog() -> None:
            cut.set()
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

        timer = threading.Timer(max(deadline - self._clock(), 0.0), watchdog)
        timer.daemon = True
        timer.start()
        conn = http.client.HTTPConnection(host, port, timeout=max(deadline - self._clock(), 0.001))
        try:
            if parts.scheme.lower() == "https":
                if self._tls is None:
                    self._tls = ssl.create_default_context()
                sock = self._tls.wrap_socket(sock, server_hostname=host)
            conn.sock = sock
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            head = {k.lower(): v for k, v in resp.getheaders()}
            if not 200 <= resp.status < 300:
                return resp.status, resp.reason, head, b""
            length = head.get("content-length", "")
            if length.isdigit() and int(length) > self.max_bytes:
                raise FetchError(f"{int(length):,} bytes; the limit is {self.max_bytes:,} bytes", source=source)
            chunks, size = [], 0
            while True:
                left = deadline - self._clock()
                if left <= 0 or cut.is_set():
                    raise self._timed_out(source, started)
                sock.settimeout(left)
                chunk = resp.read1(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(f"more than the limit of {self.max_bytes:,} bytes", source=source)
                chunks.append(chunk)
            if cut.is_set():
                raise self._timed_out(source, started)
            if resp.length:  # the connection closed before Content-Length bytes came
                raise FetchError(f"the connection closed after {size:,} bytes of {length} (incomplete)",
                                 source=source, transient=True)
            return resp.status, resp.reason, head, b"".join(chunks)
        except TimeoutError:
            raise self._timed_out(source, started) from None
        except (OSError, http.client.HTTPException, ValueError) as err:  # reset mid-body, bad status line, TLS
            if cut.is_set():
                raise self._timed_out(source, started) from None
            raise FetchError(f"{type(err).__name__}: {err}", source=source, transient=True) from None
        finally:
            timer.cancel()
            conn.close()
            try:
                sock.close()
            except OSError:
                pass

    def _timed_out(self, source: str, started: float) -> FetchError:
        return FetchError(f"timed out after {self._clock() - started:.1f} s (the limit is {self.timeout:g} s)",
                          source=source, transient=True)

    def check_robots(self, url: str, *, allow_private: bool | None = None) -> None:
        """Raise RobotsDisallowed unless the host's robots.txt lets our User-Agent fetch ``url``;
        InternalAddressError, before any request, for an internal host (unless ``allow_private``)."""
        allow = self.allow_private if allow_private is None else allow_private
        self._checked_addresses(url, allow, via=None)
        origin = _origin(url)
        cached = self._robots.get(origin)
        if cached is None or self._clock() - cached[0] > ROBOTS_TTL:
            cached = self._robots[origin] = (self._clock(), *self._read_robots(origin, allow))
        parser, failure = cached[1], cached[2]
        if failure is not None:
            del self._robots[origin]  # not cached: try again next time
            if isinstance(failure, InternalAddressError):  # robots.txt redirected inside
                raise InternalAddressError(failure.message, source=url)
            raise FetchError(f"{failure.message} (reading robots.txt; nothing is fetched from this host until it "
                             "answers)", source=url, transient=True)
        if parser is not None and not parser.can_fetch(ROBOTS_TOKEN, url):
            raise RobotsDisallowed("robots.txt disallows it", source=url)

    def _read_robots(self, origin: str, allow: bool
                     ) -> tuple[urllib.robotparser.RobotFileParser | None, FetchError | None]:
        # As the robots exclusion standard (RFC 9309) says: 4xx (no robots.txt) → everything allowed; 5xx or no
        # answer → nothing allowed for now.  401/403 are read as "all disallowed", as urllib.robotparser does.
        try:
            resp = self.get(origin + "/robots.txt", accept="text/plain", allow_private=allow)
        except FetchError as err:
            if err.message.startswith("HTTP 4"):
                if err.message.startswith(("HTTP 401", "HTTP 403")):
                    parser = urllib.robotparser.RobotFileParser()
                    parser.disallow_all = True
                    return parser, None
                return None, None
            return None, err
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(resp.body.decode("utf-8", errors="replace").splitlines())
        return parser, None

    def _wait_for(self, origin: str) -> None:
        cached = self._robots.get(origin)
        parser = cached[1] if cached else None
        delay = parser.crawl_delay(ROBOTS_TOKEN) if parser is not None else None
        last = self._last_request.get(origin)
        if delay and last is not None:
            wait = min(float(delay), MAX_CRAWL_DELAY) - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)


def _port(url: str) -> int:
    parts = urlsplit(url)
    return parts.port or (443 if parts.scheme.lower() == "https" else 80)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


