Attribute VB_Name = "ThiDua"
' thidua - buttons and ribbon callbacks of the workbook.
' Built into ThiDua.xlsm by `thidua new`. ASCII only: Vietnamese text is
' written with \uXXXX escapes (see Vn) and shown with a Unicode dialog (Say).
' Paths are touched only through Scripting.FileSystemObject and
' ThisWorkbook.FollowHyperlink (VBA's MkDir, Dir, Shell, GetAttr and Environ
' use the ANSI code page and fail under C:\Users\<Vietnamese name>\);
' Python creates folders.
Option Explicit

Private Const PATHS_SHEET As String = "_thidua_paths"
Private Const REPORT_FOLDER As String = "BaoCao"
Private Const CONF_SHEET As String = "xlwings.conf"
Private Const CONF_KEY As String = "Interpreter_Win"
' Where CaiDat.cmd (thidua bundle --windows) installs: %LOCALAPPDATA%\thidua\venv
Private Const INSTALL_PYTHONW As String = "%LOCALAPPDATA%\thidua\venv\Scripts\pythonw.exe"
' thidua counts as installed in a Python when its package folder is there
Private Const SITE_PACKAGES As String = "Lib\site-packages"
Private Const PACKAGE_FOLDER As String = "xlsrc"
Private Const XL_WAIT As Long = 2          ' xlWait
Private Const XL_DEFAULT As Long = -4143   ' xlDefault

' ---- Ribbon callbacks (customUI onAction) --------------------------------
Sub RibbonValidate(control As IRibbonControl)
    ThiDuaValidate
End Sub

Sub RibbonCompute(control As IRibbonControl)
    ThiDuaCompute
End Sub

Sub RibbonReport(control As IRibbonControl)
    ThiDuaReport
End Sub

Sub RibbonConsolidate(control As IRibbonControl)
    ThiDuaConsolidate
End Sub

Sub RibbonOpenReports(control As IRibbonControl)
    ThiDuaOpenReports
End Sub

Sub RibbonReview(control As IRibbonControl)
    ThiDuaReview
End Sub

Sub RibbonDecision(control As IRibbonControl)
    ThiDuaDecision
End Sub

Sub RibbonCertificates(control As IRibbonControl)
    ThiDuaCertificates
End Sub

Sub RibbonCertificatesPhoi(control As IRibbonControl)
    ThiDuaCertificatesPhoi
End Sub

Sub RibbonCalibrate(control As IRibbonControl)
    ThiDuaCalibrate
End Sub

Sub RibbonStatistics(control As IRibbonControl)
    ThiDuaStatistics
End Sub

Sub RibbonDossier(control As IRibbonControl)
    ThiDuaDossier
End Sub

Sub RibbonPromote(control As IRibbonControl)
    ThiDuaPromote
End Sub

Sub RibbonRegister(control As IRibbonControl)
    ThiDuaRegister
End Sub

