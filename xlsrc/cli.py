"""The `thidua` command (also `python -m xlsrc`). Every failure is a
Vietnamese message and an exit code, never a traceback."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from . import interrupts, jobs
from .access.files import FileBook
from .atomic import atomic_path, check_writable, guarding_inputs, note_input
from .cli_vi import VietTyper, show_usage_error
from .errors import ThiDuaError, os_error_message
from .logfile import log_exception, unexpected_message

app = VietTyper(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True,
               help="Thi đua - Khen thưởng: sổ Excel, kiểm tra, tính tiến độ, báo cáo Word, tổng hợp.")
# Data and paths are printed as they are: markup is off, so "Tháng 4 [/i]" or "[/x].xlsx" stay text.
out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        from . import __version__
        try:
            number = version("thidua")
        except PackageNotFoundError:  # run from the sources
            number = __version__
        out.print(f"thidua {number}")
        raise typer.Exit(0)


@app.callback()
def _options(show_version: bool = typer.Option(False, "--version", "-V", callback=_print_version, is_eager=True,
                                              help="In số phiên bản rồi thoát.")) -> None:
    """Thi đua - Khen thưởng: sổ Excel, kiểm tra, tính tiến độ, báo cáo Word, tổng hợp."""


@app.command("new", short_help="Tạo sổ trắng theo mẫu.")
def cmd_new(path: Path = typer.Argument(..., metavar="TỆP", help="Tệp sổ mới: .xlsx hoặc .xlsm (có nút và ribbon)."),
            force: bool = typer.Option(False, "--force", help="Ghi đè tệp đã có.")):
    """Tạo sổ trắng theo mẫu (bảng Excel, danh sách chọn, định dạng, Hướng dẫn)."""
    from .builder import default_interpreter, write_workbook
    check_writable(path, force, other="ghi ra một tên tệp khác")
    written = write_workbook(path, force=force, interpreter=default_interpreter())  # a workbook for this PC
    out.print(f"Đã tạo sổ: {written}")


@app.command("demo", short_help="Tạo sổ mẫu, báo cáo, quyết định và giấy khen demo.")
def cmd_demo(folder: Path = typer.Argument(Path("thidua-demo"), metavar="THƯ_MỤC", help="Thư mục ghi kết quả."),
             force: bool = typer.Option(False, "--force", help="Ghi đè các tệp demo đã có.")):
    """Tạo sổ mẫu từ báo cáo 180/BC-SNgV và bản tin hội nghị, rồi lập báo cáo Word."""
    from .builder import write_workbook
    from .demo_data import demo_content
    if not folder.parent.is_dir():  # the demo folder itself is made, never the folders above it
        check_writable(folder, force)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ThiDuaError(os_error_message(exc, folder, "tạo thư mục")) from None
    xlsx, xlsm = folder / "ThiDua_demo.xlsx", folder / "ThiDua_demo.xlsm"
    docx = folder / "BaoCao_180-BC-SNgV.docx"
    from .awards import decision_file_stem
    from .awards.demo import NUMBER as DEMO_DECISION
    decision_docx = folder / (decision_file_stem(DEMO_DECISION) + ".docx")
    certificates_docx = folder / (decision_file_stem(DEMO_DECISION, "GiayKhen") + ".docx")
    for p in (xlsx, xlsm, docx, decision_docx, certificates_docx):
        check_writable(p, force, other="chọn một thư mục khác")
    write_workbook(xlsx, demo_content(), force=force)
    out.print(f"Đã ghi sổ demo: {xlsx}")
    write_workbook(xlsm, demo_content(), force=force)
    out.print(f"Đã ghi sổ demo có nút bấm (xlsm): {xlsm}")
    data, findings = jobs.run_validate(FileBook(xlsx), write_back=False)
    _print_findings(findings)
    from .report import make_report
    make_report(data, docx, force=force)
    from .completion import compute
    totals = compute(data)
    out.print(f"Đã lập báo cáo: {docx}")
    out.print(f"Công trình, phần việc: {totals.works}; hoàn thành: {totals.done}; "
              f"khen thưởng: {totals.awards_by_kind.get('Tập thể', 0)} tập thể, "
              f"{totals.awards_by_kind.get('Cá nhân', 0)} cá nhân.")
    from .awards import make_certificates, make_decision
    out.print(f"Đã lập quyết định: {make_decision(data, DEMO_DECISION, decision_docx, force=force)}")
    printed = make_certificates(data, DEMO_DECISION, certificates_docx, force=force)
    out.print(f"Đã in {printed.printed} giấy khen: {printed.path}")
    from .dossier import make_dossier
    from .dossier.demo import YEAR as DOSSIER_YEAR
    _, files = make_dossier(data, folder / f"HoSoDeNghi_{DOSSIER_YEAR}", DOSSIER_YEAR, force=force)
    out.print(f"Đã lập hồ sơ đề nghị khen thưởng năm {DOSSIER_YEAR}: {len(files)} tệp trong "
              f"{folder / f'HoSoDeNghi_{DOSSIER_YEAR}'}")
    _demo_board(folder, xlsx, data, force)


def _demo_board(folder: Path, unit_book: Path, data, force: bool) -> None:
    """The board's side: units' proposals (Word, hand-made Excel) consolidated
    into one checked list, and the year's statistics of the master."""
    from .consolidate import consolidate, write_master
    from .proposals.demo import write_board_demo
    from .statistics import make_statistics
    master, stats = folder / "TongHop_DeNghi_demo.xlsx", folder / "ThongKe_2021_demo.xlsx"
    for p in (master, stats):
        check_writable(p, force, other="chọn một thư mục khác")
    files = write_board_demo(folder, unit_book, force)
    result = consolidate([str(p) for p in files.values()], jobs=1)
    write_master(result, master, force=force)
    proposals = result.content.rows.get("unit_proposals") or []
    flagged = sum(1 for r in proposals if r.get("check"))
    units = {f.unit for f in result.files if f.status == "ok"}
    decided = sum(1 for r in result.content.rows.get("awards") or () if r["source_file"].endswith(".docx"))
    out.print(f"Đã tổng hợp đề nghị của {len(units)} đơn vị: {len(proposals)} đề nghị, {flagged} dòng cần xem "
              f"(cột 'Kiểm tra'); {decided} dòng khen thưởng đọc từ quyết định của đơn vị: {master}")
    path, _ = make_statistics(data, 2021, stats, force=force)  # the unit's workbook, already read above
    out.print(f"Đã lập biểu thống kê năm 2021: {path}")


