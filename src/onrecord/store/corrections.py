"""Hand corrections: a statement attributed to another actor, with the value it replaced kept in ``corrections``,
so a correction never loses what the extractor said."""

from __future__ import annotations

import json
import logging
from typing import Any

from ..errors import StoreError
from . import summary
from .rows import dump
from .schema import now
from .sql import Where, transaction

log = logging.getLogger(__name__)


class CorrectionsMixin:
    def correct_speaker(self, article_id: str, statement_id: str, actor_id: str | None, *,
                        note: str | None = None) -> dict[str, Any]:
        """Attribute a statement to another actor of the same article (or to nobody: ``actor_id`` None).

        The statement keeps its speaker mention; its actor changes and its resolution becomes ``corrected``.
        The previous attribution is kept in ``corrections``; the search row follows. One transaction.
        Raises ``StoreError`` when the article, the statement or the actor does not exist.
        """
        with transaction(self, article_id, what=f"correct statement {statement_id}"):
            st = self.con.execute("SELECT speaker_actor, speaker_name, speaker_text, resolution FROM statements "
                                  "WHERE article_id = ? AND id = ?", (article_id, statement_id)).fetchone()
            if st is None:
                raise StoreError(f"no statement {statement_id!r} in article {article_id!r}", source=self.location)
            name = None
            if actor_id is not None:
                actor = self.con.execute("SELECT name FROM actors WHERE article_id = ? AND id = ?",
                                         (article_id, actor_id)).fetchone()
                if actor is None:
                    raise StoreError(f"no actor {actor_id!r} in article {article_id!r}", source=self.location)
                name = actor["name"]
            old = {"actor": st["speaker_actor"], "name": st["speaker_name"], "resolution": st["resolution"]}
            new = {"actor": actor_id, "name": name, "resolution": "corrected"}
            self._set_speaker(article_id, statement_id, actor_id, name, st["speaker_text"])
            cid = self.con.execute(
                "INSERT INTO corrections(article_id, statement_id, field, old_json, new_json, note, at) "
                "VALUES (?, ?, 'speaker', ?, ?, ?, ?) RETURNING id",
                (article_id, statement_id, dump(old), dump(new), note, now())).fetchone()[0]
        return {"id": int(cid), "article_id": article_id, "statement_id": statement_id, "field": "speaker",
                "old": old, "new": new, "note": note}

    def _set_speaker(self, article_id: str, statement_id: str, actor_id: str | None, name: str | None,
                     speaker_text: str | None) -> None:
        summary.speaker_changing(self, article_id)  # the actor summaries count statements by speaker
        before = self.con.execute("SELECT speaker_actor FROM statements WHERE article_id = ? AND id = ?",
                                  (article_id, statement_id)).fetchone()
        self.con.execute("UPDATE statements SET speaker_actor = ?, speaker_name = ?, resolution = 'corrected' "
                         "WHERE article_id = ? AND id = ?", (actor_id, name, article_id, statement_id))
        summary.speaker_changed(self, article_id, before[0] if before else None)
        self.dialect.set_search_speaker(self.con, article_id, statement_id,
                                        " ".join(x for x in (name, speaker_text) if x))

    def _saved_corrections(self, article_id: str) -> list[dict[str, Any]]:
        """The article's corrections, oldest first, before its rows are replaced (they cascade with the article)."""
        return [dict(r) for r in self.con.execute("SELECT * FROM corrections WHERE article_id = ? ORDER BY id",
                                                  (article_id,))]

    def _restore_corrections(self, article_id: str, saved: list[dict[str, Any]]) -> None:
        """Put back the corrections of a replaced article (a warned record redone): every row is kept, with its id,
        as history; each is applied again where the new record still has the statement and the actor it named
        (same id, same name), so a person's fix is not undone by a rerun. One that no longer fits stays in the
        history unapplied, and the log says so."""
        for c in saved:
            self.con.execute(
                "INSERT INTO corrections(id, article_id, statement_id, field, old_json, new_json, note, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (c["id"], article_id, c["statement_id"], c["field"], c["old_json"], c["new_json"], c["note"], c["at"]))
            new = json.loads(c["new_json"])
            st = self.con.execute("SELECT speaker_text FROM statements WHERE article_id = ? AND id = ?",
                                  (article_id, c["statement_id"])).fetchone()
            fits = st is not None and c["field"] == "speaker"
            if fits and new.get("actor") is not None:
                actor = self.con.execute("SELECT name FROM actors WHERE article_id = ? AND id = ?",
                                         (article_id, new["actor"])).fetchone()
                fits = actor is not None and actor["name"] == new.get("name")
            if fits:
                self._set_speaker(article_id, c["statement_id"], new.get("actor"), new.get("name"), st["speaker_text"])
            else:
                log.warning("%s: correction %s of statement %s no longer fits the redone record; kept unapplied",
                            article_id, c["id"], c["statement_id"])

    def corrections(self, *, article_id: str | None = None, limit: int | None = 100,
                    offset: int = 0) -> list[dict[str, Any]]:
        """Hand corrections, newest first, with the values they replaced."""
        where = Where(self.dialect).equal("article_id", article_id)
        rows = self.con.execute(f"SELECT * FROM corrections {where} ORDER BY id DESC {where.page(limit, offset)}",
                                where.params)
        out = []
        for r in rows:
            d = dict(r)
            d["old"], d["new"] = json.loads(d.pop("old_json")), json.loads(d.pop("new_json"))
            out.append(d)
        return out
