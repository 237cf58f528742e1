"""Where the per-article work runs: in this process, in a local process pool, or on a Dask cluster.

Every backend maps the function it is given — the pipeline gives ``pipeline.extract_batch(jobs, options)``, a
pure, picklable function — over batches of ``(Document, repeated lines)`` jobs and hands the results back **in submission order**, so the three give the same
records in the same order (tests compare them). At most 2 × workers + 1 batches are out at a time: reading a 20 GB
dump never queues it all in memory (``multiprocessing.Pool.imap`` would: its feeder thread drains the input).
A ``None`` in place of a batch is a flush point from the driver: it yields ``[]`` at once.

The executors know nothing of the pipeline (it imports them, never the reverse): the function comes with ``map``.

- ``InlineExecutor``: the function here, with the caller's (or the cached) spaCy pipeline.
- ``PoolExecutor(workers)``: a ``multiprocessing`` pool (fork where available, so a model the parent has loaded is
  shared copy-on-write); each worker loads the model once (``load_nlp`` is cached per process).
- ``DaskExecutor(address)``: ``tcp://scheduler:8786`` for a running cluster, or ``local`` / ``local:N`` for a
  ``LocalCluster`` of N single-threaded worker processes. A ``WorkerPlugin`` loads the spaCy model once on each
  worker when it joins (so a worker without the model fails at once, not on the first article), and the tasks
  find it in the per-process cache. Workers need onrecord and the model package installed (docs/scaling.md).
"""

from __future__ import annotations

import logging
import os
import queue as queue_mod
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .config import Options
from .errors import ExtractionError, ModelError, OnrecordError

log = logging.getLogger(__name__)

Batch = list  # list[tuple[Document, frozenset[str]]]


BatchFn = Callable[..., list]  # fn(batch, options[, nlp]) -> one result per job; module-level, so it pickles


class Executor:
    """Maps a batch function over batches; a context manager that owns its workers."""

    def __init__(self, options: Options):
        self.options = options

    workers = 1

    def map(self, fn: BatchFn, batches: Iterable[Batch], *, kwargs: dict | None = None,
            ordered: bool = True) -> Iterator[list]:
        """``fn(batch, options, **kwargs)`` for each batch (``InlineExecutor`` also passes its spaCy pipeline as
        ``nlp``), results in submission order, or as they finish when not ``ordered``."""
        raise NotImplementedError

    def share(self, value: Any) -> Any:
        """``value`` made ready to pass to every task (Dask: sent to each worker once); here: itself."""
        return value

    def close(self) -> None:
        pass

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _job_source(job: Any) -> str | None:
    """What a failed job is reported under: its document's source, or a shard's label."""
    if isinstance(job, tuple):
        return getattr(job[0], "source", None)
    return getattr(job, "label", None) or str(job)


def _failed(batch: Batch, err: BaseException) -> list:
    log.error("a batch of %d jobs failed: %s: %s", len(batch), type(err).__name__, err)
    return [ExtractionError(f"the worker running it failed ({type(err).__name__}: {err})", source=_job_source(job))
            for job in batch]


def _ordered(submit: Callable[[Batch], Any], result: Callable[[Any], list], batches: Iterable[Batch],
             inflight: int | Callable[[], int]) -> Iterator[list]:
    """Submit batches, keeping at most ``inflight`` outstanding; yield their results in submission order.

    A batch whose task itself failed (a worker killed by the OOM killer, a lost connection) becomes one
    ``ExtractionError`` per job (article or shard), so the rest of the run goes on and a rerun retries just
    those."""
    queue: deque = deque()

    def collect() -> list:
        batch, handle = queue.popleft()
        try:
            return result(handle)
        except Exception as err:  # noqa: BLE001 -- reported per job
            return _failed(batch, err)

    for batch in batches:
        if batch is None:  # a flush point from the driver: nothing to run
            yield []
            continue
        queue.append((batch, submit(batch)))
        if len(queue) >= (inflight() if callable(inflight) else inflight):
            yield collect()
    while queue:
        yield collect()


def _unordered(submit: Callable[[Batch, Callable], None], batches: Iterable[Batch],
               inflight: int | Callable[[], int]) -> Iterator[list]:
    """As ``_ordered``, but each result is yielded as soon as its task ends: a long batch holds back none of the
    others. ``submit(batch, done)`` starts the task and arranges ``done(ok, value)`` to be called when it ends
    (from any thread)."""
    finished: queue_mod.SimpleQueue = queue_mod.SimpleQueue()
    out = 0

    def wait() -> list:
        nonlocal out
        batch, ok, value = finished.get()
        out -= 1
        if ok:
            try:
                return value()
            except Exception as err:  # noqa: BLE001 -- reported per job
                return _failed(batch, err)
        return _failed(batch, value)

    for batch in batches:
        if batch is None:
            yield []
            continue
        submit(batch, lambda ok, value, b=batch: finished.put((b, ok, value)))
        out += 1
        if out >= (inflight() if callable(inflight) else inflight):
            yield wait()
    while out:
        yield wait()


class InlineExecutor(Executor):
    def __init__(self, options: Options, nlp=None):
        super().__init__(options)
        self.nlp = nlp

    def map(self, fn: BatchFn, batches: Iterable[Batch], *, kwargs: dict | None = None,
            ordered: bool = True) -> Iterator[list]:
        for batch in batches:
            yield [] if batch is None else fn(batch, self.options, self.nlp, **(kwargs or {}))


