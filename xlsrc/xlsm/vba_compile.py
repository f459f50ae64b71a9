"""Compile the VBA of a built .xlsm with headless LibreOffice Basic (VBA
compatibility mode), for every host (Win64, Win32, Mac).

1. *Dump*: LibreOffice opens the workbook hidden, never running macros
   (``MacroExecutionMode`` 0), with a private profile; its own importer reads
   the VBA project and a Basic macro in that profile writes out each module
   of ``BasicLibraries`` → ``VBAProject``.
2. *Check the dump*: LibreOffice silently imports an empty module when a
   stream is corrupt, so our module must equal ``workbook/ThiDua.bas``; any
   non-ASCII character is a failure.
3. *Preprocess* ``#If``/``#Const`` per host (LibreOffice ignores ``#`` lines
   and would otherwise compile both branches).
4. *Compile*: each variant, and each procedure alone with the declarations
   section, goes into a new hidden Calc document's Basic library with
   ``VBACompatibilityMode`` on, followed by an empty probe Sub. All modules
   are inserted first, then probed: the script provider finds the probe
   only when the module compiled.

LibreOffice idles forever when the checker's own Basic has a compile error,
so every run has a timeout that ends only its own process group."""
from __future__ import annotations

import html
import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .vba_preprocess import HOSTS, preprocess, split_procedures

PROBE = "ThiDuaProbe"
# xlwings' Dictionary class (a Mac stand-in for Scripting.Dictionary, shipped
# as is) is not compiled: LibreOffice cannot take a class module this way.
COMPILED_MODULES = ("ThiDua", "xlwings")
# LibreOffice takes only literals as Enum values (and these are plain numbers in VBA)
_VB_CONSTANTS = {"vbBinaryCompare": "0", "vbTextCompare": "1", "vbDatabaseCompare": "2"}
_LO_HEADER = re.compile(r"\ARem Attribute VBA_ModuleType=\w+\nOption VBASupport 1\n(?:Option ClassModule\n)?")

# The checker, installed as the Standard library of the private profile.
# (Names avoid Basic's reserved words: ``Lib`` is one.)
CHECKER = r'''Option Explicit

Function HiddenArgs() As Variant
    Dim a(1) As New com.sun.star.beans.PropertyValue
    a(0).Name = "Hidden"
    a(0).Value = True
    a(1).Name = "MacroExecutionMode"
    a(1).Value = 0
    HiddenArgs = a()
End Function

Function ReadText(url As String) As String
    Dim sfa As Object, inp As Object, txt As Object, s As String
    sfa = CreateUnoService("com.sun.star.ucb.SimpleFileAccess")
    inp = sfa.openFileRead(url)
    txt = CreateUnoService("com.sun.star.io.TextInputStream")
    txt.setInputStream(inp)
    txt.setEncoding("UTF-8")
    s = ""
    Do While Not txt.isEOF()
        s = s & txt.readLine() & Chr(10)
    Loop
    txt.closeInput()
    ReadText = s
End Function

Sub WriteText(url As String, s As String)
    Dim sfa As Object, outp As Object, txt As Object
    sfa = CreateUnoService("com.sun.star.ucb.SimpleFileAccess")
    If sfa.exists(url) Then sfa.kill(url)
    outp = sfa.openFileWrite(url)
    txt = CreateUnoService("com.sun.star.io.TextOutputStream")
    txt.setOutputStream(outp)
    txt.setEncoding("UTF-8")
    txt.writeString(s)
    txt.closeOutput()
End Sub

Sub Main
    Dim job As String, lines As Variant
    job = ConvertToURL(Environ("THIDUA_VBACHECK"))
    On Error GoTo Failed
    lines = Split(ReadText(job & "/job.txt"), Chr(10))
    If lines(0) = "dump" Then
        DumpModules(lines(1), job)
    Else
        CompileModules(job, lines)
    End If
    WriteText(job & "/done.txt", "ok")
    StarDesktop.terminate()
    Exit Sub
Failed:
    WriteText(job & "/done.txt", "error " & Err & ": " & Error$ & " (line " & Erl & ")")
    StarDesktop.terminate()
End Sub

Sub DumpModules(url As String, job As String)
    Dim doc As Object, libs As Object, vba As Object, names As Variant, i As Integer, listing As String
    doc = StarDesktop.loadComponentFromURL(url, "_blank", 0, HiddenArgs())
    libs = doc.BasicLibraries
    listing = ""
    If libs.hasByName("VBAProject") Then
        libs.loadLibrary("VBAProject")
        vba = libs.getByName("VBAProject")
        names = vba.getElementNames()
        For i = LBound(names) To UBound(names)
            WriteText(job & "/out/" & names(i) & ".txt", vba.getByName(names(i)))
            listing = listing & names(i) & Chr(10)
        Next i
    End If
    WriteText(job & "/out/modules.txt", listing)
    doc.close(True)
End Sub

Sub CompileModules(job As String, lines As Variant)
    Dim doc As Object, libs As Object, chk As Object, sp As Object, i As Integer, report As String
    doc = StarDesktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, HiddenArgs())
    libs = doc.BasicLibraries
    libs.VBACompatibilityMode = True
    chk = libs.createLibrary("Chk")
    For i = 1 To UBound(lines)
        If Len(lines(i)) > 0 Then chk.insertByName(lines(i), ReadText(job & "/in/" & lines(i) & ".txt"))
    Next i
    chk.insertByName("ZzTrigger", "Sub PROBE()" & Chr(10) & "End Sub" & Chr(10))
    sp = doc.getScriptProvider()
    ' Running one Sub compiles every module of the library; a module that
    ' does not compile loses its Subs, so its probe is no longer found.
    sp.getScript("vnd.sun.star.script:Chk.ZzTrigger.PROBE?language=Basic&location=document").invoke(Array(), Array(), Array())
    report = ""
    For i = 1 To UBound(lines)
        If Len(lines(i)) > 0 Then report = report & lines(i) & " " & Probe(sp, lines(i)) & Chr(10)
    Next i
    WriteText(job & "/out/result.txt", report)
    doc.close(True)
End Sub

Function Probe(sp As Object, modname As String) As String
    Dim found As Object
    On Error GoTo NotFound
    found = sp.getScript("vnd.sun.star.script:Chk." & modname & ".PROBE?language=Basic&location=document")
    Probe = "ok"
    Exit Function
NotFound:
    Probe = "fail"
End Function
'''.replace("PROBE", PROBE)

