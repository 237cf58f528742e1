"""Run ``onrecord ingest`` with the light stand-in pipeline of test_cli (``FakeNLP``), slowed to ~``delay`` seconds
per article, so that a test can kill it at random points of a batch (tests/test_crash.py).

    python tests/_slow_fake_ingest.py DELAY onrecord-ingest-args...
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_cli import FakeNLP  # noqa: E402

from onrecord import cli  # noqa: E402


class SlowFakeNLP(FakeNLP):
    def __init__(self, delay: float):
        self.delay = delay

    def __call__(self, text):
        time.sleep(self.delay)
        return super().__call__(text)


if __name__ == "__main__":
    delay = float(sys.argv[1])
    cli.get_nlp = lambda options: SlowFakeNLP(delay)
    cli.main(["ingest", *sys.argv[2:]])
