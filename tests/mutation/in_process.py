"""pytest plugin for tools/mutation.sh on xlsrc/consolidate/: the files are
read in the test's own process, not in worker processes. mutmut records
which tests reach a function only in its own process; a function run in a
worker (extract.py, and the units' facts read there) would count as reached
by no test, and its mutants as survivors. The mutant itself is active in
workers too (an environment variable), so this changes what is recorded,
not what is tested; the isolation itself is covered by
tests/test_reader_isolation.py."""
import pytest


@pytest.fixture(autouse=True)
def _read_in_process(monkeypatch):
    import xlsrc.consolidate as consolidate
    monkeypatch.setattr(consolidate, "_read_isolated",
                        lambda paths, password, progress, jobs: consolidate._read_serial(paths, password, progress))


@pytest.fixture(autouse=True)
def _nothing_remembered():
    """A worker remembers the cells it has read, across files (extract._READ
    and _empty_of); mutmut forks each mutant from a process that ran the clean
    tests, so each test starts with nothing remembered: the mutant reads every
    cell itself."""
    from xlsrc.consolidate import extract
    extract._READ.clear()
    extract._empty_of.cache_clear()
