"""The Hội đồng, the votes and the dossier (issue 20), on workbooks built as
an officer builds them: several proposals per person, a collective, a
proposal without votes, a member absent, proposals for two authorities (the
unit's own and the province's); every document rendered and read back."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.builder import Content, write_workbook
from xlsrc.cli import main
from xlsrc.dossier import make_dossier, plan
from xlsrc.dossier.check import check_dossier_template
from xlsrc.dossier.model import FAILED, NO_QUORUM, NO_VOTES, PASSED
from xlsrc.errors import ThiDuaError
from xlsrc.jobs import run_validate
from xlsrc.records import read_workbook

D = dt.datetime
INFO = {"parent_body": "UBND TỈNH QUẢNG TRỊ", "issuing_body": "SỞ XÂY DỰNG", "unit_name": "Sở Xây dựng",
        "doc_number": "12/BC-SXD", "place": "Quảng Trị", "doc_date": D(2026, 12, 1), "doc_type": "Báo cáo",
        "summary": "Tổng kết thi đua năm 2026", "recipient": "Sở Nội vụ", "movement": "phong trào thi đua năm 2026",
        "signer_title": "GIÁM ĐỐC", "signer_name": "Hồ Văn Tư", "recipients": "- Như trên;\n- Lưu: VT.",
        "report_year": 2026}
STAFF = [("Lê Thị Hoa", "XD-01", "Nữ", "02/03/1984", "Trưởng phòng", "Phòng Quản lý xây dựng"),
         ("Võ Văn Minh", "XD-02", "Nam", "", "Chuyên viên", "Phòng Quản lý xây dựng"),
         ("Đinh Thị Lan", "", "Nữ", "", "Kế toán", "Văn phòng Sở")]
COUNCIL = [("Hồ Văn Tư", "Giám đốc Sở", "Chủ tịch Hội đồng"), ("Phan Thị Yến", "Phó Giám đốc Sở", "Phó Chủ tịch Hội đồng"),
           ("Lê Thị Hoa", "Trưởng phòng", "Ủy viên"), ("Trần Quốc Bảo", "Chánh Văn phòng", "Ủy viên"),
           ("Ngô Văn Sơn", "Chủ tịch Công đoàn", "Thư ký")]
# (name, kind typed, form, votes for, votes total)
PROPOSALS = [("Lê Thị Hoa", "", "Chiến sĩ thi đua cơ sở", 5, 5),
             ("Lê Thị Hoa", "", "Bằng khen của Chủ tịch UBND tỉnh", 4, 5),
             ("Võ Văn Minh", "Cá nhân", "Chiến sĩ thi đua cơ sở", 3, 5),     # 60%: below 70%
             ("Đinh Thị Lan", "", "Lao động tiên tiến", None, None),       # not yet voted
             ("Phòng Quản lý xây dựng", "Tập thể", "Tập thể lao động xuất sắc", 5, 5)]


def content(absent: str = "Trần Quốc Bảo (nghỉ phép)", quorum: str = "từ 2/3") -> Content:
    rows = {
        "staff": [{"order": i, "name": n, "staff_code": c, "gender": g, "birth_date": b, "position": p,
                   "department": u} for i, (n, c, g, b, p, u) in enumerate(STAFF, 1)],
        "ratings": [{"order": 1, "year": 2025, "recipient_kind": "Cá nhân", "subject": "Lê Thị Hoa",
                     "staff_code": "XD-01", "rating": "Hoàn thành xuất sắc nhiệm vụ"},
                    {"order": 2, "year": 2026, "recipient_kind": "Cá nhân", "subject": "Lê Thị Hoa",
                     "staff_code": "XD-01", "rating": "Hoàn thành xuất sắc nhiệm vụ"},
                    {"order": 3, "year": 2026, "recipient_kind": "Tập thể", "subject": "Phòng Quản lý xây dựng",
                     "rating": "Hoàn thành xuất sắc nhiệm vụ"}],
        "initiatives": [{"order": 1, "year": 2026, "name": "Lê Thị Hoa", "staff_code": "XD-01",
                         "title": "Quy trình thẩm định thiết kế trực tuyến", "scope": "Cơ sở", "decision": ""}],
        "council": [{"order": i, "name": n, "position": p, "role": r} for i, (n, p, r) in enumerate(COUNCIL, 1)],
        "meetings": [{"order": 1, "date": D(2026, 12, 10), "year": 2026, "place": "Hội trường Sở",
                      "absent": absent, "quorum": quorum}],
        "proposals": [{"order": i, "subject": n, "recipient_kind": k, "form": f, "votes_for": v, "votes_total": t}
                      for i, (n, k, f, v, t) in enumerate(PROPOSALS, 1)],
        "achievements": [{"order": 1, "subject": "Lê Thị Hoa", "staff_code": "XD-01", "section": "Thành tích đạt được",
                          "text": "Rút ngắn thời gian thẩm định hồ sơ thiết kế còn 12 ngày làm việc."}],
    }
    return Content(info=dict(INFO), rows=rows)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A user's workbook, its data, and its dossier written once."""
    folder = tmp_path_factory.mktemp("hs")
    book = write_workbook(folder / "so.xlsx", content())
    data, findings = run_validate(FileBook(book), write_back=False)
    dossier, written = make_dossier(data, folder / "out")
    return book, data, dossier, written, findings


