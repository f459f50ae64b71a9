"""Which sheets each job reads, so that an error stops only the jobs that
read its sheet: a misspelt name on Đánh giá (read by the review) does not stop
the movement report. Errors on sheets a job does not read are kept in its
list as warnings that say so."""
from __future__ import annotations

from dataclasses import replace

from . import schema as S
from .findings import ERROR, WARNING, Finding

# The sheets (schema keys) each job reads; Thông tin is read by all.
JOB_SHEETS: dict[str, tuple[str, ...]] = {
    "report": ("info", "plans", "works", "awards", "narrative"),
    "review": ("info", "staff", "ratings", "initiatives", "standards", "awards"),
    "decision": ("info", "decisions", "awards", "staff", "standards", "base_salary"),
    "certificates": ("info", "decisions", "awards", "staff", "standards", "base_salary", "print_layout"),
    "calibrate": ("print_layout",),
}
JOB_NAMES = {"report": "báo cáo", "review": "rà soát", "decision": "quyết định", "certificates": "giấy khen",
             "calibrate": "lưới căn chỉnh phôi"}


def sheets_of(data, job: str) -> set[str]:
    """The names the job's sheets have in this workbook."""
    return {data.sheet_names.get(k, S.SHEETS_BY_KEY[k].name) for k in JOB_SHEETS[job]}


def _schema_sheets(data) -> set[str]:
    return {data.sheet_names.get(spec.key, spec.name) for spec in S.DATA_SHEETS}


def for_job(data, findings: list[Finding], job: str) -> tuple[list[Finding], list[Finding]]:
    """(the errors that stop ``job``, every finding as the job reports it):
    an error on a data sheet the job does not read becomes a warning naming
    the job; an error elsewhere (the file itself) still stops it."""
    used, known = sheets_of(data, job), _schema_sheets(data)
    blocking, listed = [], []
    for f in findings:
        if f.severity == ERROR and f.sheet in known and f.sheet not in used:
            f = replace(f, severity=WARNING, message=f"{f.message} (Lỗi ở trang không dùng để lập "
                                                      f"{JOB_NAMES[job]}: không chặn việc này, nhưng cần sửa.)")
        elif f.severity == ERROR:
            blocking.append(f)
        listed.append(f)
    return blocking, listed
