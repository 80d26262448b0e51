"""A realistic synthetic event log (online shop), for examples, tests and benchmarks.

Customers arrive over two months, discover the shop, browse, fill a cart, check out and
sometimes contact support; each stage loses some of them. Within a stage they do one to
six things, with a look back at the previous stage now and then; gaps between events are
seconds to days (log-normal). Support contacts and order confirmations carry a CSAT answer (1-5).
Generated with NumPy only, about a second per million events.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: The shop's activities by stage, in journey order (use as ``stage_of``).
SAMPLE_STAGES: dict[str, str] = {
    "ad_click": "Discover",
    "search": "Discover",
    "landing_page": "Discover",
    "view_product": "Browse",
    "compare": "Browse",
    "read_reviews": "Browse",
    "add_to_cart": "Cart",
    "view_cart": "Cart",
    "apply_coupon": "Cart",
    "enter_address": "Checkout",
    "payment_failed": "Checkout",
    "pay": "Checkout",
    "order_confirmation": "After purchase",
    "contact_support": "After purchase",
    "write_review": "After purchase",
}
_STAGES = list(dict.fromkeys(SAMPLE_STAGES.values()))
_ACTS = [[a for a, s in SAMPLE_STAGES.items() if s == stage] for stage in _STAGES]
_WEIGHTS = [
    [0.4, 0.35, 0.25],
    [0.6, 0.2, 0.2],
    [0.55, 0.3, 0.15],
    [0.45, 0.15, 0.4],
    [0.6, 0.25, 0.15],
]
#: Probability of going on to each next stage.
_CONTINUE = [0.72, 0.55, 0.68, 0.85]
_CHANNELS = ["web", "app", "email", "phone"]


def _ids(cases: int) -> list[str]:
    width = max(7, len(str(cases)))
    return [f"C{i:0{width}d}" for i in range(cases)]


def sample_events(
    cases: int = 2_000, *, seed: int = 0, start: str = "2024-03-01", shuffle: bool = False
) -> pd.DataFrame:
    """An online shop's event log with about 9 events per case.

    Parameters
    ----------
    cases : int
        Number of customers.
    seed : int
        Random seed; the same seed gives the same log.
    start : str
        First day of the two months the customers arrive in.
    shuffle : bool
        Rows in random order instead of by time (as a log export would be).

    Returns
    -------
    DataFrame
        ``customer_id`` (str), ``event`` (str), ``timestamp`` (datetime64, whole seconds,
        strictly increasing inside a case), ``channel`` (str) and ``csat`` (1-5 on
        ``contact_support`` and ``order_confirmation`` events, else missing).

    Examples
    --------
    >>> log = sample_events(100, seed=1)
    >>> list(log.columns)
    ['customer_id', 'event', 'timestamp', 'channel', 'csat']
    """
    rng = np.random.default_rng(seed)
    n_stages = len(_STAGES)
    depth = np.ones(cases, dtype=np.int64)
    alive = np.ones(cases, dtype=bool)
    for k, p in enumerate(_CONTINUE):
        alive &= rng.random(cases) < p
        depth[alive] = k + 2
    per_stage = rng.integers(1, 7, size=(cases, n_stages))
    per_stage[np.arange(n_stages)[None, :] >= depth[:, None]] = 0
    counts = per_stage.ravel()
    stage = np.repeat(np.tile(np.arange(n_stages), cases), counts)
    case = np.repeat(np.arange(cases), per_stage.sum(axis=1))
    n = len(stage)
    look_back = (rng.random(n) < 0.08) & (stage > 0)
    act_stage = np.where(look_back, stage - 1, stage)
    pick = rng.random(n)
    act_index = np.zeros(n, dtype=np.int64)
    for k in range(n_stages):
        cum = np.cumsum(_WEIGHTS[k])
        here = act_stage == k
        act_index[here] = np.searchsorted(cum, pick[here] * cum[-1])
    names = np.array([a for acts in _ACTS for a in acts], dtype=object)
    offsets = np.cumsum([0] + [len(a) for a in _ACTS])[:-1]
    event = names[offsets[act_stage] + act_index]
    gaps = np.maximum(1, rng.lognormal(mean=5.0, sigma=2.0, size=n)).astype(np.int64)
    starts = np.flatnonzero(np.r_[True, case[1:] != case[:-1]])
    arrival = rng.integers(0, 60 * 86_400, size=cases)
    elapsed = np.cumsum(gaps)
    elapsed -= np.repeat(elapsed[starts] - gaps[starts], np.diff(np.r_[starts, n]))
    seconds = arrival[case] + elapsed
    surveyed = np.isin(event, ["contact_support", "order_confirmation"]) & (rng.random(n) < 0.6)
    csat = np.full(n, np.nan)
    support = surveyed & (event == "contact_support")
    csat[support] = rng.choice(
        [1, 2, 3, 4, 5], p=[0.2, 0.25, 0.25, 0.2, 0.1], size=int(support.sum())
    )
    confirm = surveyed & (event == "order_confirmation")
    csat[confirm] = rng.choice(
        [1, 2, 3, 4, 5], p=[0.02, 0.05, 0.13, 0.4, 0.4], size=int(confirm.sum())
    )
    order = rng.permutation(n) if shuffle else np.argsort(seconds, kind="stable")
    channel = rng.choice(len(_CHANNELS), size=n, p=[0.5, 0.3, 0.15, 0.05])
    return pd.DataFrame(
        {
            "customer_id": _strings(_ids(cases), case[order]),
            "event": _strings(names.tolist(), (offsets[act_stage] + act_index)[order]),
            "timestamp": pd.Timestamp(start) + pd.to_timedelta(seconds[order], unit="s"),
            "channel": _strings(_CHANNELS, channel[order]),
            "csat": csat[order],
        }
    )


def _strings(values: list[str], codes: np.ndarray) -> pd.Series:
    """``values[codes]`` as a pandas string column (built in Arrow when pyarrow is present)."""
    try:
        import pyarrow as pa
    except ImportError:
        return pd.Series(np.array(values, dtype=object)[codes], dtype="str")
    array = pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(values))
    return pd.Series(array.cast(pa.large_string()), dtype="str")
