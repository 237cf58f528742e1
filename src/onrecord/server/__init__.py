"""``onrecord serve``: a REST API and a server-rendered web reader over the store.

Needs the ``serve`` extra (``pip install -e ".[serve]"``: FastAPI, uvicorn, Jinja2); the rest of onrecord works
without it, and importing this package does not import them (``create_app`` is loaded on first use), so the main
CLI can register the command cheaply.
"""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
