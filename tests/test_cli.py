"""The command line, through click's CliRunner.

Fast tests swap the spaCy pipeline for a tiny rule-based stand-in (``FakeNLP``: ``"…," said First Last``) so they
exercise the real ingest → clean → record → store path in milliseconds; tests marked slow run the real model.
"""

from __future__ import annotations

import csv
import io
import json
import re
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from onrecord import cli
from onrecord.model import Actor, Speaker, Statement, TextSpan

ARTICLE_KEYS = {"id", "source", "title", "published", "site", "author", "text", "removed", "actors", "statements",
                "events", "topics", "stances", "warnings", "times", "published_source"}

BODY = ("Ceasefire talks resume in Cairo\n\n"
        '"We are close to a deal," said Marco Rubio on Monday. Negotiators met for six hours in the capital. '
        '"Nothing is agreed until everything is agreed," said Ayman Safadi after the meeting.\n')
OTHER = ("Harvest festival draws crowds\n\n"
         '"It was the best year yet," said Maria Lopez, who runs the orchard. Visitors came from three counties.\n')

_QUOTE = re.compile(r'"([^"]+?),?" said ([A-Z]\w+ [A-Z]\w+)')


class FakeNLP:
    """Stands in for the spaCy pipeline: one direct statement and one actor per ``"…," said First Last``."""

    def pipe(self, texts, batch_size=16):
        for text in texts:
            yield self(text)

    def __call__(self, text):
        actors, statements = {}, []
        for i, m in enumerate(_QUOTE.finditer(text)):
            name = m.group(2)
            actor = actors.setdefault(name, Actor(id=f"a{len(actors)}", name=name, kind="person",
                                                  mentions=(m.span(2),)))
            cue_at = m.start(2) - len("said ")
            statements.append(Statement(
                id=f"s{i}", kind="direct", content_text=m.group(1), content_spans=(m.span(1),),
                cue=TextSpan("said", (cue_at, cue_at + 4)), speaker=Speaker(name, m.span(2), actor.id, "name"),
                medium=None, sentence_span=m.span()))
        return SimpleNamespace(text=text, _=SimpleNamespace(onrecord_actors=tuple(actors.values()),
                                                            onrecord_statements=tuple(statements)))


@pytest.fixture
def fake_nlp(monkeypatch):
    monkeypatch.setattr(cli, "get_nlp", lambda options: FakeNLP())


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "talks.txt").write_text(BODY, encoding="utf-8")
    (d / "harvest.txt").write_text(OTHER, encoding="utf-8")
    return d


