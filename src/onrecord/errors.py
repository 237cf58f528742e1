"""Errors with codes. One bad input raises one of these; batch drivers catch it, report it, and go on.

Codes are stable so users can grep logs and tests can assert on them.
"""

from __future__ import annotations


class OnrecordError(Exception):
    """Base class: ``code`` is a stable identifier, ``source`` the input it concerns (path or label)."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:  # "E101 file.txt: binary file (NUL bytes in the first 8 KiB)"
        where = f"{self.source}: " if self.source else ""
        return f"{self.code} {where}{self.message}"


class InputError(OnrecordError):
    """The input cannot be read as an article (binary, empty, too large, undecodable, not found)."""

    code = "E100"


class NotFoundError(InputError):
    code = "E101"


class EmptyInputError(InputError):
    code = "E102"


class BinaryInputError(InputError):
    code = "E103"


class TooLargeError(InputError):
    code = "E104"


class DecodeError(InputError):
    code = "E105"


class NoContentError(InputError):
    """HTML (or text) from which no article body could be extracted."""

    code = "E106"


class MalformedRecordError(InputError):
    """One record of a container input (a JSONL line, a WARC record) is not a valid article record; ``source``
    names the file and line (``dump.jsonl:17``) or byte offset (``crawl.warc.gz@40213``)."""

    code = "E107"


class CorruptArchiveError(MalformedRecordError):
    """A WARC file is damaged (not WARC after its first bytes, cut short, garbage appended or inside): reported
    once per file, with how many records before the damage were kept; ``source`` is the file."""

    code = "E108"


class InvalidDateError(MalformedRecordError):
    """A publication date that is not a real calendar date in ISO form (``2025-13-45``, ``last Tuesday``);
    ``source`` names the input (``dump.jsonl:17``, a file, a URL).  The same check runs on every input path."""

    code = "E109"


class ModelError(OnrecordError):
    """No usable spaCy model (not installed, or missing the parser/NER the extractors need)."""

    code = "E200"


class ExtractionError(OnrecordError):
    """The extraction itself failed on one article (a bug, not bad input): reported for that article, and the
    batch goes on. Please report it with the input."""

    code = "E210"


class StoreError(OnrecordError):
    code = "E300"


class StorageFullError(StoreError):
    """The disk (or the database's size limit) is full: the write was rolled back whole, nothing of it stored;
    what was committed before stays.  A batch should stop here and say what it stored."""

    code = "E301"


class StoreAccessError(StoreError):
    """The database cannot be opened or written with this user's rights: a read-only file or folder (SQLite
    writes its journal files beside the database), or no permission."""

    code = "E302"


class StoreIntegrityError(StoreError):
    """The store's own code or schema is not what it expects (a migration edited in place, a bad internal
    call): a bug, not bad input."""

    code = "E303"


class GoldFormatError(OnrecordError):
    """A gold file for evaluation is malformed; ``source`` names file and line."""

    code = "E400"


class FeedError(OnrecordError):
    """A feed or page could not be fetched or used; ``transient`` when trying later may succeed."""

    code = "E600"

    def __init__(self, message: str, *, source: str | None = None, transient: bool = False):
        super().__init__(message, source=source)
        self.transient = transient


class FetchError(FeedError):
    code = "E601"


class RobotsDisallowed(FeedError):
    code = "E602"


class NotAFeedError(FeedError):
    code = "E603"


class InternalAddressError(FeedError):
    """A feed entry or a redirect points inside the network (loopback, private, link-local, multicast, unspecified
    or reserved address) while the feed's own host is public; refused before any connection is made."""

    code = "E604"


class Warnings:
    """W-codes: the article's record is stored, but one layer of it is missing or cut short (in the style of spaCy's
    ``Warnings``). Each is carried on the record as ``Article.warnings`` (``model.LayerWarning``: code, layer,
    message); a store treats an article stored with warnings as not done, so the next ingest redoes it.

    W1xx: a component failed on this article (a bug, not bad input: please report it with the input); its layer
    is empty, the layers before it stand. W2xx: the article ran out of its time budget (``Options.time_budget``);
    what was done by then is kept.
    """

    W100 = "the quotes layer failed ({error}); the article's statements are missing"
    W101 = "the events layer failed ({error}); the article's events are missing"
    W102 = "the stances layer failed ({error}); the article's topics and stances are missing"
    W103 = "the actors layer failed ({error}); the affiliations and delegations the events imply are missing"
    W200 = "the time budget of {budget:g} s per article was spent; {skipped}"

    @classmethod
    def message(cls, code: str, **fields) -> str:
        return getattr(cls, code).format(**fields)
