"""The jobs give what they gave before they were made faster: the findings
of validate, the copy compute writes, the report and the review, on a
consolidated master of 960 rows (two shapes of unit files, percent and
text progress, dates of every kind) and on the demo workbook. The reference
was recorded with the implementation before the change (tests/job_outputs.py)."""
from __future__ import annotations

import json

import pytest

from tests.job_outputs import MASTER, REFERENCE, demo_book, outputs


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("jobs")
    return outputs(MASTER, demo_book(tmp), tmp)


REF = json.loads(REFERENCE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("job", sorted(REF))
def test_job_gives_what_it_gave(produced, job):
    assert json.loads(json.dumps(produced[job], ensure_ascii=False, default=str)) == REF[job]
