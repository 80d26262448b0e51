"""The analytics benchmarks' event logs: ``sample_events`` written to Parquet, in chunks.

``events_<size>.parquet`` under ``bench/out/`` (git-ignored), generated once: ~9.15 events per
case, plus a case attribute ``segment`` (``new``, ``returning`` or ``member``, fixed per case)
for ``analyze(..., by="segment")``. Logs above :data:`CHUNK_EVENTS` are generated and written
chunk by chunk (chunk ``i``: seed ``7 + i``, case ids prefixed ``P<i>-`` so they stay distinct),
so a 100M-event log never sits in memory; up to 10M events the log is one chunk, seed 7, the
same events as the earlier benchmarks plus the ``segment`` column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"
EVENTS_PER_CASE = 9.15  # sample_events' average
SEGMENTS = ["new", "returning", "member"]
CHUNK_EVENTS = 10_000_000


def with_segment(log: Any, prefix: str) -> Any:
    """The log as an Arrow table with a ``segment`` column; case ids get ``prefix``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    table = pa.Table.from_pandas(log, preserve_index=False)
    ids = table.column("customer_id")
    number = pc.cast(pc.utf8_slice_codeunits(ids, 1), pa.int64()).to_numpy()
    segment = pa.DictionaryArray.from_arrays(pa.array(number % 3), pa.array(SEGMENTS))
    table = table.append_column("segment", segment.cast(pa.large_string()))
    if prefix:
        joined = pc.binary_join_element_wise(
            pa.scalar(prefix, ids.type), ids, pa.scalar("", ids.type)
        )
        table = table.set_column(0, "customer_id", joined)
    return table


def make_log(size: int) -> Path:
    """The path of the benchmark log of ~``size`` events, generated on first use."""
    path = OUT / f"events_{size}.parquet"
    if path.exists():
        return path
    import pyarrow.parquet as pq

    from journey_widget.analytics.sample import sample_events

    OUT.mkdir(exist_ok=True)
    print(f"generating a log of ~{size:,} events ...", flush=True)
    parts = max(1, round(size / CHUNK_EVENTS))
    tmp = path.with_suffix(".tmp")
    writer = None
    for i in range(parts):
        log = sample_events(round(size / parts / EVENTS_PER_CASE), seed=7 + i)
        table = with_segment(log, f"P{i}-" if parts > 1 else "")
        del log
        if writer is None:
            writer = pq.ParquetWriter(tmp, table.schema)
        writer.write_table(table, row_group_size=1 << 20)
        del table
    if writer is not None:
        writer.close()
    tmp.rename(path)
    return path
