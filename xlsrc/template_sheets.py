"""Workbooks of an older template: a command that needs sheets the workbook
lacks says which, and how to carry the workbook into the current template
(`thidua upgrade`), instead of answering from empty sheets ("Rà soát năm
2021: 0 cá nhân")."""
from __future__ import annotations

from . import schema as S
from .errors import ThiDuaError
from .records import WorkbookData


def missing_sheets(data: WorkbookData, specs) -> list[str]:
    """The names of the sheets of ``specs`` that the workbook does not have."""
    return [spec.name for spec in specs if spec.key not in data.sheet_names]


def require_sheets(data: WorkbookData, specs, purpose: str) -> None:
    """Stop with a Vietnamese message when a sheet of ``specs`` is missing."""
    missing = missing_sheets(data, specs)
    if not missing:
        return
    names = ", ".join(f"'{name}'" for name in missing)
    if not data.sheet_names:  # no sheet of the template at all
        raise ThiDuaError(f"Sổ '{data.source}' không phải sổ làm từ mẫu (không có trang {names}), nên không {purpose} "
                          "được. Tạo sổ bằng 'thidua new' rồi chép dữ liệu sang.")
    raise ThiDuaError(f"Sổ '{data.source}' làm từ mẫu cũ: thiếu trang {names} cần để {purpose}. Nâng cấp sổ sang mẫu "
                      f"mới bằng lệnh: thidua upgrade \"{data.source}\" — dữ liệu và thiết lập được chép sang sổ mới, "
                      "sổ cũ giữ nguyên; hoặc tạo sổ bằng 'thidua new' rồi chép dữ liệu sang.")


# without them a review answers from nothing; Tiêu chuẩn has built-in defaults
REVIEW_SHEETS = (S.STAFF, S.RATINGS, S.INITIATIVES)
# a decision and its certificates are made from these (Lương cơ sở and Mẫu in phôi have defaults)
DECISION_SHEETS = (S.DECISIONS, S.AWARDS)
