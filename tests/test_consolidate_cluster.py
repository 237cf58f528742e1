"""Consolidation as a Dask job over Parquet (``consolidate.cluster_job``) gives ``consolidate()``'s clusters."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("pyarrow")

from test_consolidate_incremental import _random_article

from onrecord.consolidate import Override, consolidate
from onrecord.consolidate.cluster_job import consolidate_parquet, read_output
from onrecord.parquet import ParquetSink


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_the_dask_job_equals_consolidate(tmp_path, client):
    rng = random.Random(11)
    arts = [_random_article(rng, f"p{i:03d}") for i in range(60)]
    with ParquetSink(tmp_path / "pq", rows_per_part=15) as sink:
        for a in arts:
            sink.add(a)
    names = sorted({a.name for art in arts for a in art.actors})
    overrides = (Override("force", names[0], names[-1], id=1), Override("forbid", "Jon Smith", "John Smith", id=2),
                 Override("force", "Kremlin", "Dmitry Peskov", id=3))
    counts = consolidate_parquet(tmp_path / "pq", tmp_path / "out", overrides=overrides)
    actors, quotes, stances = read_output(tmp_path / "out")
    want = consolidate(arts, overrides)
    assert actors == list(want.actors)
    assert quotes == list(want.quotes)
    assert stances == list(want.stances)
    assert counts["actor_clusters"] == len(want.actors) and any(len(q.sources) > 1 for q in quotes)
    assert any(len({m.article_id for m in c.members}) > 1 for c in actors)


def test_cli_consolidate_parquet(tmp_path):
    from click.testing import CliRunner

    from onrecord import cli
    rng = random.Random(5)
    arts = [_random_article(rng, f"q{i:03d}") for i in range(12)]
    with ParquetSink(tmp_path / "pq", rows_per_part=5) as sink:
        for a in arts:
            sink.add(a)
    r = CliRunner().invoke(cli.main, ["consolidate", "--parquet", str(tmp_path / "pq"), "--dask", "local:2",
                                      "--out", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    assert f"{len(consolidate(arts).actors)} actors" in r.output
    assert read_output(tmp_path / "out")[0] == list(consolidate(arts).actors)
    r = CliRunner().invoke(cli.main, ["consolidate", "--parquet", str(tmp_path / "nothing"), "--out",
                                      str(tmp_path / "o2")])
    assert r.exit_code == 1 and "no Parquet parts" in r.output
    r = CliRunner().invoke(cli.main, ["consolidate", "--parquet", str(tmp_path / "pq")])
    assert r.exit_code == 2 and "--out" in r.output
