"""Feed monitoring: poll RSS and Atom feeds, fetch the new article pages, ingest them; never fetch or store one twice.

One poll of one feed:

1. fetch the feed, conditionally (``If-None-Match``/``If-Modified-Since`` from the last poll; 304: nothing new);
2. parse it with feedparser; each entry is a page URL (fragment dropped) and its guid when the feed gives one;
3. drop the entries the store has seen (``feed_items``: by URL, or by guid within the feed), keep ``max_items``;
4. fetch each page if robots.txt allows it (our User-Agent, a timeout, a size limit) and decode it with the normal
   ingest stage; an article whose id (the content hash) is stored already is not parsed again;
5. extract the new ones with the normal pipeline, store them, and record every entry's outcome in ``feed_items``
   and the feed's validators and status in ``feeds``.

A dead feed, a 404, a timeout or a page robots.txt forbids is an error for that feed or entry, logged and
reported; the others go on.  Network failures (timeouts, 5xx, 429, refused connections) are tried again on later
polls, up to ``MAX_ATTEMPTS`` fetches of the page in all; permanent ones (4xx, robots, no article in the page) are
not.

Why feedparser and not trafilatura's ``feeds`` module: feedparser parses bytes we fetched ourselves, so robots,
timeouts, the size limit and conditional requests stay ours, and it gives each entry's guid and date across
RSS 0.9x/1.0/2.0 and Atom, tolerating malformed feeds; trafilatura's helper downloads on its own and returns only
a filtered list of links.  Fetching is http.client from the standard library (one GET at a time needs no more),
driven here rather than through urllib so that every hop's address is checked and then connected to (see
``Fetcher``) and the deadline covers the whole response.

Feeds never reach inside the network: an entry, a redirect or a robots.txt whose host is (or resolves to) a
loopback, private, link-local, multicast, unspecified or reserved address is refused (``InternalAddressError``,
E604, recorded on the entry) unless the feed's own host is itself such an address (an intranet feed may link to
its neighbours) or ``allow_private`` (``watch --allow-private``) is set.
"""

from __future__ import annotations

import email.utils
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from . import ingest
from .config import Options
from .errors import (
    FeedError,
    FetchError,
    InputError,
    NotAFeedError,
    OnrecordError,
    RobotsDisallowed,  # noqa: F401 - raised by the fetcher; kept importable from feeds
)
from .fetch import (  # noqa: F401 - fetching lives in fetch.py; these names stay importable from feeds
    DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, MAX_CRAWL_DELAY, MAX_REDIRECTS, ROBOTS_TOKEN, ROBOTS_TTL, USER_AGENT, Fetcher,
    Response, internal_kind, literal_address, system_connect, system_resolve,
)

log = logging.getLogger(__name__)

DEFAULT_MAX_ITEMS = 100  # new entries fetched per feed per poll: a flood of entries is spread over polls
MAX_ATTEMPTS = 3  # fetches of one page in all, when it keeps failing for reasons that may pass


# -- settings -----------------------------------------------------------------------------------------------------

_DURATION_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|h|m|s)?", re.I)
_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, None: 1.0}


def parse_duration(text: str) -> float:
    """"15m", "1h30m", "90s", "2.5s", "250ms" or plain seconds → seconds; ValueError for anything else."""
    text = text.strip()
    pos, total = 0, 0.0
    for m in _DURATION_RE.finditer(text):
        if m.start() != pos or (m.group(2) is None and m.end() != len(text)):
            break
        total += float(m.group(1)) * _UNITS[m.group(2).lower() if m.group(2) else None]
        pos = m.end()
    if not text or pos != len(text):
        raise ValueError(f"not a duration: {text!r} (say 15m, 1h, 90s)")
    if total <= 0:
        raise ValueError(f"the duration must be more than zero: {text!r}")
    return total


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs from a text file: one per line; blank lines and ``#`` comments skipped; duplicates once."""
    source = str(path)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("no such feed list", source=source) from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read the feed list: {err}", source=source) from None
    urls: list[str] = []
    for number, line in enumerate(lines, start=1):
        url = line.strip()
        if url.startswith("#"):
            continue
        url = re.split(r"\s+#", url, maxsplit=1)[0].strip()  # "URL   # a comment"; a '#' inside a URL stays
        if not url:
            continue
        if urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).netloc:
            raise InputError(f"line {number}: not an http(s) URL: {url[:200]!r}", source=source)
        if url not in urls:
            urls.append(url)
    if not urls:
        raise InputError("the feed list names no feeds", source=source)
    return urls


# -- feeds --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Entry:
    url: str
    guid: str | None
    title: str | None
    published: str | None  # ISO date


def parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> tuple[str | None, list[Entry]]:
    """(feed title, entries in feed order) of an RSS or Atom document; NotAFeedError when it is neither."""
    import feedparser  # imported late: only `watch` needs it

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        why = parsed.get("bozo_exception") or "no RSS or Atom content"
        raise NotAFeedError(f"not an RSS or Atom feed ({why})", source=url)
    entries = []
    for e in parsed.entries:
        link = e.get("link") or (e.get("id") if e.get("guidislink") else None)
        if not link:
            continue
        link = urldefrag(link.strip())[0]
        if urlsplit(link).scheme.lower() not in ("http", "https"):
            continue
        published = _entry_date(e, link)
        entries.append(Entry(url=link, guid=(e.get("id") or "").strip() or None,
                             title=(e.get("title") or "").strip() or None, published=published))
    return (parsed.feed.get("title") or None), entries


def _entry_date(entry, link: str) -> str | None:
    """The entry's date (``YYYY-MM-DD``), or None.  feedparser rolls an impossible date over (``2025-13-45`` comes
    back as 2026-01-01), so the date as written is put to the one date check first (``ingest.page_date``: dropped,
    with E109 logged)."""
    raw = (entry.get("published") or entry.get("updated") or "").strip()
    if raw:
        if re.match(r"\d{4}-\d", raw):
            written = raw[:10]
        else:
            parts = email.utils.parsedate_tz(raw)  # RFC 822, as RSS writes dates
            written = "%04d-%02d-%02d" % parts[:3] if parts else None
        if written is not None and ingest.page_date(written, source=link) is None:
            return None
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return date(*stamp[:3]).isoformat() if stamp else None
    except (TypeError, ValueError):
        return None


# -- polling ------------------------------------------------------------------------------------------------------

@dataclass
class FeedResult:
    """What one poll of one feed did."""

    url: str
    status: str = "ok"  # ok | not-modified | failed
    entries: int = 0  # in the feed
    new: int = 0  # entries not seen before (fetched this poll)
    stored: int = 0  # articles added to the store
    duplicates: int = 0  # pages whose article was stored already (another URL, another feed)
    errors: list[OnrecordError] = field(default_factory=list)


@dataclass
class PollReport:
    number: int
    started: float  # time.time()
    feeds: list[FeedResult]

    @property
    def stored(self) -> int:
        return sum(f.stored for f in self.feeds)

    @property
    def duplicates(self) -> int:
        return sum(f.duplicates for f in self.feeds)

    @property
    def errors(self) -> list[OnrecordError]:
        return [e for f in self.feeds for e in f.errors]

    @property
    def failed_feeds(self) -> int:
        return sum(1 for f in self.feeds if f.status == "failed")


def poll_feed(feed_url: str, store, fetcher: Fetcher, *, nlp=None, options: Options | None = None,
              max_items: int = DEFAULT_MAX_ITEMS) -> FeedResult:
    """One poll of one feed (see the module docstring); every failure ends up in the result, none is raised."""
    with fetcher.pinned(feed_url):
        return _poll_feed(feed_url, store, fetcher, nlp=nlp, options=options, max_items=max_items)


def _poll_feed(feed_url: str, store, fetcher: Fetcher, *, nlp, options: Options | None, max_items: int
               ) -> FeedResult:
    result = FeedResult(url=feed_url)
    state = store.feed_state(feed_url) or {}
    # An internal feed host may link to internal pages; a public one may not (nor redirect there).
    allow = fetcher.allow_private or fetcher.is_internal(feed_url)
    try:
        fetcher.check_robots(feed_url, allow_private=allow)
        resp = fetcher.get(feed_url, etag=state.get("etag"), last_modified=state.get("last_modified"),
                           accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8",
                           allow_private=allow)
        if resp.status == 304:
            result.status = "not-modified"
            # the feed is as it was: only the entries whose fetch failed for a passing reason are tried again
            todo = [Entry(r["url"], r["guid"], r["title"], r["published"])
                    for r in store.feed_items(feed_url=feed_url, status="retry", limit=None)
                    if _should_fetch(r)][:max_items]
            result.new = len(todo)
            _ingest_entries(feed_url, todo, store, fetcher, nlp=nlp, options=options, result=result,
                            allow_private=allow)
            store.save_feed_state(feed_url, etag=state.get("etag"), last_modified=state.get("last_modified"),
                                  title=state.get("title"), status="not-modified", error=None)
            return result
        title, entries = parse_feed(resp.body, url=resp.url, content_type=resp.headers.get("content-type"))
    except FeedError as err:
        log.warning("%s", err)
        result.status = "failed"
        result.errors.append(err)
        store.save_feed_state(feed_url, etag=state.get("etag"), last_modified=state.get("last_modified"),
                              title=state.get("title"), status="failed", error=str(err))
        return result
    result.entries = len(entries)
    todo = [e for e in entries if _should_fetch(store.seen_feed_item(e.url, feed_url, e.guid))][:max_items]
    result.new = len(todo)
    _ingest_entries(feed_url, todo, store, fetcher, nlp=nlp, options=options, result=result,
                    allow_private=allow)
    # validators saved last: if this poll dies half-way, the next one reads the whole feed again
    store.save_feed_state(feed_url, etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"),
                          title=title, status="ok", error=None)
    return result