def _open_book(path: Path, **kw) -> FileBook:
    """A workbook file; what it really was is said when its name lies."""
    book = FileBook(path, **kw)
    for note in book.file_notes:
        err.print(f"Lưu ý: {note}")
    return book


def _at_sources(data, findings, workbook: Path):
    """A master's findings point to the unit's file and cell the row came from."""
    from .consolidate.sources import point_to_sources
    return point_to_sources(data, findings, workbook)


def _print_findings(findings, next_to: Path | None = None) -> None:
    """One a line when few; grouped by code when many, the whole list in a file next to ``next_to``."""
    from .findings_view import print_findings
    print_findings(findings, out, err, next_to)


@app.command("validate", short_help="Kiểm tra dữ liệu của sổ (mã thoát 0, 1 hoặc 2).")
def cmd_validate(workbook: Path = typer.Argument(..., metavar="SỔ", help="Sổ cần kiểm tra (.xlsx/.xlsm/.xls/.ods)."),
                 as_json: bool = typer.Option(False, "--json", help="In kết quả dạng JSON.")):
    """Kiểm tra dữ liệu. Mã thoát: 0 không có lỗi, 1 có lỗi, 2 không dùng được tệp."""
    data, findings = jobs.run_validate(_open_book(workbook), write_back=False)
    findings = _at_sources(data, findings, workbook)
    if as_json:
        own = {workbook.name, str(workbook)}  # "file" only where a master's finding points to a unit's file
        sys.stdout.write(json.dumps([{**f.as_dict(), **({"file": f.file} if f.file and f.file not in own else {})}
                                     for f in findings], ensure_ascii=False, indent=1) + "\n")
    else:
        _print_findings(findings, next_to=workbook)
    raise typer.Exit(1 if jobs.has_errors(findings) else 0)


def _copy_target(workbook: Path, output: Path, force: bool) -> None:
    """A copy of the workbook is the only thing written: never the source, always .xlsx/.xlsm."""
    note_input(workbook)   # check_writable then refuses it as the output, whatever --force says
    if output.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ThiDuaError(f"Tệp đích '{output.name}' phải có đuôi .xlsx hoặc .xlsm.")
    check_writable(output, force)