@pytest.fixture
def db(tmp_path, runner, corpus, fake_nlp):
    path = tmp_path / "db" / "x.db"
    result = runner.invoke(cli.main, ["ingest", str(corpus), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_version_and_help(runner):
    result = runner.invoke(cli.main, ["--version"])
    assert result.exit_code == 0 and "onrecord" in result.stdout and "0." in result.stdout
    assert runner.invoke(cli.main, ["--help"]).exit_code == 0


def test_usage_error_exits_2(runner):
    assert runner.invoke(cli.main, ["extract"]).exit_code == 2
    assert runner.invoke(cli.main, ["quotes", "--kind", "shouted"]).exit_code == 2
    assert runner.invoke(cli.main, ["nonsense"]).exit_code == 2


def test_extract_jsonl_is_one_valid_record_per_line(runner, corpus, fake_nlp):
    result = runner.invoke(cli.main, ["extract", str(corpus / "talks.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) == ARTICLE_KEYS
    assert [s["content"]["text"] for s in record["statements"]] == [
        "We are close to a deal", "Nothing is agreed until everything is agreed"]
    for s in record["statements"]:
        a, b = s["content"]["spans"][0]
        assert record["text"][a:b] == s["content"]["text"]
    assert result.stderr == ""


def test_extract_published_option_sets_the_date_and_rejects_bad_dates(runner, corpus, fake_nlp):
    result = runner.invoke(cli.main, ["extract", str(corpus / "talks.txt"), "--format", "jsonl",
                                      "--published", "2025-03-12"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["published"] == "2025-03-12"
    bad = runner.invoke(cli.main, ["extract", str(corpus / "talks.txt"), "--published", "12/03/2025"])
    assert bad.exit_code == 2 and "12/03/2025" in bad.output


def test_extract_json_and_pretty(runner, corpus, fake_nlp):
    result = runner.invoke(cli.main, ["extract", str(corpus), "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 2
    result = runner.invoke(cli.main, ["extract", str(corpus / "talks.txt")])
    assert result.exit_code == 0
    assert "Marco Rubio" in result.stdout and "2 statements" in result.stdout


def test_extract_bad_inputs_are_reported_and_the_batch_goes_on(runner, tmp_path, corpus, fake_nlp):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    missing = tmp_path / "missing.txt"
    result = runner.invoke(cli.main, ["extract", str(missing), str(corpus / "talks.txt"), str(binary),
                                      "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1
    json.loads(result.stdout)
    err = result.stderr.splitlines()
    assert any(line.startswith("E101") and "missing.txt" in line for line in err), err
    assert any(line.startswith("E103") and "image.txt" in line for line in err), err


def test_all_bad_batch_exits_1(runner, tmp_path, fake_nlp):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    result = runner.invoke(cli.main, ["extract", str(tmp_path / "nope.txt"), str(empty), "--format", "jsonl"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "E101" in result.stderr and "E102" in result.stderr


def test_empty_directory_exits_1(runner, tmp_path, fake_nlp):
    (tmp_path / "none").mkdir()
    result = runner.invoke(cli.main, ["extract", str(tmp_path / "none")])
    assert result.exit_code == 1 and "no input files" in result.stderr


def test_ingest_twice_adds_nothing_the_second_time(runner, tmp_path, corpus, fake_nlp):
    path = tmp_path / "deep" / "er" / "x.db"  # parent folders are created
    first = runner.invoke(cli.main, ["ingest", str(corpus), "--db", str(path)])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("2 new, 0 already stored, 0 errors")
    second = runner.invoke(cli.main, ["ingest", str(corpus), "--db", str(path)])
    assert second.exit_code == 0
    assert second.stdout.startswith("0 new, 2 already stored, 0 errors")


def test_ingest_uses_onrecord_db_env(runner, tmp_path, corpus, fake_nlp, monkeypatch):
    path = tmp_path / "env.db"
    monkeypatch.setenv("ONRECORD_DB", str(path))
    assert runner.invoke(cli.main, ["ingest", str(corpus)]).exit_code == 0
    assert path.is_file()


def test_ingest_reports_errors_and_counts_them(runner, tmp_path, corpus, fake_nlp):
    result = runner.invoke(cli.main, ["ingest", str(corpus), str(tmp_path / "gone.txt"),
                                      "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0
    assert result.stdout.startswith("2 new, 0 already stored, 1 errors")
    assert "E101" in result.stderr


def test_quotes_json_csv_table_and_filters(runner, db):
    result = runner.invoke(cli.main, ["quotes", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["speaker"] for r in rows} == {"Marco Rubio", "Ayman Safadi", "Maria Lopez"}

    result = runner.invoke(cli.main, ["quotes", "--db", str(db), "--format", "csv", "--speaker", "rubio"])
    assert result.exit_code == 0
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["content"] for r in table] == ["We are close to a deal"]
    assert json.loads(table[0]["content_spans"])  # nested values are JSON in CSV cells

    result = runner.invoke(cli.main, ["quotes", "--db", str(db), "--format", "jsonl", "--search", 'agreed "-'])
    assert [json.loads(line)["speaker"] for line in result.stdout.splitlines()] == ["Ayman Safadi"]

    result = runner.invoke(cli.main, ["quotes", "--db", str(db), "--limit", "1", "--format", "json"])
    assert len(json.loads(result.stdout)) == 1

    result = runner.invoke(cli.main, ["quotes", "--db", str(db)])
    assert result.exit_code == 0 and "Maria Lopez" in result.stdout


def test_actors_and_articles(runner, db):
    result = runner.invoke(cli.main, ["actors", "--db", str(db), "--format", "json", "--name", "lopez"])
    assert result.exit_code == 0
    [row] = json.loads(result.stdout)
    assert row["name"] == "Maria Lopez" and row["articles"] == 1 and row["statements"] == 1
    result = runner.invoke(cli.main, ["articles", "--db", str(db), "--format", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["title"] for r in rows} == {"Ceasefire talks resume in Cairo", "Harvest festival draws crowds"}
    result = runner.invoke(cli.main, ["articles", "--db", str(db), "--search", "orchard", "--format", "json"])
    assert [r["title"] for r in json.loads(result.stdout)] == ["Harvest festival draws crowds"]


def test_show_by_id_and_prefix(runner, db):
    rows = json.loads(runner.invoke(cli.main, ["articles", "--db", str(db), "--format", "json"]).stdout)
    talks = next(r for r in rows if r["title"].startswith("Ceasefire"))
    result = runner.invoke(cli.main, ["show", talks["id"], "--db", str(db), "--format", "json"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert set(record) == ARTICLE_KEYS and record["id"] == talks["id"]
    result = runner.invoke(cli.main, ["show", talks["id"][:8], "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "We are close to a deal" in result.stdout and "Marco Rubio" in result.stdout
    result = runner.invoke(cli.main, ["show", "zzzz", "--db", str(db)])
    assert result.exit_code == 1 and "E300" in result.stderr and "zzzz" in result.stderr


def test_read_commands_on_missing_or_broken_database(runner, tmp_path):
    result = runner.invoke(cli.main, ["quotes", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "E300" in result.stderr and "ingest" in result.stderr
    assert not (tmp_path / "none.db").exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    result = runner.invoke(cli.main, ["articles", "--db", str(junk)])
    assert result.exit_code == 1 and "E300" in result.stderr and "junk.db" in result.stderr


def test_markup_in_article_text_is_shown_literally(runner, tmp_path, fake_nlp):
    f = tmp_path / "markup.txt"
    f.write_text('Style guide [bold]update[/bold]\n\n"Use [red]plain[/red] words," said Ann Lee today.\n')
    result = runner.invoke(cli.main, ["extract", str(f)])
    assert result.exit_code == 0, result.output
    assert "[red]plain[/red]" in result.stdout


@pytest.mark.slow
def test_real_model_extract_and_ingest(runner, tmp_path, nlp, example_path):
    result = runner.invoke(cli.main, ["extract", str(example_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    record = json.loads(line)
    assert set(record) == ARTICLE_KEYS and record["text"]
    path = tmp_path / "real.db"
    assert runner.invoke(cli.main, ["ingest", str(example_path), "--db", str(path)]).stdout.startswith("1 new")
    assert runner.invoke(cli.main, ["ingest", str(example_path), "--db", str(path)]).stdout.startswith("0 new")
    result = runner.invoke(cli.main, ["show", record["id"], "--db", str(path), "--format", "json"])
    assert json.loads(result.stdout) == record


def test_ingest_skips_its_own_database_inside_an_input_folder(runner, corpus, fake_nlp):
    path = corpus / "store.db"
    assert runner.invoke(cli.main, ["ingest", str(corpus), "--db", str(path)]).exit_code == 0
    result = runner.invoke(cli.main, ["ingest", str(corpus), "--db", str(path)])
    assert result.stdout.startswith("0 new, 2 already stored, 0 errors"), result.output


# -- ingest: articles stored as they finish, a full disk, layer warnings (issue 14 items 1-2, issue 10 defect 1) --

def _stored_count(path) -> int:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def test_an_article_is_stored_before_a_slow_one_beside_it_finishes(runner, tmp_path, corpus, monkeypatch):
    """A slow article in the same batch used to hold the finished ones unstored until it was done (issue 14.1)."""
    path = tmp_path / "x.db"
    seen = {}

    class SlowSecond(FakeNLP):
        def __call__(self, text):
            if "Harvest" in text:  # harvest.txt sorts first: talks.txt is the slow one after it
                return super().__call__(text)
            seen["stored while the slow one runs"] = _stored_count(path)
            return super().__call__(text)

    monkeypatch.setattr(cli, "get_nlp", lambda options: SlowSecond())
    result = runner.invoke(cli.main, ["ingest", str(corpus), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert seen == {"stored while the slow one runs": 1}
    assert _stored_count(path) == 2


def test_a_good_article_is_stored_when_another_in_the_run_fails(runner, tmp_path, corpus, monkeypatch):
    class Breaks(FakeNLP):
        def __call__(self, text):
            if "Harvest" in text:
                raise RuntimeError("a bug in a component")
            return super().__call__(text)

        def pipe(self, texts, batch_size=16):
            for text in texts:
                yield self(text)

    monkeypatch.setattr(cli, "get_nlp", lambda options: Breaks())
    path = tmp_path / "x.db"
    result = runner.invoke(cli.main, ["ingest", str(corpus), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 new, 0 already stored, 1 errors" in result.stdout
    assert "E210" in result.stderr and "harvest.txt" in result.stderr
    assert _stored_count(path) == 1


def test_a_full_disk_stops_the_batch_with_a_summary_not_a_traceback(runner, tmp_path, fake_nlp, monkeypatch):
    from onrecord.store import Store

    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(40):
        filler = " ".join(f"word{i}x{j}" for j in range(900))
        (inputs / f"a{i:02d}.txt").write_text(f'"We are close to deal {i}," said Marco Rubio. {filler}\n',
                                              encoding="utf-8")
    path = tmp_path / "x.db"
    opened = cli._open_store

    def small_store(db_path, *, create):
        store = opened(db_path, create=create)
        pages = store.con.execute("PRAGMA page_count").fetchone()[0]
        store.con.execute(f"PRAGMA max_page_count = {pages + 40}")  # room for a few articles, not for 40
        return store

    monkeypatch.setattr(cli, "_open_store", small_store)
    result = runner.invoke(cli.main, ["ingest", str(inputs), "--db", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    stored = _stored_count(path)
    assert 0 < stored < 40
    assert f"{stored} new, 0 already stored" in result.stdout and "stopped early" in result.stdout
    assert "E301" in result.stderr and "disk is full" in result.stderr
    # the database is consistent and a rerun with room completes the batch, duplicating nothing
    monkeypatch.setattr(cli, "_open_store", opened)
    again = runner.invoke(cli.main, ["ingest", str(inputs), "--db", str(path)])
    assert again.exit_code == 0, again.output
    assert f"{40 - stored} new, {stored} already stored, 0 errors" in again.stdout
    with Store(path, create=False) as store:
        assert store.count() == 40


def test_articles_stored_with_layer_warnings_are_counted_and_each_warning_shown(runner, tmp_path, corpus,
                                                                                fake_nlp, monkeypatch):
    import dataclasses

    from onrecord import pipeline
    from onrecord.model import LayerWarning

    built = pipeline.build_article

    def with_warning(doc, sdoc, cleaned):
        a = built(doc, sdoc, cleaned)
        if "Harvest" not in a.text:
            return a
        return dataclasses.replace(a, warnings=(LayerWarning(code="W100", layer="quotes",
                                                             message="the component failed (ValueError: x)"),))

    monkeypatch.setattr(pipeline, "build_article", with_warning)
    result = runner.invoke(cli.main, ["ingest", str(corpus), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0, result.output
    assert "2 new, 1 stored with warnings (W100 ×1), 0 already stored, 0 errors" in result.stdout
    assert re.search(r"W100 \S*harvest\.txt: quotes: the component failed", result.stderr)
    result = runner.invoke(cli.main, ["extract", str(corpus), "--format", "jsonl"])
    assert result.exit_code == 0
    assert "W100" in result.stderr and "1 of 2 articles with warnings (W100 ×1)" in result.stderr
    assert all(json.loads(line) for line in result.stdout.splitlines())


def test_eval_and_serve_stay_listed_and_say_what_is_missing_when_their_import_fails(tmp_path):
    """They used to vanish from --help without a word when their module failed to import (issue 10, defect 4)."""
    import subprocess
    import sys

    code = ("import sys\n"
            "sys.modules['onrecord.evaluate.cli'] = None\n"
            "sys.modules['onrecord.server.cli'] = None\n"
            "from onrecord.cli import main\n"
            "main()\n")

    def run(*args):
        return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)

    listing = run("--help")
    assert listing.returncode == 0
    assert re.search(r"^\s+eval\s", listing.stdout, re.M) and re.search(r"^\s+serve\s", listing.stdout, re.M)
    r = run("serve", "--db", str(tmp_path / "x.db"))
    assert r.returncode == 2
    assert "onrecord serve is unavailable" in r.stderr and 'pip install -e ".[serve]"' in r.stderr
    assert "onrecord.server.cli" in r.stderr and "Traceback" not in r.stderr
    r = run("eval", "statements", "--help")
    assert r.returncode == 2 and "onrecord eval is unavailable" in r.stderr
