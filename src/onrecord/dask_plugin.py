"""The Dask worker plugin, in its own module so that importing onrecord never imports distributed."""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin


class ModelPlugin(WorkerPlugin):
    """Load the spaCy model once when a worker starts or joins (``load_nlp`` caches it for the worker's tasks),
    so a worker without the model package fails at registration instead of on its first article."""

    name = "onrecord-model"

    def __init__(self, model: str | None):
        self.model = model

    def setup(self, worker) -> None:
        from .nlp import load_nlp

        load_nlp(self.model)