@app.command("compute", short_help="Tính trạng thái, tổng hợp; ghi ra một bản sao của sổ.")
def cmd_compute(workbook: Path = typer.Argument(..., metavar="SỔ", help="Sổ nguồn (không bị sửa)."),
                output: Path = typer.Option(..., "-o", "--output", help="Bản sao có trạng thái, kiểm tra, tổng hợp."),
                force: bool = typer.Option(False, "--force", help="Ghi đè tệp đích đã có.")):
    """Tính trạng thái và tổng hợp, ghi vào một bản sao của sổ."""
    _copy_target(workbook, output, force)
    from .findings_view import slow_progress, vn_number
    with slow_progress(err, "Đang tính tiến độ"):
        book = _open_book(workbook, writable=True)
        if output.suffix.lower() == ".xlsm" and book.kind != "xlsm":
            raise ThiDuaError(f"Sổ nguồn '{workbook.name}' không có macro, nên không ghi được thành .xlsm "
                              f"'{output.name}'. Hãy ghi ra tệp .xlsx (hoặc tạo sổ có nút bằng "
                              f"'thidua new TÊN.xlsm').")
        data, findings, totals = jobs.run_compute(book)
        from .validation import NOT_FROM_TEMPLATE, from_template
        if not from_template(data):  # a hand-made annex: a copy would say "0 công trình"
            raise ThiDuaError(NOT_FROM_TEMPLATE)
        with atomic_path(output, force) as tmp:
            notes = book.save(tmp, shown_name=output.name)
    for note in notes:
        err.print(f"Lưu ý: {note}")
    _print_findings(findings, next_to=output)
    out.print(f"Đã ghi: {output} — {vn_number(totals.works)} công trình, phần việc; "
              f"hoàn thành {vn_number(totals.done)}.")


@app.command("report", short_help="Lập báo cáo Word (Nghị định 30/2020/NĐ-CP).")
def cmd_report(workbook: Path = typer.Argument(..., metavar="SỔ", help="Sổ của đơn vị, hoặc sổ tổng hợp."),
               output: Optional[Path] = typer.Option(None, "-o", "--output", help="Tệp .docx kết quả."),
               template: Optional[Path] = typer.Option(None, "--template", help="Mẫu .docx riêng."),
               pdf: bool = typer.Option(False, "--pdf", help="Chuyển thêm sang PDF (cần LibreOffice)."),
               force: bool = typer.Option(False, "--force", help="Ghi đè tệp đã có."),
               date: Optional[str] = typer.Option(None, "--date", help="Ngày của báo cáo (dd/mm/yyyy); mặc định: "
                                                  "ngày ban hành ở trang Thông tin, báo cáo tổng hợp là hôm nay.")):
    """Lập báo cáo Word theo thể thức Nghị định 30/2020/NĐ-CP."""
    from .findings_view import slow_progress
    from .report import Report, to_pdf
    report_date = jobs.parse_report_date(date) if date else None
    note_input(workbook, template)
    with Report(template, report_date=report_date) as report:  # what needs no data made while the book is read
        with slow_progress(err, "Đang đọc và kiểm tra sổ"):
            data, findings = jobs.run_validate(_open_book(workbook), write_back=False, read=report.read)
            findings = _at_sources(data, findings, workbook)
        output = output or workbook.with_name(jobs.report_file_stem(data) + ".docx")
        from .job_sheets import for_job
        errors, findings = for_job(data, findings, "report")  # an error on Đánh giá does not stop the report
        if not errors:  # a section the title announces that the template or the data lacks
            from .report import section_findings
            findings += section_findings(data, template, report_date)
        _print_findings(findings, next_to=output)
        if errors:
            err.print("Chưa lập báo cáo vì dữ liệu còn lỗi ở các trang báo cáo dùng. Sửa các lỗi trên rồi chạy lại.")
            raise typer.Exit(1)
        with slow_progress(err, "Đang lập báo cáo"):
            written = report.make(data, output, force=force)
    out.print(f"Đã lập báo cáo: {written}")
    if pdf:
        out.print(f"Đã chuyển sang PDF: {to_pdf(written, force=force)}")


@app.command("check-template", short_help="Kiểm tra một mẫu Word: thẻ thiếu, biểu thức bị chặn.")
def cmd_check_template(template: Path = typer.Argument(..., metavar="MẪU", help="Mẫu .docx cần kiểm tra."),
                       workbook: Optional[Path] = typer.Option(None, "--data", help="Sổ dữ liệu (mặc định: dữ liệu demo).")):
    """Liệt kê các thẻ trong mẫu mà dữ liệu không cung cấp (mã thoát 1 nếu có)."""
    from .awards import check_award_template
    from .dossier.check import check_dossier_template
    from .report import check_template
    data = jobs.run_validate(_open_book(workbook), write_back=False)[0] if workbook else None
    missing = check_dossier_template(template, data)
    if missing is None:
        missing = check_award_template(template, data)
    if missing is None:  # not a decision or certificate template: a report template
        missing = check_template(template, data)
    if missing:
        err.print(f"Mẫu '{template.name}' dùng {len(missing)} thẻ không có trong dữ liệu:")
        for name in missing:
            err.print(f"  - {name}")
        raise typer.Exit(1)
    out.print(f"Mẫu '{template.name}' hợp lệ: mọi thẻ đều có dữ liệu.")