def _text(path) -> str:
    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(c.text for c in row.cells))
    return "\n".join(lines)


def _by(dossier, name, form):
    return next(p for p in dossier.proposals if p.subject == name and p.form.startswith(form))


def test_votes_judged_against_the_thresholds_with_the_absent_member_counted(built):
    _, _, d, _, findings = built
    assert [f.line() for f in findings if f.severity == "error"] == []
    meeting = d.meetings[0]
    assert [m.name for m in meeting.absent] == ["Trần Quốc Bảo"] and meeting.absent[0].reason == "nghỉ phép"
    assert meeting.quorate  # 4 of 5 present, at least 2/3
    assert _by(d, "Lê Thị Hoa", "Chiến sĩ thi đua cơ sở").result == PASSED
    failed = _by(d, "Võ Văn Minh", "Chiến sĩ thi đua cơ sở")
    assert failed.result == FAILED and "03/05" in failed.why and "70%" in failed.why
    assert _by(d, "Đinh Thị Lan", "Lao động tiên tiến").result == NO_VOTES
    collective = _by(d, "Phòng Quản lý xây dựng", "Tập thể lao động xuất sắc")
    assert collective.kind == S.COLLECTIVE and collective.result == PASSED


def test_the_unit_decides_its_own_titles_and_proposes_the_province_s(built):
    _, _, d, written, _ = built
    own = {(p.subject, p.form) for p in d.own}
    up = {(p.subject, p.form) for p in d.upward}
    assert own == {("Lê Thị Hoa", "Chiến sĩ thi đua cơ sở")}
    assert up == {("Lê Thị Hoa", "Bằng khen cấp bộ, ban, ngành, tỉnh"),
                  ("Phòng Quản lý xây dựng", "Tập thể lao động xuất sắc")}
    assert all("Điều 79" in p.authority.basis for p in d.upward)
    assert "khoản 1 Điều 80" in next(iter(d.own)).authority.basis
    kinds = [w.kind for w in written]
    assert kinds.count("to_trinh") == 1 and kinds.count("bao_cao_thanh_tich") == 2
    assert {"danh_sach", "bien_ban", "phieu_bau", "danh_muc"} <= set(kinds)
    to_trinh = next(w for w in written if w.kind == "to_trinh")
    assert to_trinh.recipient == "Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị"
    text = _text(to_trinh.path)
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị." in text
    assert "Nghị định số 152/2025/NĐ-CP" in text and "98/2023" not in text  # a 2026 meeting: the decree in force
    assert "ngày 10 tháng 12 năm 2026" in text
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 01 cá nhân;" in text
    assert "Danh hiệu “Tập thể lao động xuất sắc”: 01 tập thể." in text
    listing = _text(next(w.path for w in written if w.kind == "danh_sach"))
    assert listing.index("THUỘC THẨM QUYỀN CỦA SỞ XÂY DỰNG") < listing.index("ĐỀ NGHỊ CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")
    assert "Võ Văn Minh" not in listing and "Đinh Thị Lan" not in listing  # not passed: not proposed


