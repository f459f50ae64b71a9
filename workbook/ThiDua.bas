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
Private Const MIN_MINOR As Long = 11
Private Const MAX_MINOR As Long = 30

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

Sub RibbonDossier(control As IRibbonControl)
    ThiDuaDossier
End Sub

Sub RibbonRegister(control As IRibbonControl)
    ThiDuaRegister
End Sub

' ---- Button macros (Huong dan sheet) -------------------------------------
' Every RunPython is preceded by PythonReady: xlwings itself would say
' "Could not find Interpreter!" in English and return without an error.
Sub ThiDuaValidate()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    RunPython "import xlsrc.macros; xlsrc.macros.validate()"
    Exit Sub
Failed:
    SayError Err.Description
End Sub

Sub ThiDuaCompute()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    RunPython "import xlsrc.macros; xlsrc.macros.compute()"
    Exit Sub
Failed:
    SayError Err.Description
End Sub

Sub ThiDuaReport()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    RunPython "import xlsrc.macros; xlsrc.macros.report()"
    Exit Sub
Failed:
    SayError Err.Description
End Sub

Sub ThiDuaReview()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    RunPython "import xlsrc.macros; xlsrc.macros.review()"
    Exit Sub
Failed:
    SayError Err.Description
End Sub

Sub ThiDuaDecision()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    RunPython "import xlsrc.macros; xlsrc.macros.decision()"
    Exit Sub
Failed:
    SayError Err.Description
End Sub

Sub ThiDuaDossier()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    RunPython "import xlsrc.macros; xlsrc.macros.dossier()"
    Exit Sub
Failed:
    SayError Err.Description
End Sub

Sub ThiDuaRegister()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    RunPython "import xlsrc.macros; xlsrc.macros.register()"
    Exit Sub
Failed:
    SayError Err.Description
End Sub

Sub ThiDuaCertificates()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    RunPython "import xlsrc.macros; xlsrc.macros.certificates()"
    Exit Sub
Failed:
    SayError Err.Description
End Sub

Sub ThiDuaCertificatesPhoi()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    RunPython "import xlsrc.macros; xlsrc.macros.certificates_phoi()"
    Exit Sub
Failed:
    SayError Err.Description
End Sub

Sub ThiDuaCalibrate()
    On Error GoTo Failed
    If Not PythonReady() Then Exit Sub
    RunPython "import xlsrc.macros; xlsrc.macros.calibrate()"
    Exit Sub
Failed:
    SayError Err.Description
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
    RunPython "import xlsrc.macros; xlsrc.macros.consolidate()"
    Exit Sub
Failed:
    SayError Err.Description
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
        dlg.Filters.Add Vn("B\u1EA3ng t\u00EDnh"), "*.xlsx;*.xlsm;*.xlsb;*.xls;*.ods;*.csv;*.xml;*.fods;*.xltx;*.xltm;*.ots"
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
    folder = ThisWorkbook.Path & Application.PathSeparator & REPORT_FOLDER
    If Not FolderExists(folder) Then
        If Not PythonReady() Then Exit Sub
        RunPython "import xlsrc.macros; xlsrc.macros.make_report_folder()"
    End If
    ThisWorkbook.FollowHyperlink folder
    Exit Sub
Failed:
    SayError Err.Description
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
Private Function ConfCell(ByVal key As String, ByVal create As Boolean) As Range
    ' The value cell next to ``key`` on the xlwings.conf sheet. xlwings reads
    ' the keys from A1 down to the first empty cell, so a new key goes there.
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
            If create Then
                ws.Cells(r, 1).Value = key
                Set ConfCell = ws.Cells(r, 2)
            End If
        End If
    Next ws
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
    ' Environ("Temp"), both through the ANSI code page.
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