' ---- Button macros (Huong dan sheet) -------------------------------------
' Every RunPython is preceded by PythonReady: xlwings itself would say
' "Could not find Interpreter!" in English and return without an error;
' and by Busy, followed by Done (see "Feedback while Python runs").
Sub ThiDuaValidate()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    Busy Vn("\u0110ang ki\u1EC3m tra d\u1EEF li\u1EC7u\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.validate()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Sub ThiDuaCompute()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    Busy Vn("\u0110ang t\u00EDnh ti\u1EBFn \u0111\u1ED9\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.compute()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Sub ThiDuaReport()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    Busy Vn("\u0110ang l\u1EADp b\u00E1o c\u00E1o\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.report()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Sub ThiDuaReview()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    Busy Vn("\u0110ang r\u00E0 so\u00E1t \u0111i\u1EC1u ki\u1EC7n khen th\u01B0\u1EDFng\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.review()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Sub ThiDuaStatistics()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    Busy Vn("\u0110ang l\u1EADp bi\u1EC3u th\u1ED1ng k\u00EA\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.statistics()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Sub ThiDuaDecision()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    Busy Vn("\u0110ang l\u1EADp quy\u1EBFt \u0111\u1ECBnh\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.decision()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Sub ThiDuaPromote()
    ' Excel's own InputBox (Unicode, unlike VBA's); the answers go to the hidden
    ' sheet as text (a leading apostrophe: never retyped as a date).
    Dim numbers As Variant
    Dim signed As Variant
    Dim ws As Worksheet
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    numbers = Application.InputBox(Vn("S\u1ED1 c\u00E1c quy\u1EBFt \u0111\u1ECBnh, m\u1ED7i danh hi\u1EC7u, h\u00ECnh th\u1EE9c m\u1ED9t s\u1ED1, c\u00E1ch nhau b\u1EB1ng d\u1EA5u ;"), Vn("Chuy\u1EC3n sang quy\u1EBFt \u0111\u1ECBnh"), "", , , , , 2)
    If VarType(numbers) = 11 Then Exit Sub  ' 11 = vbBoolean: Cancel gives False
    signed = Application.InputBox(Vn("Ng\u00E0y k\u00FD c\u00E1c quy\u1EBFt \u0111\u1ECBnh (dd/mm/yyyy)"), Vn("Chuy\u1EC3n sang quy\u1EBFt \u0111\u1ECBnh"), "", , , , , 2)
    If VarType(signed) = 11 Then Exit Sub
    Set ws = ThisWorkbook.Worksheets(PATHS_SHEET)
    ws.Range("C2").Value = "'" & numbers
    ws.Range("C3").Value = "'" & signed
    Busy Vn("\u0110ang chuy\u1EC3n \u0111\u1EC1 ngh\u1ECB sang quy\u1EBFt \u0111\u1ECBnh\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.promote()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Sub ThiDuaDossier()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    Busy Vn("\u0110ang l\u1EADp h\u1ED3 s\u01A1 \u0111\u1EC1 ngh\u1ECB khen th\u01B0\u1EDFng\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.dossier()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Sub ThiDuaRegister()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    Busy Vn("\u0110ang v\u00E0o s\u1ED5 v\u00E0ng\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.register()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Sub ThiDuaCertificates()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    Busy Vn("\u0110ang in gi\u1EA5y khen\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.certificates()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Sub ThiDuaCertificatesPhoi()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    Busy Vn("\u0110ang in gi\u1EA5y khen tr\u00EAn ph\u00F4i\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.certificates_phoi()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Sub ThiDuaCalibrate()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    Busy Vn("\u0110ang v\u1EBD l\u01B0\u1EDBi c\u0103n ch\u1EC9nh ph\u00F4i\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.calibrate()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Sub ThiDuaConsolidate()
    Dim paths As Collection
    Dim ws As Worksheet
    Dim i As Long
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    Set paths = PickInputs()
    If paths.Count = 0 Then Exit Sub
    Set ws = ThisWorkbook.Worksheets(PATHS_SHEET)
    ws.Range("A2:A" & ws.Rows.Count).ClearContents
    For i = 1 To paths.Count
        ws.Cells(i + 1, 1).Value = paths(i)
    Next i
    Busy Vn("\u0110ang t\u1ED5ng h\u1EE3p d\u1EEF li\u1EC7u c\u00E1c \u0111\u01A1n v\u1ECB\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.consolidate()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

Private Function PickInputs() As Collection
    ' Files first (3 = msoFileDialogFilePicker); on Cancel, offer a folder
    ' (4 = msoFileDialogFolderPicker). No Office library reference needed.
    Dim result As New Collection
    Dim dlg As Object
    Dim i As Long
    Set dlg = Application.FileDialog(3)
    dlg.AllowMultiSelect = True
    dlg.Title = Vn("Ch\u1ECDn c\u00E1c t\u1EC7p b\u00E1o c\u00E1o c\u1EE7a \u0111\u01A1n v\u1ECB (Cancel: ch\u1ECDn c\u1EA3 th\u01B0 m\u1EE5c)")
    #If Not Mac Then
        dlg.Filters.Clear
        dlg.Filters.Add Vn("T\u1EC7p c\u1EE7a \u0111\u01A1n v\u1ECB (b\u1EA3ng t\u00EDnh, Word)"), "*.xlsx;*.xlsm;*.xlsb;*.xls;*.ods;*.csv;*.xml;*.fods;*.xltx;*.xltm;*.ots;*.docx;*.docm;*.doc"
        dlg.Filters.Add Vn("B\u1EA3ng t\u00EDnh"), "*.xlsx;*.xlsm;*.xlsb;*.xls;*.ods;*.csv;*.xml;*.fods;*.xltx;*.xltm;*.ots"
        dlg.Filters.Add Vn("V\u0103n b\u1EA3n Word (t\u1EDD tr\u00ECnh, b\u00E1o c\u00E1o)"), "*.docx;*.docm;*.doc"
    #End If
    If dlg.Show = -1 Then
        For i = 1 To dlg.SelectedItems.Count
            result.Add dlg.SelectedItems(i)
        Next i
    Else
        Set dlg = Application.FileDialog(4)
        dlg.Title = Vn("Ch\u1ECDn th\u01B0 m\u1EE5c ch\u1EE9a b\u00E1o c\u00E1o c\u1EE7a c\u00E1c \u0111\u01A1n v\u1ECB")
        If dlg.Show = -1 Then result.Add dlg.SelectedItems(1)
    End If
    Set PickInputs = result
End Function

Sub ThiDuaOpenReports()
    Dim folder As String
    On Error GoTo Failed
    If Len(ThisWorkbook.Path) = 0 Then
        Say Vn("H\u00E3y l\u01B0u s\u1ED5 n\u00E0y tr\u01B0\u1EDBc (s\u1ED5 ch\u01B0a c\u00F3 th\u01B0 m\u1EE5c)."), vbInformation
        Exit Sub
    End If
    ' A workbook in OneDrive/SharePoint has a web address as its Path (the
    ' browser would open): Python finds its synchronised folder on this PC.
    If InStr(1, ThisWorkbook.Path, "://") = 0 Then
        folder = ThisWorkbook.Path & Application.PathSeparator & REPORT_FOLDER
        If FolderExists(folder) Then
            ThisWorkbook.FollowHyperlink folder
            Exit Sub
        End If
    End If
    If Not PythonReady() Then Exit Sub
    Busy Vn("\u0110ang m\u1EDF th\u01B0 m\u1EE5c b\u00E1o c\u00E1o\u2026")
    RunPython "import xlsrc.macros; xlsrc.macros.open_report_folder()"
    Done
    Exit Sub
Failed:
    Failure Err.Description
End Sub

' ---- Feedback while Python runs -------------------------------------------
' Every RunPython is preceded by Busy (status bar text, wait cursor; Python
' updates the text between stages) and followed by Done, on the normal path
' and in the error handler (Failure), so Excel never stays "busy".
Private Sub Busy(ByVal text As String)
    On Error GoTo Skip
    Application.StatusBar = text
    Application.Cursor = XL_WAIT
    Exit Sub
Skip:
    Resume Next
End Sub

Private Sub Done()
    On Error GoTo Skip
    Application.StatusBar = False
    Application.Cursor = XL_DEFAULT
    Exit Sub
Skip:
    Resume Next
End Sub

Private Sub Failure(ByVal description As String)
    On Error GoTo Skip
    Done
    SayError description
    Exit Sub
Skip:
    Resume Next
End Sub

' ---- Paths (FileSystemObject only) ---------------------------------------
Private Function FolderExists(ByVal folder As String) As Boolean
    #If Mac Then
        FolderExists = False  ' no FileSystemObject on macOS: Python creates it if missing
    #Else
        FolderExists = CreateObject("Scripting.FileSystemObject").FolderExists(folder)
    #End If
End Function

Private Function FileExists(ByVal path As String) As Boolean
    #If Mac Then
        FileExists = Len(path) > 0
    #Else
        FileExists = False
        If Len(path) = 0 Then Exit Function
        FileExists = CreateObject("Scripting.FileSystemObject").FileExists(path)
    #End If
End Function

Private Function Expand(ByVal text As String) As String
    ' %LOCALAPPDATA% and the like, in Unicode (VBA's Environ is ANSI)
    #If Mac Then
        Expand = text
    #Else
        Expand = CreateObject("WScript.Shell").ExpandEnvironmentStrings(text)
    #End If
End Function

' ---- The Python interpreter ------------------------------------------------
Private Function ConfCell(ByVal key As String) As Range
    ' The value cell next to ``key`` on the xlwings.conf sheet, or Nothing.
    ' xlwings reads the keys from A1 down to the first empty cell.
    Dim ws As Worksheet
    Dim r As Long
    Set ConfCell = Nothing
    For Each ws In ThisWorkbook.Worksheets
        If ws.Name = CONF_SHEET Then
            r = 1
            Do While Len(CStr(ws.Cells(r, 1).Value)) > 0
                If StrComp(CStr(ws.Cells(r, 1).Value), key, vbTextCompare) = 0 Then
                    Set ConfCell = ws.Cells(r, 2)
                    Exit Function
                End If
                r = r + 1
            Loop
        End If
    Next ws
End Function

Private Function SetConf(ByVal key As String, ByVal value As String) As Boolean
    ' Write ``value`` next to ``key`` on xlwings.conf only when it changes (a
    ' write makes Excel ask to save on close), never into a read-only
    ' workbook (there, say what to do and return False). A value equal once
    ' its %VARIABLES% are expanded (as xlwings reads it) is left as it is.
    Dim cell As Range
    Dim ws As Worksheet
    Dim r As Long
    SetConf = True
    Set cell = ConfCell(key)
    If Not cell Is Nothing Then
        If StrComp(Expand(Trim$(CStr(cell.Value))), value, vbTextCompare) = 0 Then Exit Function
    End If
    If ThisWorkbook.ReadOnly Then
        SetConf = False
        Say Vn("S\u1ED5 \u0111ang m\u1EDF \u1EDF ch\u1EBF \u0111\u1ED9 ch\u1EC9 \u0111\u1ECDc n\u00EAn kh\u00F4ng ghi " _
            & "\u0111\u01B0\u1EE3c \u0111\u01B0\u1EDDng d\u1EABn Python v\u00E0o trang xlwings.conf (") & key & " = " _
            & value & Vn("). H\u00E3y \u0111\u00F3ng s\u1ED5 r\u1ED3i m\u1EDF l\u1EA1i khi kh\u00F4ng ai kh\u00E1c " _
            & "\u0111ang m\u1EDF n\u00F3, ho\u1EB7c l\u01B0u m\u1ED9t b\u1EA3n sao (File > Save As) v\u00E0 d\u00F9ng b\u1EA3n sao."), _
            vbExclamation
        Exit Function
    End If
    If cell Is Nothing Then
        Set ws = ThisWorkbook.Worksheets(CONF_SHEET)
        r = 1
        Do While Len(CStr(ws.Cells(r, 1).Value)) > 0
            r = r + 1
        Loop
        ws.Cells(r, 1).Value = key
        Set cell = ws.Cells(r, 2)
    End If
    cell.Value = value
End Function

Private Function IsAscii(ByVal text As String) As Boolean
    Dim i As Long
    IsAscii = True
    For i = 1 To Len(text)
        If AscW(Mid$(text, i, 1)) > 127 Or AscW(Mid$(text, i, 1)) < 0 Then
            IsAscii = False
            Exit Function
        End If
    Next i
End Function

Private Function AsciiPath(ByVal path As String, ByVal isFolder As Boolean) As String
    ' The 8.3 short form of an existing path whose long form is not ASCII:
    ' xlwings checks the interpreter with GetAttr and writes its log under
    ' TEMP DIR, both through the ANSI code page. The long form is returned
    ' when there is no short one (8.3 names turned off): the caller says so.
    Dim fso As Object
    Dim shortPath As String
    AsciiPath = path
    If IsAscii(path) Then Exit Function
    On Error GoTo Done
    Set fso = CreateObject("Scripting.FileSystemObject")
    If isFolder Then shortPath = fso.GetFolder(path).ShortPath Else shortPath = fso.GetFile(path).ShortPath
    If IsAscii(shortPath) Then AsciiPath = shortPath
Done:
End Function

Private Function HasThiDua(ByVal pythonw As String) As Boolean
    ' thidua is installed in the Python of ``pythonw``: its package folder
    ' xlsrc (or, for an editable install, a thidua-*.dist-info folder) is in
    ' that Python's Lib\site-packages. A venv keeps pythonw.exe in Scripts\,
    ' a Python installation in its own folder.
    Dim fso As Object
    Dim home As String
    Dim site As String
    Dim entry As Object
    HasThiDua = False
    #If Mac Then
        HasThiDua = Len(pythonw) > 0
    #Else
        If Not FileExists(pythonw) Then Exit Function
        Set fso = CreateObject("Scripting.FileSystemObject")
        home = fso.GetParentFolderName(pythonw)
        If StrComp(fso.GetFileName(home), "Scripts", vbTextCompare) = 0 Then home = fso.GetParentFolderName(home)
        site = home & "\" & SITE_PACKAGES
        If Not fso.FolderExists(site) Then Exit Function
        If fso.FolderExists(site & "\" & PACKAGE_FOLDER) Then
            HasThiDua = True
            Exit Function
        End If
        For Each entry In fso.GetFolder(site).SubFolders
            If LCase$(Left$(entry.Name, 7)) = "thidua-" And LCase$(Right$(entry.Name, 10)) = ".dist-info" Then
                HasThiDua = True
                Exit Function
            End If
        Next entry
    #End If
End Function

Private Function PythonReady() As Boolean
    ' Resolve the interpreter before RunPython. Candidates, in this order,
    ' each accepted only when thidua is installed in it (HasThiDua):
    ' 1. the environment CaiDat.cmd makes, %LOCALAPPDATA%\thidua\venv;
    ' 2. the path in xlwings.conf (`thidua new` on this PC, or IT, wrote it).
    ' No registry lookup: a Python registered there need not have thidua,
    ' and a 32-bit Office reads only the 32-bit view of the registry.
    ' A path that is not ASCII goes in its 8.3 form (see AsciiPath); without
    ' one, a Vietnamese message instead of xlwings' "Could not find Interpreter!".
    ' xlwings.conf is written only when the value changes (SetConf).
    Dim cell As Range
    Dim current As String
    Dim found As String
    Dim tempDir As String
    PythonReady = False
    Set cell = ConfCell(CONF_KEY)
    If cell Is Nothing Then
        Say Vn("S\u1ED5 n\u00E0y thi\u1EBFu trang xlwings.conf (c\u1EA5u h\u00ECnh Python). " _
            & "H\u00E3y t\u1EA1o l\u1EA1i s\u1ED5 b\u1EB1ng l\u1EC7nh: thidua upgrade ") & ThisWorkbook.Name, vbExclamation
        Exit Function
    End If
    #If Mac Then
        ' xlwings on macOS uses Interpreter_Mac (run `xlwings runpython install` once)
        PythonReady = True
    #Else
        current = Trim$(CStr(cell.Value))
        If HasThiDua(Expand(INSTALL_PYTHONW)) Then
            found = Expand(INSTALL_PYTHONW)
        ElseIf HasThiDua(Expand(current)) Then
            found = Expand(current)
        Else
            If Len(current) = 0 Then current = Vn("(tr\u1ED1ng)")
            Say Vn("Kh\u00F4ng t\u00ECm th\u1EA5y Python c\u00F3 c\u00E0i thidua cho s\u1ED5 n\u00E0y.") & vbCrLf & vbCrLf _
                & Vn("C\u00E1ch s\u1EEDa: ch\u1EA1y CaiDat.cmd trong th\u01B0 m\u1EE5c ThiDua-CaiDat (b\u1ED9 ph\u1EADn " _
                & "CNTT t\u1EA1o b\u1EB1ng l\u1EC7nh thidua bundle --windows). N\u1EBFu Python v\u00E0 thidua \u0111\u00E3 " _
                & "\u0111\u01B0\u1EE3c c\u00E0i theo c\u00E1ch kh\u00E1c, ghi \u0111\u01B0\u1EDDng d\u1EABn \u0111\u1EA7y " _
                & "\u0111\u1EE7 t\u1EDBi pythonw.exe c\u1EE7a Python \u0111\u00F3 v\u00E0o \u00F4 ") _
                & cell.Address(False, False) & Vn(" c\u1EE7a trang xlwings.conf (c\u1EA1nh Interpreter_Win). " _
                & "\u0110\u01B0\u1EDDng d\u1EABn \u0111ang ghi \u1EDF \u0111\u00F3: ") & current, vbExclamation
            Exit Function
        End If
        found = AsciiPath(found, False)
        tempDir = AsciiPath(CreateObject("Scripting.FileSystemObject").GetSpecialFolder(2).Path, True)
        If Not IsAscii(found) Or Not IsAscii(tempDir) Then
            If IsAscii(found) Then found = tempDir
            Say Vn("\u0110\u01B0\u1EDDng d\u1EABn t\u1EDBi Python ho\u1EB7c th\u01B0 m\u1EE5c t\u1EA1m c\u00F3 ch\u1EEF ti\u1EBFng " _
                & "Vi\u1EC7t v\u00E0 Windows kh\u00F4ng c\u00F3 t\u00EAn ng\u1EAFn kh\u00F4ng d\u1EA5u (8.3) cho n\u00F3, n\u00EAn " _
                & "Excel kh\u00F4ng g\u1ECDi \u0111\u01B0\u1EE3c Python: ") & found & vbCrLf & vbCrLf _
                & Vn("C\u00E1ch s\u1EEDa: b\u1ED9 ph\u1EADn CNTT b\u1EADt t\u00EAn 8.3 cho \u1ED5 \u0111\u0129a (fsutil " _
                & "8dot3name set C: 0, c\u1EA7n quy\u1EC1n qu\u1EA3n tr\u1ECB) r\u1ED3i ch\u1EA1y l\u1EA1i CaiDat.cmd; ho\u1EB7c " _
                & "c\u00E0i Python v\u00E0 thidua v\u00E0o m\u1ED9t th\u01B0 m\u1EE5c ch\u1EC9 c\u00F3 ch\u1EEF kh\u00F4ng " _
                & "d\u1EA5u, r\u1ED3i ghi \u0111\u01B0\u1EDDng d\u1EABn pythonw.exe v\u00E0o trang xlwings.conf."), vbExclamation
            Exit Function
        End If
        If Not SetConf(CONF_KEY, found) Then Exit Function
        If Not SetConf("TEMP DIR", tempDir) Then Exit Function
        PythonReady = True
    #End If
End Function

' ---- Messages in Vietnamese ---------------------------------------------------
Private Function Vn(ByVal text As String) As String
    ' "\u1EC7" -> the character U+1EC7, so that this module stays ASCII.
    Dim i As Long
    i = InStr(1, text, "\u")
    Do While i > 0
        text = Left$(text, i - 1) & ChrW(CLng("&H" & Mid$(text, i + 2, 4))) & Mid$(text, i + 6)
        i = InStr(i + 1, text, "\u")
    Loop
    Vn = text
End Function

Private Sub Say(ByVal text As String, ByVal icon As Long)
    ' MsgBox on Windows shows only the ANSI code page; WScript.Shell.Popup is Unicode.
    On Error GoTo Fallback
    #If Mac Then
        MsgBox text, icon, "thidua"
    #Else
        CreateObject("WScript.Shell").Popup text, 0, Vn("Thi \u0111ua - Khen th\u01B0\u1EDFng"), icon
    #End If
    Exit Sub
Fallback:
    MsgBox text, icon, "thidua"
End Sub

Private Sub SayError(ByVal description As String)
    On Error GoTo Fallback
    Say Vn("Kh\u00F4ng ch\u1EA1y \u0111\u01B0\u1EE3c l\u1EC7nh: ") & description, vbExclamation
    Exit Sub
Fallback:
    MsgBox description, vbExclamation, "thidua"
End Sub