def test_bien_ban_lists_members_votes_and_results(built):
    _, _, _, written, _ = built
    text = _text(next(w.path for w in written if w.kind == "bien_ban"))
    assert "Trần Quốc Bảo | Chánh Văn phòng | Ủy viên | Vắng (nghỉ phép)" in text
    assert "có mặt 04, vắng mặt 01" in text and "Chủ trì: Hồ Văn Tư, Giám đốc Sở, Chủ tịch Hội đồng." in text
    assert "Võ Văn Minh | Chiến sĩ thi đua cơ sở | 03/05 | 60% | Không đạt tỷ lệ phiếu" in text
    assert "Đinh Thị Lan | Lao động tiên tiến | … |  | Chưa có số phiếu" in text


def test_bao_cao_thanh_tich_says_only_what_the_workbook_says(built):
    _, _, d, written, _ = built
    report = next(w for w in written if w.kind == "bao_cao_thanh_tich" and w.subject == "Lê Thị Hoa")
    text = _text(report.path)
    assert text.splitlines()[0] == "Mẫu số 02"
    assert "- Sinh ngày, tháng, năm: 02/03/1984" in text and "- Quê quán: ……" in text
    assert "Rút ngắn thời gian thẩm định hồ sơ thiết kế còn 12 ngày làm việc." in text
    assert "2025 | Hoàn thành xuất sắc nhiệm vụ" in text and "2026 | Hoàn thành xuất sắc nhiệm vụ" in text
    p = _by(d, "Lê Thị Hoa", "Bằng khen")
    missing = [i.text for i in p.checklist if not i.ok]
    assert any("Quê quán" in m for m in missing)
    assert any("Chức năng, nhiệm vụ được giao" in m for m in missing)  # no such paragraph typed
    assert any("Quy trình thẩm định thiết kế trực tuyến" in m and "chưa ghi số" in m for m in missing)
    collective = next(w for w in written if w.kind == "bao_cao_thanh_tich" and w.subject != "Lê Thị Hoa")
    ctext = _text(collective.path)
    assert ctext.splitlines()[0] == "Mẫu số 01" and "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in ctext
    assert "- Tổng số cán bộ, công chức, viên chức, người lao động: 2 người" in ctext


def test_a_meeting_without_quorum_stops_every_vote(read_back, tmp_path):
    data = read_back(content(absent="Trần Quốc Bảo (nghỉ phép)\nPhan Thị Yến (ốm)"), "thieu.xlsx")
    d, written = make_dossier(data, tmp_path / "out")
    assert {p.result for p in d.proposals} == {NO_QUORUM}
    assert [w.kind for w in written] == ["bien_ban", "phieu_bau", "danh_muc"]  # nothing is proposed
    text = _text(written[0].path)
    assert "không đạt túc số (từ 2/3 tổng số thành viên)" in text and "không tiến hành bỏ phiếu" in text


def test_cli_json_lists_every_file_with_its_kind_and_recipient(built, tmp_path, capsys):
    book = built[0]
    with pytest.raises(SystemExit) as exit_:
        main(["dossier", str(book), "-o", str(tmp_path / "hs"), "--json", "--date", "18/12/2026"])
    assert exit_.value.code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["year"] == 2026
    assert {f["kind"] for f in result["files"]} == {"to_trinh", "danh_sach", "bien_ban", "phieu_bau",
                                                    "bao_cao_thanh_tich", "danh_muc"}
    assert all(f["recipient"] == "Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị" for f in result["files"]
               if f["kind"] in ("to_trinh", "bao_cao_thanh_tich"))
    failed = next(p for p in result["proposals"] if p["subject"] == "Võ Văn Minh")
    assert failed["result"] == FAILED and not failed["complete"]
    assert "ngày 18 tháng 12 năm 2026" in _text(next(f["path"] for f in result["files"] if f["kind"] == "to_trinh"))
    with pytest.raises(SystemExit) as again:  # never overwritten silently
        main(["dossier", str(book), "-o", str(tmp_path / "hs")])
    assert again.value.code != 0 and "--force" in capsys.readouterr().err