_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
_DTD = '<!DOCTYPE {0} PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "{1}">\n'
_LIBRARY_NS = 'xmlns:library="http://openoffice.org/2000/library"'


class LibreOfficeError(RuntimeError):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class BasicRunner:
    """A private LibreOffice profile whose Standard library is the checker."""

    def __init__(self, profile: Path, timeout: float = 120):
        self.profile = Path(profile)
        self.timeout = timeout
        self._install()

    def _launch(self, args: list[str], env: dict | None = None) -> None:
        exe = soffice()
        if exe is None:
            raise LibreOfficeError("LibreOffice (soffice) không có trên máy")
        proc = subprocess.Popen([exe, f"-env:UserInstallation={self.profile.as_uri()}", "--headless",
                                 "--norestore", "--nologo", "--nolockcheck", *args],
                                env=env, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # only the group this call started
            proc.wait()
            raise LibreOfficeError(f"LibreOffice không trả lời sau {self.timeout} giây") from None

    def _install(self) -> None:
        # A first start creates the profile (and would replace a Standard
        # library written before it); then the checker replaces Module1.
        if not (self.profile / "user" / "basic" / "script.xlc").exists():
            self._launch(["--terminate_after_init"])
        basic = self.profile / "user" / "basic"
        std = basic / "Standard"
        std.mkdir(parents=True, exist_ok=True)
        for old in std.glob("*.xba"):
            old.unlink()
        (std / "Checker.xba").write_text(
            _XML + _DTD.format("script:module", "module.dtd")
            + '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Checker" '
            + 'script:language="StarBasic">' + html.escape(CHECKER, quote=False) + "</script:module>\n",
            encoding="utf-8")
        lib = f'<library:library {_LIBRARY_NS} library:name="Standard" library:readonly="false" ' \
              'library:passwordprotected="false"'
        (std / "script.xlb").write_text(_XML + _DTD.format("library:library", "library.dtd") + lib
                                        + '>\n <library:element library:name="Checker"/>\n</library:library>\n',
                                        encoding="utf-8")
        (std / "dialog.xlb").write_text(_XML + _DTD.format("library:library", "library.dtd") + lib + "/>\n",
                                        encoding="utf-8")
        for kind in ("script", "dialog"):
            (basic / f"{kind}.xlc").write_text(
                _XML + _DTD.format("library:libraries", "libraries.dtd")
                + f'<library:libraries {_LIBRARY_NS} xmlns:xlink="http://www.w3.org/1999/xlink">\n'
                + f' <library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/{kind}.xlb/" '
                + 'xlink:type="simple" library:link="false"/>\n</library:libraries>\n', encoding="utf-8")

    def run(self, job_lines: list[str], inputs: dict[str, str] | None = None) -> dict[str, str]:
        """Run the checker on one job; the files it wrote, by name."""
        with tempfile.TemporaryDirectory(prefix="thidua-vba-") as tmp:
            job = Path(tmp)
            (job / "in").mkdir()
            (job / "out").mkdir()
            for name, text in (inputs or {}).items():
                (job / "in" / f"{name}.txt").write_text(text, encoding="utf-8")
            (job / "job.txt").write_text("\n".join(job_lines) + "\n", encoding="utf-8")
            self._launch(["macro:///Standard.Checker.Main"], env=dict(os.environ, THIDUA_VBACHECK=str(job)))
            done = job / "done.txt"
            if not done.exists() or done.read_text(encoding="utf-8") != "ok":
                reason = done.read_text(encoding="utf-8") if done.exists() else "không có kết quả"
                raise LibreOfficeError(f"LibreOffice Basic: {reason}")
            return {p.stem: p.read_text(encoding="utf-8") for p in (job / "out").glob("*.txt")}


def dump_modules(runner: BasicRunner, xlsm: Path) -> dict[str, str]:
    """Module name → source as LibreOffice imported it (its two header lines removed)."""
    files = runner.run(["dump", Path(xlsm).resolve().as_uri()])
    names = [n for n in files.pop("modules", "").split("\n") if n]
    return {n: _LO_HEADER.sub("", files.get(n, "").replace("\r\n", "\n")) for n in names}


def check_dump(modules: dict[str, str], expected: dict[str, str]) -> list[str]:
    """The dumped modules hold exactly the expected sources, and only ASCII."""
    problems = []
    norm = lambda s: "\n".join(ln.rstrip() for ln in s.replace("\r\n", "\n").split("\n")  # noqa: E731
                               if not ln.startswith("Attribute VB_")).strip()
    for name, source in expected.items():
        got = modules.get(name)
        if got is None:
            problems.append(f"LibreOffice không thấy mô-đun {name}")
        elif norm(got) != norm(source):
            problems.append(f"mô-đun {name} LibreOffice đọc được khác mã nguồn (luồng hỏng hoặc mô-đun rỗng)")
    for name, source in modules.items():
        for number, line in enumerate(source.split("\n"), 1):
            if not line.isascii():
                problems.append(f"mô-đun {name}, dòng {number}: có ký tự không phải ASCII")
                break
    return problems


@dataclass(frozen=True)
class Variant:
    key: str        # module name in the check library
    module: str
    host: str
    procedure: str  # "" for the whole module


def variants(modules: dict[str, str], hosts=tuple(HOSTS)) -> tuple[list[Variant], dict[str, str]]:
    """Every module per host, and each of its procedures alone with the declarations."""
    out: list[Variant] = []
    texts: dict[str, str] = {}
    for m_index, (name, source) in enumerate(modules.items()):
        for host in hosts:
            text = preprocess(source, host)
            for const, number in _VB_CONSTANTS.items():
                text = re.sub(rf"\b{const}\b", number, text, flags=re.I)
            lines = text.split("\n")
            declarations, procs = split_procedures(text)
            key = f"M{m_index}{host}"
            out.append(Variant(key, name, host, ""))
            texts[key] = text
            out.append(Variant(f"{key}D", name, host, DECLARATIONS))
            texts[f"{key}D"] = declarations
            for p_index, proc in enumerate(procs):
                pkey = f"{key}P{p_index}"
                out.append(Variant(pkey, name, host, proc.name))
                texts[pkey] = declarations + "\n" + "\n".join(lines[proc.first - 1:proc.last])
    probe = f"\n\nSub {PROBE}()\nEnd Sub\n"
    return out, {k: "Option VBASupport 1\n" + v + probe for k, v in texts.items()}


DECLARATIONS = "(khai báo)"


def compile_status(runner: BasicRunner, modules: dict[str, str], hosts=tuple(HOSTS)) -> list[tuple[Variant, bool]]:
    """Each variant with whether LibreOffice compiled it."""
    found, texts = variants(modules, hosts)
    result = runner.run(["compile", *texts], inputs=texts)["result"]
    status = dict(line.split(" ", 1) for line in result.split("\n") if line)
    return [(v, status.get(v.key) == "ok") for v in found]


def compile_modules(runner: BasicRunner, modules: dict[str, str], hosts=tuple(HOSTS)) -> list[str]:
    """Compile errors, one line per host and module, naming where: the
    declarations section, the procedures that fail alone, or a name
    declared twice."""
    status = compile_status(runner, modules, hosts)
    problems = []
    for v, ok in status:
        if v.procedure or ok:
            continue
        parts = [(p.procedure, good) for p, good in status
                 if p.procedure and p.module == v.module and p.host == v.host]
        failing = [name for name, good in parts if not good]
        names = [name.lower() for name, _ in parts if name != DECLARATIONS]
        twice = sorted({n for n in names if names.count(n) > 1})
        if DECLARATIONS in failing:
            where = "ở phần khai báo"
        elif failing:
            where = f"ở {', '.join(failing)}"
        elif twice:
            where = f": thủ tục trùng tên {', '.join(twice)}"
        else:
            where = "(lỗi nằm giữa các thủ tục)"
        problems.append(f"{v.host}: mô-đun {v.module} không biên dịch được {where}")
    return problems


def check_workbook(runner: BasicRunner, xlsm: Path, expected: dict[str, str],
                   compiled=COMPILED_MODULES) -> list[str]:
    """Dump, check the dump, compile for every host: the list of problems."""
    modules = dump_modules(runner, xlsm)
    problems = check_dump(modules, expected)
    missing = [n for n in compiled if n not in modules]
    problems += [f"LibreOffice không thấy mô-đun {n}" for n in missing if n not in expected]
    return problems + compile_modules(runner, {n: modules[n] for n in compiled if n in modules})
