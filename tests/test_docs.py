"""Every command and every option of the CLI appears in the docs (README.md or docs/*.md), as sqlite-utils'
test_docs.py checks its CLI reference: a flag added without a word in the docs fails here."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from onrecord.cli import main

REPO = Path(__file__).resolve().parent.parent
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))])


def _commands(group: click.Group, prefix: str = ""):
    for name, cmd in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, path + " ")


COMMANDS = list(_commands(main))
OPTIONS = sorted({(path, opt) for path, cmd in COMMANDS for p in cmd.params if isinstance(p, click.Option)
                  for opt in p.opts if opt.startswith("--") and opt != "--help"})


def test_the_cli_has_commands_to_check():
    names = {path for path, _ in COMMANDS}
    assert {"ingest", "extract", "serve", "watch", "eval"} <= names and len(OPTIONS) > 30


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS])
def test_every_command_is_documented(path):
    assert re.search(r"onrecord\s+" + r"\s+".join(map(re.escape, path.split())) + r"\b", DOCS), \
        f"`onrecord {path}` appears nowhere in README.md or docs/*.md"


@pytest.mark.parametrize("path,option", OPTIONS)
def test_every_option_is_documented(path, option):
    assert re.search(re.escape(option) + r"(?![\w-])", DOCS), \
        f"{option} (of `onrecord {path}`) appears nowhere in README.md or docs/*.md"