class PoolExecutor(Executor):
    def __init__(self, options: Options, workers: int):
        super().__init__(options)
        import multiprocessing as mp

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self.workers = workers
        self.pool = ctx.Pool(workers, initializer=_pool_init, initargs=(options.model,))

    def map(self, fn: BatchFn, batches: Iterable[Batch], *, kwargs: dict | None = None,
            ordered: bool = True) -> Iterator[list]:
        kw = kwargs or {}
        if ordered:
            yield from _ordered(lambda b: self.pool.apply_async(fn, (b, self.options), kw),
                                lambda r: r.get(), batches, inflight=2 * self.workers + 1)
            return

        def submit(b, done):
            self.pool.apply_async(fn, (b, self.options), kw, callback=lambda r: done(True, lambda: r),
                                  error_callback=lambda e: done(False, e))

        yield from _unordered(submit, batches, inflight=2 * self.workers + 1)

    def close(self) -> None:
        self.pool.terminate()  # results are all collected by now; terminate does not wait for idle workers
        self.pool.join()


def _pool_init(model: str | None) -> None:
    from .nlp import load_nlp

    load_nlp(model)


def parse_dask_address(address: str) -> tuple[str, int | None]:
    """``"local"``/``"local:N"`` → ``("local", N or None)``; anything else is a scheduler address."""
    if address == "local" or address.startswith("local:"):
        n = address.partition(":")[2]
        if n and (not n.isdigit() or int(n) < 1):
            raise ValueError(f"--dask local:N needs a positive number of workers, not {n!r}")
        return "local", int(n) if n else None
    return address, None


class DaskExecutor(Executor):
    def __init__(self, options: Options, address: str | None = None, *, client=None, processes: bool = True,
                 connect_timeout: str = "30s"):
        super().__init__(options)
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as err:
            raise OnrecordError("the Dask backend needs the dask extra: pip install 'onrecord[dask]'") from err
        self.cluster = None
        self._own_client = client is None
        if client is None:
            target, n = parse_dask_address(address or "local")
            if target == "local":
                n = n or os.cpu_count() or 1
                import dask

                # Off for our workers: the 10 ms stack profiler, and glibc trimming the heap at 64 KiB (it made
                # the worker processes spend ~25% more CPU per BBC article than pool workers here: 19.2 s against
                # 15.4 s for 80 articles with both off; bench/scaling.py).
                # Also slowed down: the scheduler's and workers' periodic housekeeping, which is tuned for
                # clusters of many machines and, on a 2-core host with 2 workers, took ~6% of a core while the
                # workers were busy (system monitor every 500 ms, memory monitor every 100 ms, event-loop tick
                # every 20 ms, work stealing every 100 ms; bench/scaling.py). A local cluster has no remote
                # machine to watch, and its tasks are few and long (a batch of articles each).
                dask.config.set({"distributed.worker.profile.enabled": False,
                                 "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                                 "distributed.admin.system-monitor.interval": "5s",
                                 "distributed.admin.system-monitor.disk": False,
                                 "distributed.admin.tick.interval": "500ms",
                                 "distributed.worker.memory.monitor-interval": "1s",
                                 "distributed.scheduler.work-stealing-interval": "1s"})
                self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=processes,
                                            dashboard_address=None, silence_logs=logging.ERROR)
                client = Client(self.cluster)
            else:
                try:
                    client = Client(target, timeout=connect_timeout)
                except (OSError, TimeoutError) as err:
                    raise OnrecordError(f"cannot reach the Dask scheduler: {err}", source=target) from err
        self.client = client
        try:
            from .dask_plugin import ModelPlugin

            self.client.register_plugin(ModelPlugin(options.model), name=ModelPlugin.name)
        except Exception as err:  # noqa: BLE001 -- the plugin's error comes back wrapped by distributed
            self.close()
            raise ModelError("the Dask workers cannot load the spaCy model: "
                             f"{getattr(err, 'message', None) or err}") from err

    @property
    def workers(self) -> int:  # type: ignore[override]
        return max(1, sum(self.client.nthreads().values()))

    def inflight(self) -> int:
        """2 × the worker threads now in the cluster + 1: workers that join later are used as they come."""
        return 2 * self.workers + 1

    def share(self, value: Any) -> Any:
        return self.client.scatter([value], broadcast=True, hash=False)[0]

    def map(self, fn: BatchFn, batches: Iterable[Batch], *, kwargs: dict | None = None,
            ordered: bool = True) -> Iterator[list]:
        kw = kwargs or {}
        if ordered:
            yield from _ordered(lambda b: self.client.submit(fn, b, self.options, pure=False, **kw),
                                lambda f: f.result(), batches, inflight=self.inflight)
            return

        def submit(b, done):
            future = self.client.submit(fn, b, self.options, pure=False, **kw)
            future.add_done_callback(lambda f: done(True, f.result))

        yield from _unordered(submit, batches, inflight=self.inflight)

    def close(self) -> None:
        if self._own_client:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(options: Options, *, nlp=None, workers: int = 1, dask: Any = None,
                  processes: bool = True) -> Executor:
    """``dask``: a scheduler address, ``local[:N]``, or a ``distributed.Client``; else ``workers`` > 1: a pool."""
    if dask is not None:
        if isinstance(dask, str):
            return DaskExecutor(options, dask, processes=processes)
        return DaskExecutor(options, client=dask)
    if workers > 1:
        return PoolExecutor(options, workers)
    return InlineExecutor(options, nlp)