Private Function RegisteredPython() As String
    ' The newest Python 3.11+ the py launcher knows: PEP 514 registry keys,
    ' per user first, then per machine (64-bit, then 32-bit view).
    Dim roots As Variant
    Dim r As Long
    Dim minor As Long
    Dim home As String
    roots = Array("HKCU\Software\Python\PythonCore\", "HKLM\Software\Python\PythonCore\", _
                  "HKLM\Software\WOW6432Node\Python\PythonCore\")
    RegisteredPython = ""
    For minor = MAX_MINOR To MIN_MINOR Step -1
        For r = LBound(roots) To UBound(roots)
            home = RegistryValue(roots(r) & "3." & minor & "\InstallPath\")
            If Len(home) = 0 Then home = RegistryValue(roots(r) & "3." & minor & "-32\InstallPath\")
            If Len(home) > 0 Then
                If Right$(home, 1) <> "\" Then home = home & "\"
                If FileExists(home & "pythonw.exe") Then
                    RegisteredPython = home & "pythonw.exe"
                    Exit Function
                End If
            End If
        Next r
    Next minor
End Function

Private Function RegistryValue(ByVal key As String) As String
    RegistryValue = ""
    On Error GoTo Missing
    RegistryValue = CreateObject("WScript.Shell").RegRead(key)
Missing:
End Function

Private Function PythonReady() As Boolean
    ' Resolve the interpreter before RunPython and write it into xlwings.conf:
    ' 1. the path already in xlwings.conf, when that file exists;
    ' 2. the standard install of CaiDat.cmd under %LOCALAPPDATA%\thidua;
    ' 3. the py launcher's registered Python 3.11 or later.
    ' A path that is not ASCII is written in its 8.3 form (see AsciiPath),
    ' and so is xlwings' TEMP DIR.
    Dim cell As Range
    Dim current As String
    Dim found As String
    Dim tempDir As String
    PythonReady = False
    Set cell = ConfCell(CONF_KEY, False)
    If cell Is Nothing Then
        Say Vn("S\u1ED5 n\u00E0y thi\u1EBFu trang xlwings.conf (c\u1EA5u h\u00ECnh Python). " _
            & "H\u00E3y t\u1EA1o l\u1EA1i s\u1ED5 b\u1EB1ng l\u1EC7nh: thidua new ThiDua.xlsm"), vbExclamation
        Exit Function
    End If
    #If Mac Then
        ' xlwings on macOS uses Interpreter_Mac (run `xlwings runpython install` once)
        PythonReady = True
    #Else
        current = Trim$(CStr(cell.Value))
        If FileExists(Expand(current)) Then
            found = current
        ElseIf FileExists(Expand(INSTALL_PYTHONW)) Then
            found = Expand(INSTALL_PYTHONW)
        Else
            found = RegisteredPython()
        End If
        If Len(found) = 0 Then
            Say Vn("Kh\u00F4ng t\u00ECm th\u1EA5y Python cho s\u1ED5 n\u00E0y.") & vbCrLf & vbCrLf _
                & Vn("C\u00E1ch s\u1EEDa: ch\u1EA1y CaiDat.cmd trong th\u01B0 m\u1EE5c ThiDua-CaiDat " _
                & "(b\u1ED9 ph\u1EADn CNTT t\u1EA1o b\u1EB1ng l\u1EC7nh thidua bundle --windows), " _
                & "ho\u1EB7c c\u00E0i Python 3.11 tr\u1EDF l\u00EAn t\u1EEB python.org c\u00F9ng g\u00F3i thidua, " _
                & "r\u1ED3i ghi \u0111\u01B0\u1EDDng d\u1EABn \u0111\u1EA7y \u0111\u1EE7 t\u1EDBi pythonw.exe v\u00E0o \u00F4 ") _
                & cell.Address(False, False) & Vn(" c\u1EE7a trang xlwings.conf (c\u1EA1nh Interpreter_Win)."), _
                vbExclamation
            Exit Function
        End If
        found = AsciiPath(Expand(found), False)
        If found <> current Then cell.Value = found
        tempDir = AsciiPath(CreateObject("Scripting.FileSystemObject").GetSpecialFolder(2).Path, True)
        If CStr(ConfCell("TEMP DIR", True).Value) <> tempDir Then ConfCell("TEMP DIR", True).Value = tempDir
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