def test_votes_typed_on_the_sheet_survive_a_new_review(built, tmp_path):
    book = built[0]
    copy = tmp_path / "sau-ra-soat.xlsx"
    with pytest.raises(SystemExit) as exit_:
        main(["review", str(book), "--year", "2026", "-o", str(copy)])
    assert exit_.value.code in (0, 2)
    data = read_workbook(FileBook(copy))
    votes = {(r.text("subject"), r["form"]): r["votes_for"] for r in data.proposals}
    assert votes[("Võ Văn Minh", "Chiến sĩ thi đua cơ sở")] == 3  # a row the review no longer gives, kept with its vote
    assert votes[("Phòng Quản lý xây dựng", "Tập thể lao động xuất sắc")] == 5


def test_a_hand_typed_proposal_sheet_is_read(tmp_path):
    book = write_workbook(tmp_path / "so.xlsx", content())
    wb = load_workbook(book)
    ws = wb[S.PROPOSAL_SHEET]
    ws.delete_rows(1, ws.max_row)
    ws.append(["TT", "Họ và tên", "Danh hiệu đề nghị", "Phiếu đồng ý", "Tổng số phiếu bầu"])
    ws.append([1, "Lê Thị Hoa", "CSTĐ cơ sở", 4, 4])
    wb.save(book)
    data, _ = run_validate(FileBook(book), write_back=False)
    d, _ = plan(data)
    [p] = d.proposals
    assert (p.kind, p.form, p.result) == (S.INDIVIDUAL, "Chiến sĩ thi đua cơ sở", PASSED)


def test_no_proposal_is_a_clear_message(read_back, tmp_path):
    c = content()
    c.rows["proposals"] = []
    with pytest.raises(ThiDuaError, match="chưa có đề nghị nào"):
        make_dossier(read_back(c, "rong.xlsx"), tmp_path / "out")


@pytest.mark.parametrize("name", ["to_trinh.docx", "danh_sach_de_nghi.docx", "bien_ban_hoi_dong.docx",
                                  "bao_cao_thanh_tich.docx", "danh_muc_ho_so.docx", "phieu_bau.docx"])
def test_templates_pass_check_template(name):
    from xlsrc.dossier import template_path
    assert check_dossier_template(template_path(name)) == []


def test_check_template_names_a_tag_the_dossier_does_not_give(tmp_path):
    import zipfile
    from xlsrc.dossier import template_path
    src = template_path("to_trinh.docx")
    out = tmp_path / "mau.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item)
            if item.filename == "word/document.xml":
                body = body.replace(b"{{ request }}", b"{{ requets }}")
            zout.writestr(item, body)
    assert check_dossier_template(out) == ["requets"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_every_document_renders_to_pdf(built, tmp_path):
    _, _, _, written, _ = built
    for w in written:
        shutil.copy(w.path, tmp_path)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path)] + [str(tmp_path / w.path.name) for w in written],
                   capture_output=True, timeout=300, check=False)
    for w in written:
        pdf = tmp_path / (w.path.stem + ".pdf")
        assert pdf.exists(), w.path.name
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "{{" not in text and "{%" not in text


