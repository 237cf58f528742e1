"""Store access for the server: one read-only ``Store`` per worker thread, one write connection at a time, and
the page-data cache keyed by the database's fingerprint."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..store import Store


class Stores:
    """One read-only Store per thread (``PRAGMA query_only``: SQLite itself refuses writes on it), all closed at
    shutdown; one write Store behind a lock."""

    def __init__(self, path: Path | str):
        self.path = path
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()

    def read(self) -> Store:
        s = getattr(self._local, "store", None)
        if s is None:
            s = Store(self.path, create=False, readonly=True)
            self._local.store = s
            with self._lock:
                self._all.append(s)
        return s

    def write(self, fn: Callable[[Store], Any]) -> Any:
        """Run ``fn`` with a write connection, one writer at a time. Writes are rare: the connection is opened for
        each and closed after, so no connection crosses threads."""
        with self.write_lock:
            with Store(self.path, create=False) as s:
                return fn(s)

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                try:
                    s.close()
                except Exception:  # noqa: BLE001 - a connection of a finished thread; nothing to save
                    pass
            self._all.clear()


class WriteSink:
    """The sink ``pipeline.ingest_into`` stores posted articles through: ``has`` on this thread's read
    connection, ``add`` on a short write connection (``Stores.write``), so the NLP never holds the write lock."""

    def __init__(self, stores: Stores):
        self.stores = stores
        self.location = str(stores.path)
        self.path = None  # no input can be our own database file: posted articles are text

    def has(self, article_id: str) -> bool:
        return self.stores.read().has(article_id)

    def add(self, article) -> bool:
        return self.stores.write(lambda s: s.add(article))


class PageCache:
    """Page data by URL, valid while the database fingerprint is unchanged; least recently used entries go first."""

    def __init__(self, size: int = 256):
        self.size = size
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, fingerprint, compute: Callable[[], Any]) -> Any:
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and hit[0] == fingerprint:
                self._data.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            self._data[key] = (fingerprint, value)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value