def _should_fetch(seen: dict | None) -> bool:
    return seen is None or (seen["status"] == "retry" and seen["attempts"] < MAX_ATTEMPTS)


def _ingest_entries(feed_url: str, entries: Sequence[Entry], store, fetcher: Fetcher, *, nlp,
                    options: Options | None, result: FeedResult, allow_private: bool = False) -> None:
    from . import ingest
    from .pipeline import article_id, ingest_into

    options = options or Options.from_env()
    docs, doc_entries = [], []
    for entry in entries:
        def record(status: str, error: OnrecordError | None = None, aid: str | None = None, entry=entry) -> None:
            store.record_feed_item(entry.url, feed_url=feed_url, guid=entry.guid, title=entry.title,
                                   published=entry.published, status=status,
                                   error=str(error) if error else None, article_id=aid)

        try:
            fetcher.check_robots(entry.url, allow_private=allow_private)
            resp = fetcher.get(entry.url, accept="text/html, application/xhtml+xml, text/plain;q=0.9, */*;q=0.5",
                               allow_private=allow_private)
            kind = (resp.headers.get("content-type") or "").split(";")[0].strip().lower()
            if kind and not (kind.startswith("text/") or kind in ("application/xhtml+xml", "application/xml")):
                raise FetchError(f"not an article page (content type {kind})", source=entry.url)
            doc = ingest.document_from_bytes(resp.body, source=entry.url, max_bytes=fetcher.max_bytes)
        except OnrecordError as err:
            log.warning("%s", err)
            result.errors.append(err)
            record("retry" if getattr(err, "transient", False) else "failed", err)
            continue
        if options.published or (doc.published is None and entry.published):
            doc = replace(doc, published=options.published or entry.published)
        aid = article_id(doc)
        if store.has(aid):
            result.duplicates += 1
            record("duplicate", aid=aid)
            continue
        docs.append(doc)
        doc_entries.append(entry)
    if not docs:
        return
    waiting: dict[str, list[Entry]] = {}
    for doc, entry in zip(docs, doc_entries):
        waiting.setdefault(doc.source, []).append(entry)

    def outcome(o) -> None:  # each article is stored as it finishes (pipeline.ingest_into)
        entry = waiting[o.source].pop(0)
        if o.error is not None:
            result.errors.append(o.error)
        elif o.status == "new":
            result.stored += 1
        else:
            result.duplicates += 1
        store.record_feed_item(entry.url, feed_url=feed_url, guid=entry.guid, title=entry.title,
                               published=entry.published, status="failed" if o.error is not None else
                               "stored" if o.status == "new" else "duplicate",
                               error=str(o.error) if o.error is not None else None,
                               article_id=o.id if o.error is None else None)

    summary = ingest_into(docs, [store], options, nlp=nlp, site_dedup=False, skip_stored=False, on_outcome=outcome)
    if summary.stopped is not None:  # a full disk: the entries not reached are fetched again next poll
        log.error("%s", summary.stopped)


def watch(feed_urls: Iterable[str], store, *, nlp=None, options: Options | None = None, every: float = 900.0,
          max_polls: int | None = None, max_items: int = DEFAULT_MAX_ITEMS, fetcher: Fetcher | None = None,
          sleep: Callable[[float], None] | None = None) -> Iterator[PollReport]:
    """Poll every feed, then wait until ``every`` seconds after the poll began, and again; a report per poll.

    Stops after ``max_polls`` polls (None: never; interrupt it with Ctrl-C, which ends the wait at once).
    """
    feed_urls = list(feed_urls)
    fetcher = fetcher or Fetcher()
    number = 0
    while max_polls is None or number < max_polls:
        number += 1
        started, tick = time.time(), time.monotonic()
        results = [poll_feed(url, store, fetcher, nlp=nlp, options=options, max_items=max_items)
                   for url in feed_urls]
        report = PollReport(number=number, started=started, feeds=results)
        log.info("poll %d: %d stored, %d already stored, %d errors", number, report.stored, report.duplicates,
                 len(report.errors))
        yield report
        if max_polls is not None and number >= max_polls:
            break
        wait = every - (time.monotonic() - tick)
        if wait > 0:
            (sleep or _sleep)(wait)


_sleep = time.sleep  # the wait between polls (tests replace it)
