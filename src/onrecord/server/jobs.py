"""The NLP work of posted articles, in its own bounded queue with its own worker thread.

Extracting an article takes from a fraction of a second to minutes (issue 14: one ~80 s article and three queued
behind it held all four handler threads, and ``GET /healthz`` timed out). So a POST only validates and enqueues;
one worker thread (the spaCy pipeline is CPU-bound under one interpreter lock: more threads would only take turns)
extracts and stores, and the page handlers keep their threads. A full queue is refused at once (503 with
``Retry-After``) rather than queued without bound. Finished jobs are kept (the newest ``keep``) for clients to poll.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_QUEUE = 8  # posted articles waiting for the NLP worker; one more gets 503


@dataclass
class Job:
    id: str
    status: str = "queued"  # queued → running → done | failed
    result: dict[str, Any] | None = None  # done: what the POST would have answered
    error: str | None = None  # failed: the coded message
    error_status: int | None = None  # failed: the HTTP status the error stands for (422 bad input, 507 disk full)
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "status": self.status, "url": f"/api/jobs/{self.id}"}
        if self.result is not None:
            d["result"] = self.result
        if self.error is not None:
            d["error"] = self.error
            d["error_status"] = self.error_status
        return d


class QueueFull(Exception):
    pass


class JobQueue:
    """``submit(work)`` → a queued ``Job``; the worker thread runs ``work()``, which returns the result dict or
    raises ``JobFailed``. The thread starts with the first job and stops at ``close``."""

    def __init__(self, size: int = DEFAULT_QUEUE, keep: int = 1000):
        self.size = size
        self.keep = keep
        self._queue: queue.Queue = queue.Queue(maxsize=size)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    def submit(self, work: Callable[[], dict[str, Any]]) -> Job:
        job = Job(id=secrets.token_urlsafe(12))
        with self._lock:
            if self._closed:
                raise QueueFull("the server is shutting down")
            try:
                self._queue.put_nowait((job, work))
            except queue.Full:
                raise QueueFull(f"{self.size} posted articles are already waiting for extraction") from None
            self._jobs[job.id] = job
            while len(self._jobs) > self.keep:
                oldest = next(iter(self._jobs.values()))
                if oldest.status in ("queued", "running"):
                    break
                self._jobs.popitem(last=False)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="onrecord-nlp", daemon=True)
                self._thread.start()
        return job

    def open(self) -> None:
        """Accept jobs again (the app's start-up: a test client may run the same app's lifespan twice)."""
        with self._lock:
            self._closed = False

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def waiting(self) -> int:
        return self._queue.qsize()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            job, work = item
            job.status = "running"
            try:
                job.result = work()
                job.status = "done"
            except JobFailed as err:
                job.error, job.error_status, job.status = str(err), err.status, "failed"
            except Exception as err:  # noqa: BLE001 -- one job hitting a bug must not stop the worker
                log.exception("posted article %s: extraction failed", job.id)
                job.error = f"internal error ({type(err).__name__}; the server log has the details)"
                job.error_status, job.status = 500, "failed"
            finally:
                job.finished = time.time()

    def close(self, timeout: float = 5.0) -> None:
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is None:
            return
        try:
            self._queue.put(None, timeout=timeout)
        except queue.Full:
            return  # the daemon thread ends with the process
        thread.join(timeout)
        with self._lock:
            if self._thread is thread and not thread.is_alive():
                self._thread = None  # a later start-up (open) starts a new one with the next job


class JobFailed(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status