@app.command("consolidate", short_help="Tổng hợp sổ của các đơn vị vào một sổ tổng hợp.")
def cmd_consolidate(inputs: List[Path] = typer.Argument(..., metavar="ĐẦU_VÀO", help="Các tệp và thư mục báo cáo của đơn vị."),
                    output: Path = typer.Option(..., "-o", "--output", help="Sổ tổng hợp .xlsx."),
                    as_json: bool = typer.Option(False, "--json", help="In kết quả dạng JSON."),
                    jobs_n: Optional[int] = typer.Option(None, "--jobs", min=1,
                                                         help="Số tiến trình đọc tệp song song (mặc định: số nhân CPU)."),
                    unit_map: Optional[Path] = typer.Option(
                        None, "--unit-map", metavar="CSV",
                        help="Bảng CSV (UTF-8) gán đơn vị cho từng tệp, hai cột: cột 1 'Tệp' là tên tệp (hoặc đường "
                             "dẫn) của đơn vị, cột 2 'Đơn vị' là tên đơn vị ghi vào sổ tổng hợp; dòng tiêu đề "
                             "(Tệp,Đơn vị hoặc file,unit) có thể có; phân cách bằng dấu phẩy, chấm phẩy hoặc tab."),
                    password: Optional[str] = typer.Option(None, "--password", help="Mật khẩu tệp được bảo vệ."),
                    info: Optional[Path] = typer.Option(None, "--info", help="Sổ lấy trang Thông tin cho báo cáo tổng hợp."),
                    force: bool = typer.Option(False, "--force", help="Ghi đè sổ tổng hợp đã có."),
                    verbose: bool = typer.Option(False, "--verbose", "-v", help="In bảng đầy đủ từng tệp.")):
    """Tổng hợp sổ của các đơn vị (.xlsx/.xlsm/.xls/.ods/.csv) vào một sổ tổng hợp."""
    from .consolidate import consolidate, write_master
    from .consolidate.discover import refuse_input_as_output
    note_input(unit_map, info)
    refuse_input_as_output(output, inputs)
    check_writable(output, force)
    progress = None
    if not as_json and sys.stderr.isatty():
        from rich.progress import Progress
        bar = Progress(console=err, transient=True)
        task = bar.add_task("Đang đọc tệp", total=None)
        bar.start()

        def progress(done, total, file):
            bar.update(task, completed=done, total=total, description=f"Đang đọc {escape(Path(file).name[:40])}")
    try:
        result = consolidate([str(p) for p in inputs], jobs=jobs_n, unit_map=str(unit_map) if unit_map else None,
                             password=password, progress=progress, info_from=str(info) if info else None,
                             exclude=[str(output)])
    finally:
        if progress is not None:
            bar.stop()
    if result.exit_code != 2:
        write_master(result, output, force=force)
    if as_json:
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        from .consolidate.cli_view import print_summary
        print_summary(result, out, verbose=verbose)
        if result.findings:
            _print_findings(result.findings, next_to=output)
        if result.exit_code != 2:
            out.print(f"Đã ghi sổ tổng hợp: {output}")
        else:
            err.print("Không có tệp nào dùng được; không ghi sổ tổng hợp.")
    raise typer.Exit(result.exit_code)


@app.command("upgrade", short_help="Chép sổ làm từ mẫu cũ sang mẫu mới.")
def cmd_upgrade(workbook: Path = typer.Argument(..., metavar="SỔ_CŨ", help="Sổ làm từ mẫu cũ (không bị sửa)."),
                output: Optional[Path] = typer.Option(None, "-o", "--output",
                                                      help="Sổ mới (mặc định: TÊN_maumoi.xlsm cạnh sổ cũ)."),
                force: bool = typer.Option(False, "--force", help="Ghi đè tệp đích đã có.")):
    """Chép dữ liệu và thiết lập của một sổ làm từ mẫu cũ sang sổ theo mẫu mới (macro, nút, các trang mới)."""
    from .upgrade import LEFTOVER_SHEET, default_target, upgrade_workbook
    note_input(workbook)
    target = output or default_target(workbook)
    if target.resolve() == workbook.resolve():
        raise ThiDuaError("Tệp đích trùng với sổ cũ; sổ cũ được giữ nguyên. Chọn tên khác bằng -o.")
    check_writable(target, force)
    done = upgrade_workbook(workbook, target, force)
    carried = ", ".join(f"{name} {n}" for name, n in done.rows.items())
    out.print(f"Đã tạo sổ theo mẫu mới: {done.path}")
    out.print(f"Số dòng đã chép: {carried}.")
    if done.defaults:
        out.print(f"Trang mới (sổ cũ chưa có, lấy theo mẫu): {', '.join(done.defaults)}.")
    if done.kept:
        out.print(f"Trang giữ nguyên như sổ cũ: {', '.join(done.kept)}.")
    if done.leftovers:
        out.print(f"{done.leftovers} ô không thuộc cột nào của mẫu (cột tự thêm, ghi chú dưới bảng) được chép vào trang "
                  f"'{LEFTOVER_SHEET}' kèm trang và ô gốc.")
    out.print(f"Sổ cũ giữ nguyên: {workbook}")


