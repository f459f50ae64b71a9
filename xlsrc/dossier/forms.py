"""Which báo cáo thành tích form fits which case (a person or a collective;
khen thường xuyên, cống hiến, đột xuất, theo đợt hoặc chuyên đề), as data.
Nghị định 152/2025/NĐ-CP prints its forms in an appendix (11 báo cáo thành
tích forms); their numbers could not be read here, so each row says so and
the checklist asks the officer to check the number printed."""
from __future__ import annotations

from dataclasses import dataclass

from .. import schema as S

STATUS = ("Số hiệu mẫu chưa đối chiếu được với Phụ lục Nghị định 152/2025/NĐ-CP; đối chiếu trước khi gửi "
          "(sửa ở mẫu báo cáo thành tích nếu khác)")

REGULAR, DEDICATION, SUDDEN, CAMPAIGN = "Thường xuyên", "Cống hiến", "Đột xuất", "Theo đợt hoặc chuyên đề"


@dataclass(frozen=True)
class ReportForm:
    number: str      # as the appendix prints it at the top right: "Mẫu số 02"
    case: str        # what the report covers, in the title's words
    status: str = STATUS


FORMS: dict[tuple[str, str], ReportForm] = {
    (S.COLLECTIVE, REGULAR): ReportForm("Mẫu số 01", "tập thể có thành tích xuất sắc trong thực hiện nhiệm vụ"),
    (S.INDIVIDUAL, REGULAR): ReportForm("Mẫu số 02", "cá nhân có thành tích xuất sắc trong thực hiện nhiệm vụ"),
    (S.INDIVIDUAL, DEDICATION): ReportForm("Mẫu số 03", "cá nhân có quá trình cống hiến"),
    (S.COLLECTIVE, SUDDEN): ReportForm("Mẫu số 06", "tập thể có thành tích xuất sắc đột xuất"),
    (S.INDIVIDUAL, SUDDEN): ReportForm("Mẫu số 06", "cá nhân có thành tích xuất sắc đột xuất"),
    (S.COLLECTIVE, CAMPAIGN): ReportForm("Mẫu số 07", "tập thể có thành tích theo đợt thi đua hoặc chuyên đề"),
    (S.INDIVIDUAL, CAMPAIGN): ReportForm("Mẫu số 07", "cá nhân có thành tích theo đợt thi đua hoặc chuyên đề"),
}


def report_form(kind: str, award_type: str) -> ReportForm | None:
    return FORMS.get((kind, award_type or REGULAR))
