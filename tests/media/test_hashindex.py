"""The hash index returns exactly what a brute-force Hamming scan returns."""

from __future__ import annotations

import random

import numpy as np

from desktop.media import hashindex
from desktop.media.hashindex import HashIndex, popcount64


def brute(items: dict[str, int], q: int, radius: int) -> set[tuple[str, int]]:
    return {(k, (h ^ q).bit_count()) for k, h in items.items() if (h ^ q).bit_count() <= radius}


def near(rng: random.Random, h: int, flips: int) -> int:
    for bit in rng.sample(range(64), flips):
        h ^= 1 << bit
    return h


def test_same_neighbours_as_brute_force():
    rng = random.Random(3)
    centres = [rng.getrandbits(64) for _ in range(50)]
    items = {f"k{i}": near(rng, rng.choice(centres), rng.randrange(0, 20)) for i in range(3000)}
    items["top"] = 2**64 - 1  # the highest bit must survive the uint64 round trip
    index = HashIndex(items.items())
    assert len(index) == len(items)
    for q in [*centres[:10], rng.getrandbits(64), 2**64 - 1, 0]:
        for radius in (0, 5, 12, 20, 64):
            got = index.query(q, radius)
            assert set(got) == brute(items, q, radius)
            assert [d for _, d in got] == sorted(d for _, d in got)


def test_add_replace_remove_and_compaction():
    rng = random.Random(5)
    items = {f"k{i}": rng.getrandbits(64) for i in range(3000)}
    index = HashIndex()
    for k, h in items.items():
        index.add(k, h)
    index.add("k0", 12345)  # replaces
    items["k0"] = 12345
    assert len(index) == 3000 and index.nearest(12345) == [("k0", 0)]
    for k in list(items)[1:2200]:  # enough removals to trigger compaction
        index.remove(k)
        del items[k]
    index.remove("unknown")
    assert len(index) == len(items) and "k1" not in index and "k2999" in index
    for q in (12345, rng.getrandbits(64)):
        assert set(index.query(q, 64)) == brute(items, q, 64)
    assert index.nearest(items["k2999"], 1) == [("k2999", 0)]
    assert index.query(0, 64, limit=3) == index.query(0, 64)[:3]


def test_popcount_fallback_matches(monkeypatch):
    x = np.array([0, 1, 2**63, 2**64 - 1, 0xF0F0_F0F0_0000_FFFF], dtype=np.uint64)
    expected = [int(v).bit_count() for v in x]
    assert popcount64(x).tolist() == expected
    monkeypatch.setattr(hashindex, "_POPCOUNT", None)
    assert popcount64(x).tolist() == expected