@app.command("bundle", short_help="Dựng bộ cài ngoại tuyến cho Windows.")
def cmd_bundle(windows: bool = typer.Option(False, "--windows", help="Bộ cài cho Windows (bắt buộc)."),
               output: Path = typer.Option(Path("ThiDua-CaiDat"), "-o", "--output", help="Thư mục bộ cài."),
               source: Optional[Path] = typer.Option(None, "--source", help="Thư mục mã nguồn thidua."),
               python_installer: Optional[Path] = typer.Option(
                   None, "--python-installer", metavar="TỆP",
                   help="Tệp cài Python 64-bit của python.org (python-3.13.1-amd64.exe): CaiDat.cmd cài nó cho riêng "
                        "người dùng, không cần quyền quản trị, khi máy chưa có Python."),
               force: bool = typer.Option(False, "--force", help="Dựng lại trong thư mục đã có (xoá bộ cài cũ trước).")):
    """Bộ cài ngoại tuyến: wheel của thidua và mọi phụ thuộc cho Windows (Python 3.11–3.13) cùng CaiDat.cmd."""
    from .bundle import SCRIPT, make_bundle
    if not windows:
        raise ThiDuaError("Hiện chỉ có bộ cài cho Windows: thêm --windows.")
    if output.exists() and not output.is_dir():
        raise ThiDuaError(f"'{output}' là một tệp đã có; bộ cài được ghi vào một thư mục. Chọn tên thư mục khác "
                          "bằng -o (tệp đã có không bị động đến).")
    out.print("Đang dựng wheel và tải các gói cho Windows (cần Internet, vài phút)…")
    wheels = make_bundle(output, source=source, force=force, python_installer=python_installer)
    out.print(f"Đã ghi bộ cài: {output} — {len(wheels)} wheel và {SCRIPT}. "
              f"Chép cả thư mục sang máy Windows và chạy {SCRIPT}.")


def _awards_data(workbook: Path, job: str):
    """The workbook read and validated; errors on the sheets ``job`` is made from stop here."""
    from .job_sheets import for_job
    data, findings = jobs.run_validate(_open_book(workbook), write_back=False)
    errors, listed = for_job(data, findings, job)
    demoted = [f for f in listed if f not in findings]  # errors on sheets this job does not read, as warnings
    for f in errors + demoted + [f for f in findings if f.code.startswith(("DECISION", "CERTIFICATE"))
                                 and f not in errors]:
        (err if f.severity == "error" else out).print(f.line())
    if errors:
        err.print("Chưa lập được vì dữ liệu còn lỗi ở các trang trên. Sửa rồi chạy lại.")
        raise typer.Exit(1)
    return data


@app.command("decision", short_help="Lập Quyết định khen thưởng kèm danh sách, tiền thưởng.")
def cmd_decision(workbook: Path = typer.Argument(..., metavar="SỔ", help="Sổ có trang Quyết định và Khen thưởng."),
                 number: str = typer.Option(..., "--so", help="Số, ký hiệu của quyết định, ví dụ 45/QĐ-SNgV."),
                 output: Optional[Path] = typer.Option(None, "-o", "--output", help="Tệp .docx kết quả."),
                 template: Optional[Path] = typer.Option(None, "--template", help="Mẫu .docx riêng."),
                 pdf: bool = typer.Option(False, "--pdf", help="Chuyển thêm sang PDF (cần LibreOffice)."),
                 force: bool = typer.Option(False, "--force", help="Ghi đè tệp đã có.")):
    """Lập Quyết định khen thưởng kèm danh sách (thể thức Nghị định 30/2020/NĐ-CP) và tính tiền thưởng."""
    from .awards import decision_file_stem, make_decision
    from .report import to_pdf
    from .awards.legal_basis import decision_notes
    note_input(workbook, template)
    data = _awards_data(workbook, "decision")
    output = output or workbook.with_name(decision_file_stem(number) + ".docx")
    from .template_sheets import DECISION_SHEETS, require_sheets
    require_sheets(data, DECISION_SHEETS, "lập quyết định")   # an older workbook: say how to upgrade, first
    for note in decision_notes(data, number):
        err.print(f"Lưu ý: {note}")
    written = make_decision(data, number, output, template=template, force=force)
    out.print(f"Đã lập quyết định: {written}")
    if pdf:
        out.print(f"Đã chuyển sang PDF: {to_pdf(written, force=force)}")


