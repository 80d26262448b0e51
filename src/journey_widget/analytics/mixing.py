"""A hash of activity sequences that runs the same on NumPy arrays and on narwhals expressions.

A case's variant key is ``sum(mix(code_i, i)) mod P`` over its events, for a few independent salts,
where ``mix`` scrambles an (activity code, position) pair with two rounds of ``x*x + c mod P``.
Only ``+``, ``*`` and ``%`` on int64 are used, every intermediate value stays below 2**63, so
every engine computes the same numbers. The embedded engine verifies every group against a
representative sequence, so its variants are exact; engines that cannot (lazy ones) rely on
three 31-bit keys plus the length.
"""

from __future__ import annotations

from typing import Any

P = 2_147_483_647  # 2**31 - 1, a prime
#: (a, b, c1, c2) per salt; a, b < 2**20 keep ``(code+1)*a + pos*b`` below 2**52.
SALTS = (
    (1_000_003, 917_503, 1_234_567_891, 987_654_321),
    (786_433, 655_357, 2_023_456_789, 1_122_334_455),
    (524_269, 393_209, 1_357_913_579, 2_046_802_468),
)


def mix(code: Any, pos: Any, salt: int) -> Any:
    """Scramble (activity code, 0-based position) into ``[0, P)``; code < 2**20, pos < 2**31."""
    a, b, c1, c2 = SALTS[salt]
    x = ((code + 1) * a + pos * b + c1) % P
    x = (x * x + c2) % P
    return (x * x + c1) % P
