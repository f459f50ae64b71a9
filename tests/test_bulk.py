"""xlsrc/bulk.py: the collector waits while a large book is read, and does
not walk what was made at its next young collection, yet a cycle made there
is still collected by a full one."""
from __future__ import annotations

import gc
import weakref

from xlsrc.bulk import bulk_objects


class _Node:
    def __init__(self):
        self.other = self


def test_what_is_made_joins_the_oldest_generation_and_the_collector_runs_again():
    assert gc.isenabled()
    with bulk_objects():
        assert not gc.isenabled()
        made = [[] for _ in range(3)]
    assert gc.isenabled()
    assert any(o is made[0] for o in gc.get_objects(generation=2))
    assert gc.get_count()[0] < 50  # the young generation starts again from nothing


def test_a_cycle_made_in_bulk_is_still_collected():
    with bulk_objects():
        node = _Node()
        gone = weakref.ref(node)
    del node
    gc.collect()
    assert gone() is None


def test_the_collector_stays_off_when_it_was_off():
    gc.disable()
    try:
        with bulk_objects():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