@app.command("certificates", short_help="In giấy khen của một quyết định (hoặc lên phôi).")
def cmd_certificates(workbook: Path = typer.Argument(..., metavar="SỔ", help="Sổ có trang Quyết định và Khen thưởng."),
                     number: Optional[str] = typer.Option(None, "--so", help="Số, ký hiệu của quyết định."),
                     output: Optional[Path] = typer.Option(None, "-o", "--output",
                                                           help="Tệp .docx (hoặc .pdf với --calibrate)."),
                     phoi: bool = typer.Option(False, "--phoi", help="Chỉ in các trường lên phôi in sẵn (trang Mẫu in phôi)."),
                     calibrate: bool = typer.Option(False, "--calibrate", help="In lưới mm và khung các trường để chỉnh phôi."),
                     template: Optional[Path] = typer.Option(None, "--template", help="Mẫu giấy khen .docx riêng."),
                     pdf: bool = typer.Option(False, "--pdf", help="Chuyển thêm sang PDF (cần LibreOffice)."),
                     force: bool = typer.Option(False, "--force", help="Ghi đè tệp đã có.")):
    """In giấy khen của một quyết định: mỗi tập thể, cá nhân một trang A4 ngang."""
    from .awards import decision_file_stem, make_certificates
    from .report import to_pdf
    if calibrate and (unused := [name for given, name in ((phoi, "--phoi"), (number, "--so"), (template, "--template"),
                                                          (pdf, "--pdf")) if given]):
        raise ThiDuaError(f"--calibrate chỉ in lưới hiệu chỉnh phôi (tệp PDF), không dùng cùng {', '.join(unused)}: "
                          "chạy riêng 'thidua certificates SỔ --calibrate', rồi 'thidua certificates SỔ --so SỐ "
                          "--phoi' để in giấy khen lên phôi.")
    note_input(workbook, template)
    data = _awards_data(workbook, "calibrate" if calibrate else "certificates")
    if calibrate:
        from .awards.calibrate import write_calibration
        from .awards.certificates import layout
        target = output or workbook.with_name("HieuChinhPhoi.pdf")
        if target.suffix.lower() != ".pdf":
            raise ThiDuaError(f"Tệp hiệu chỉnh '{target.name}' phải có đuôi .pdf.")
        out.print(f"Đã ghi lưới hiệu chỉnh: {write_calibration(layout(data), target, force)} — in ở tỷ lệ 100%.")
        return
    if not number:
        raise ThiDuaError("Cho biết số quyết định bằng --so, ví dụ --so 45/QĐ-SNgV (hoặc dùng --calibrate).")
    output = output or workbook.with_name(decision_file_stem(number, "GiayKhen" + ("_Phoi" if phoi else "")) + ".docx")
    result = make_certificates(data, number, output, template=template, force=force, phoi=phoi)
    for r in result.skipped:
        err.print(f"Cảnh báo: bỏ qua '{r.name}' (dòng {r.record.row} trang Khen thưởng): chỉ ghi số lượng, không có "
                  "tên để in giấy khen.")
    out.print(f"Đã in {result.printed} giấy khen: {result.path}")
    if pdf:
        out.print(f"Đã chuyển sang PDF: {to_pdf(result.path, force=force)}")


REVIEW_HELP = ("Rà soát điều kiện: ai đủ tiêu chuẩn danh hiệu nào trong năm, vì sao chưa.\n\n"
               "Mã thoát: 0 khi đã rà soát xong, kể cả khi có người chưa đủ tiêu chuẩn hay chưa đủ dữ liệu (kết quả "
               "nằm trong danh sách in ra); 2 khi không rà soát được: tệp không dùng được, chưa biết năm rà soát, "
               "năm không hợp lý, tệp đích đã có hoặc là tệp nguồn.")


@app.command("review", short_help="Rà soát ai đủ tiêu chuẩn danh hiệu nào, vì sao chưa.", help=REVIEW_HELP)
def cmd_review(workbook: Path = typer.Argument(..., metavar="SỔ", help="Sổ có các trang Cán bộ, Đánh giá, Sáng kiến, Tiêu chuẩn."),
               year: Optional[int] = typer.Option(None, "--year", help="Năm rà soát (mặc định: Năm báo cáo)."),
               as_json: bool = typer.Option(False, "--json", help="In kết quả dạng JSON."),
               output: Optional[Path] = typer.Option(None, "-o", "--output",
                                                     help="Bản sao có trang Rà soát và Danh sách đề nghị."),
               force: bool = typer.Option(False, "--force", help="Ghi đè tệp đích đã có.")):
    """Rà soát điều kiện (mô tả đầy đủ ở REVIEW_HELP)."""
    from .review.cli_view import review_command
    if year is not None:
        jobs.check_year(year, f"--year {year}")
    note_input(workbook)
    review_command(workbook, year, as_json, output, force, out)