def test_votes_to_decisions_moves_the_unit_s_own_passed_proposals(built, tmp_path, capsys):
    book = built[0]
    copy = tmp_path / "qd.xlsx"
    with pytest.raises(SystemExit) as exit_:
        main(["promote", str(book), "--so", "88/QĐ-SXD", "--date", "20/12/2026", "-o", str(copy)])
    assert exit_.value.code == 0, capsys.readouterr().err
    data = read_workbook(FileBook(copy))
    [decision] = data.decisions
    assert (decision.text("number"), decision["form"]) == ("88/QĐ-SXD", "Chiến sĩ thi đua cơ sở")
    assert "phiên họp ngày 10/12/2026" in decision.text("proposal")
    [award] = [a for a in data.awards if a.text("decision_number") == "88/QĐ-SXD"]
    assert (award.text("recipient"), award["year"], award.text("staff_code")) == ("Lê Thị Hoa", 2026, "XD-01")
    with pytest.raises(SystemExit) as exit_:  # the decision is then made as any other
        main(["decision", str(copy), "--so", "88/QĐ-SXD", "-o", str(tmp_path / "qd.docx")])
    assert exit_.value.code == 0
    assert "Chiến sĩ thi đua cơ sở" in _text(tmp_path / "qd.docx") and "Lê Thị Hoa" in _text(tmp_path / "qd.docx")
    with pytest.raises(SystemExit) as again:  # already moved: nothing twice
        main(["promote", str(copy), "--so", "89/QĐ-SXD", "--date", "20/12/2026", "-o", str(tmp_path / "lai.xlsx")])
    assert again.value.code != 0 and "chưa có ở trang 'Khen thưởng'" in capsys.readouterr().err


def test_the_review_s_list_says_who_decides_own_titles_first(demo_book, tmp_path):
    copy = tmp_path / "ra-soat.xlsx"
    with pytest.raises(SystemExit):
        main(["review", str(demo_book), "-o", str(copy)])
    rows = list(load_workbook(copy)[S.PROPOSAL_SHEET].iter_rows(values_only=True))
    at, votes = rows[0].index("Cấp quyết định"), rows[0].index("Số phiếu đồng ý")
    assert all(r[at] for r in rows[1:] if r[1])  # the demo's 2025 rows, kept for their votes, are labelled too
    labels = [r[at] for r in rows[1:] if r[1] and r[votes] is None and "2025" not in (r[5] or "")]
    own = [i for i, x in enumerate(labels) if x.startswith("Đơn vị quyết định (khoản 1 Điều 80")]
    up = [i for i, x in enumerate(labels) if x.startswith("Đề nghị Chủ tịch Ủy ban nhân dân tỉnh (Điều 79")]
    assert own and up and max(own) < min(up) and len(own) + len(up) == len(labels)


def test_council_sheets_are_checked(read_back):
    from xlsrc.validation import validate
    c = content(absent="Trần Văn Không (ốm)", quorum="hai phần ba")
    c.rows["proposals"][0]["votes_for"] = 9
    found = {(f.code, f.severity, f.cell[:1]) for f in validate(read_back(c, "kiem.xlsx"))
             if f.sheet in (S.MEETINGS.name, S.PROPOSAL_SHEET)}
    assert ("MEETING_ABSENT_UNKNOWN", "warning", "G") in found
    assert ("QUORUM_UNREADABLE", "error", "H") in found
    assert ("VOTES_OVER_COUNCIL", "error", "K") in found


def test_the_tally_page_carries_the_votes_of_the_sheet(built):
    _, _, _, written, _ = built
    text = _text(next(w.path for w in written if w.kind == "phieu_bau"))
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert "Võ Văn Minh | Chiến sĩ thi đua cơ sở | 05 | 03 | 02 | 60%" in text
    assert "Đinh Thị Lan | Lao động tiên tiến |  |  |  | " in text  # no votes typed: blanks to fill when counting


def test_a_tờ_trình_dated_before_1_july_2025_cites_nd_98_2023(read_back, tmp_path):
    c = content()
    c.rows["meetings"][0].update(date=D(2025, 6, 20), year=2025)
    c.info["report_year"] = 2025
    d, written = make_dossier(read_back(c, "cu.xlsx"), tmp_path / "out")
    text = _text(next(w.path for w in written if w.kind == "to_trinh"))
    assert "Nghị định số 98/2023/NĐ-CP" in text and "152/2025" not in text
