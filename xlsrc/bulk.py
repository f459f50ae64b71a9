"""Work that makes millions of small objects at once: reading a large book,
checking its rows."""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def bulk_objects():
    """While a large book is read and checked: millions of small lists,
    dicts, strings and parsed values are made and kept, none in a reference
    cycle. The cyclic garbage collector, which would walk every one of them
    again and again as they are made (a third of the time of a 60.000-row
    master), waits until the work is done. Then what was made joins the
    oldest generation: the next young collection would walk all of it for
    nothing (a tenth of a second on that master); a full one still does."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()  # every tracked object moved aside, then back into the oldest generation
            gc.unfreeze()
            gc.enable()