@app.command("statistics", short_help="Biểu thống kê thi đua, khen thưởng của năm.")
def cmd_statistics(workbook: Path = typer.Argument(..., metavar="SỔ", help="Sổ (hoặc sổ tổng hợp) có trang Khen thưởng, Kế hoạch."),
                   year: Optional[int] = typer.Option(None, "--year", help="Năm thống kê (mặc định: Năm báo cáo)."),
                   output: Optional[Path] = typer.Option(None, "-o", "--output", help="Tệp .xlsx kết quả."),
                   as_json: bool = typer.Option(False, "--json", help="In mọi số liệu theo biểu, mã số dòng, cột."),
                   force: bool = typer.Option(False, "--force", help="Ghi đè tệp đã có.")):
    """Thống kê thi đua, khen thưởng theo biểu của Bộ Nội vụ (số phong trào, khen thưởng cấp Nhà nước, cấp tỉnh),
    mỗi biểu một trang, kèm trang Thống kê qua các năm và trang Chi tiết (các dòng được đếm)."""
    from .statistics import make_statistics
    note_input(workbook)
    data, findings = jobs.run_validate(_open_book(workbook), write_back=False)
    year = data.report_year if year is None else year   # --year 0 is a mistake, never "the default year"
    if not year or not 1990 <= year <= 2200:
        raise ThiDuaError("Cho biết năm thống kê bằng --year, ví dụ --year 2025 (năm từ 1990 đến 2200).")
    output = output or workbook.with_name(f"ThongKe_{year}.xlsx")
    bad = [f for f in findings if f.severity == "error" and f.sheet in
           {data.sheet_names.get(k) for k in ("awards", "plans")}]
    for f in bad:
        err.print(f.line())
    if bad:
        err.print("Chưa thống kê được vì trang Khen thưởng hoặc Kế hoạch còn lỗi. Sửa rồi chạy lại.")
        raise typer.Exit(1)
    written, st = make_statistics(data, year, output, force=force)
    if as_json:
        sys.stdout.write(json.dumps(st.as_json() | {"file": str(written)}, ensure_ascii=False, indent=1) + "\n")
        return
    out.print(st.basis.status, markup=False)   # which thông tư, and that the forms are not verified
    for note in st.notes:
        out.print(f"Lưu ý: {note}", markup=False)
    total = sum(st.awards_by_form.values())
    out.print(f"Năm {year}: {total} lượt khen thưởng, "
              f"{sum(st.movements.values())} phong trào thi đua. Đã ghi: {written}", markup=False)


@app.command("register", short_help="Vào sổ vàng một quyết định.")
def cmd_register(workbook: Path = typer.Argument(..., metavar="SỔ", help="Sổ có trang Quyết định, Khen thưởng, Sổ vàng."),
                 number: str = typer.Option(..., "--so", help="Số, ký hiệu của quyết định đã ban hành."),
                 output: Path = typer.Option(..., "-o", "--output", help="Bản sao có các dòng sổ vàng mới."),
                 force: bool = typer.Option(False, "--force", help="Ghi đè tệp đích đã có.")):
    """Vào sổ vàng các tập thể, cá nhân của một quyết định đã ban hành: số liên tục, không cấp lại."""
    import datetime as dt
    from .awards.register import entries, write_entries
    _copy_target(workbook, output, force)
    book = _open_book(workbook, writable=True)
    data = jobs.run_validate(book, write_back=False)[0]
    rows = entries(data, number, dt.date.today())
    write_entries(book, data, rows)
    with atomic_path(output, force) as tmp:
        book.save(tmp)
    out.print(f"Đã vào sổ vàng {len(rows)} tập thể, cá nhân của Quyết định {rows[0]['decision_number']}: số "
              f"{rows[0]['number']}–{rows[-1]['number']}. Đã ghi: {output}")


@app.command("promote", short_help="Chuyển đề nghị đã thông qua sang quyết định.")
def cmd_promote(workbook: Path = typer.Argument(..., metavar="SỔ", help="Sổ có Danh sách đề nghị đã bỏ phiếu."),
                numbers: List[str] = typer.Option(..., "--so", help="Số quyết định, mỗi danh hiệu, hình thức một số."),
                date: str = typer.Option(..., "--date", help="Ngày ký các quyết định (dd/mm/yyyy)."),
                output: Path = typer.Option(..., "-o", "--output", help="Bản sao có các dòng mới."),
                year: Optional[int] = typer.Option(None, "--year", help="Năm xét (mặc định: năm của phiên họp mới nhất)."),
                force: bool = typer.Option(False, "--force", help="Ghi đè tệp đích đã có.")):
    """Chuyển các đề nghị đơn vị tự quyết định đã được Hội đồng thông qua sang Khen thưởng và Quyết định."""
    from . import schema as S
    from .dossier import blocking
    from .dossier.promote import decisions_from_votes
    from .sheet_append import append_rows
    _copy_target(workbook, output, force)
    book = _open_book(workbook, writable=True)
    data, findings = jobs.run_validate(book, write_back=False)
    errors = blocking(data, findings)
    if errors:
        for f in errors:
            err.print(f.line())
        err.print("Chưa chuyển được vì dữ liệu còn lỗi ở các trang trên. Sửa rồi chạy lại.")
        raise typer.Exit(1)
    decisions, awards, skipped = decisions_from_votes(data, numbers, jobs.parse_report_date(date), year)
    append_rows(book, data, S.DECISIONS, decisions)
    append_rows(book, data, S.AWARDS, awards)
    with atomic_path(output, force) as tmp:
        book.save(tmp)
    for p in skipped:
        out.print(f"Bỏ qua {p.subject} — {p.form}: đã có ở trang '{S.AWARDS.name}'.")
    for dec in decisions:
        from .vntext import who
        mine = [a for a in awards if a["decision_number"] == dec["number"]]
        n = who(sum(a["recipient_kind"] == S.COLLECTIVE for a in mine), sum(a["recipient_kind"] != S.COLLECTIVE
                                                                            for a in mine))
        out.print(f"Quyết định {dec['number']} — {dec['form']}: {n}. Lập bằng: thidua decision "
                  f"{output} --so {dec['number']}")
    out.print(f"Đã ghi: {output}")


@app.command("dossier", short_help="Lập hồ sơ đề nghị khen thưởng.")
def cmd_dossier(workbook: Path = typer.Argument(..., metavar="SỔ", help="Sổ có Hội đồng, Phiên họp, Danh sách đề nghị."),
                year: Optional[int] = typer.Option(None, "--year", help="Năm xét (mặc định: Năm báo cáo)."),
                output: Path = typer.Option(..., "-o", "--output", help="Thư mục ghi hồ sơ."),
                as_json: bool = typer.Option(False, "--json", help="In kết quả dạng JSON."),
                date: Optional[str] = typer.Option(None, "--date", help="Ngày ký tờ trình (dd/mm/yyyy); mặc định để "
                                                   "trống cho văn thư ghi."),
                force: bool = typer.Option(False, "--force", help="Ghi đè các tệp đã có.")):
    """Lập hồ sơ đề nghị khen thưởng: tờ trình, danh sách, biên bản, báo cáo thành tích, phiếu bầu, danh mục."""
    from .dossier.cli_view import dossier_command
    note_input(workbook)
    try:
        dossier_command(workbook, year, output, as_json, date, force, out, err, _open_book)
    except SystemExit as exc:
        raise typer.Exit(exc.code) from None


def main(argv: list[str] | None = None) -> None:
    """The command line. Ctrl+C at any point (reading, writing the output,
    printing, ending) gives "Đã dừng." and exit code 130 (xlsrc/interrupts.py)."""
    previous = interrupts.watch()
    try:
        try:
            _run(argv)
            code = 0
        except SystemExit as exc:
            code = exc.code
        except KeyboardInterrupt:
            code = interrupts.EXIT_CODE
        if argv is None:  # this process ends here: a Ctrl+C from now on still ends with 130
            interrupts.leaving()
        if interrupts.interrupted() or code == interrupts.EXIT_CODE:
            code = interrupts.EXIT_CODE
            err.print("Đã dừng.")
    except KeyboardInterrupt:  # while the message itself was printed
        code = interrupts.EXIT_CODE
    finally:
        if argv is not None:  # called from Python (tests): the caller's handler again
            interrupts.restore(previous)
    sys.exit(code)


def _run(argv: list[str] | None) -> None:
    from typer._click import exceptions as click_exc

    from .console_text import install as plain_letters_where_needed
    plain_letters_where_needed()  # Vietnamese on a cp1252 console or redirected output never fails
    try:
        with guarding_inputs():  # no output of the command may be one of its inputs
            rc = app(args=argv, standalone_mode=False)
        sys.exit(rc if isinstance(rc, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except ThiDuaError as exc:
        err.print(f"Lỗi: {exc}")
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):  # main() says "Đã dừng."
        sys.exit(interrupts.EXIT_CODE)
    except click_exc.NoArgsIsHelpError:
        sys.exit(0)  # the help has been printed
    except click_exc.UsageError as exc:
        show_usage_error(exc, err)
        sys.exit(2)
    except SystemExit:
        raise
    except Exception:  # the unexpected: a message and the log, never a traceback
        err.print(unexpected_message(log_exception("thidua " + " ".join(argv or sys.argv[1:]))))
        sys.exit(2)
