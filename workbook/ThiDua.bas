Attribute VB_Name = "ThiDua"
' thidua - buttons and ribbon callbacks of the workbook.
' Built into ThiDua.xlsm by `thidua new`. ASCII only: Vietnamese text lives
' in Python (xlsrc/macros.py) and in the ribbon XML (customUI.xml).
Option Explicit

Private Const PATHS_SHEET As String = "_thidua_paths"
Private Const REPORT_FOLDER As String = "BaoCao"

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

' ---- Button macros (Huong dan sheet) -------------------------------------
Sub ThiDuaValidate()
    On Error GoTo Failed
    RunPython "import xlsrc.macros; xlsrc.macros.validate()"
    Exit Sub
Failed:
    MsgBox "Khong chay duoc Python: " & Err.Description, vbExclamation, "thidua"
End Sub

Sub ThiDuaCompute()
    On Error GoTo Failed
    RunPython "import xlsrc.macros; xlsrc.macros.compute()"
    Exit Sub
Failed:
    MsgBox "Khong chay duoc Python: " & Err.Description, vbExclamation, "thidua"
End Sub

Sub ThiDuaReport()
    On Error GoTo Failed
    RunPython "import xlsrc.macros; xlsrc.macros.report()"
    Exit Sub
Failed:
    MsgBox "Khong chay duoc Python: " & Err.Description, vbExclamation, "thidua"
End Sub

Sub ThiDuaConsolidate()
    Dim paths As Collection
    Dim ws As Worksheet
    Dim i As Long
    On Error GoTo Failed
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
    MsgBox "Khong tong hop duoc: " & Err.Description, vbExclamation, "thidua"
End Sub

Private Function PickInputs() As Collection
    ' Files first (3 = msoFileDialogFilePicker); on Cancel, offer a folder
    ' (4 = msoFileDialogFolderPicker). No Office library reference needed.
    Dim result As New Collection
    Dim dlg As Object
    Dim i As Long
    Set dlg = Application.FileDialog(3)
    dlg.AllowMultiSelect = True
    dlg.Title = "Chon cac tep bao cao cua don vi (Cancel: chon ca thu muc)"
    #If Not Mac Then
        dlg.Filters.Clear
        dlg.Filters.Add "Bang tinh", "*.xlsx;*.xlsm;*.xls;*.ods"
    #End If
    If dlg.Show = -1 Then
        For i = 1 To dlg.SelectedItems.Count
            result.Add dlg.SelectedItems(i)
        Next i
    Else
        Set dlg = Application.FileDialog(4)
        dlg.Title = "Chon thu muc chua bao cao cua cac don vi"
        If dlg.Show = -1 Then result.Add dlg.SelectedItems(1)
    End If
    Set PickInputs = result
End Function

Sub ThiDuaOpenReports()
    Dim folder As String
    On Error GoTo Failed
    If Len(ThisWorkbook.Path) = 0 Then
        MsgBox "Hay luu so nay truoc (chua co thu muc).", vbInformation, "thidua"
        Exit Sub
    End If
    folder = ThisWorkbook.Path & Application.PathSeparator & REPORT_FOLDER
    If Len(Dir(folder, vbDirectory)) = 0 Then MkDir folder
    #If Mac Then
        ThisWorkbook.FollowHyperlink folder
    #Else
        On Error GoTo ShellFailed
        Shell "explorer.exe """ & folder & """", vbNormalFocus
    #End If
    Exit Sub
ShellFailed:
    Resume UseHyperlink  ' Resume ends the error state, so Failed can catch the next one
UseHyperlink:
    On Error GoTo Failed
    ThisWorkbook.FollowHyperlink folder
    Exit Sub
Failed:
    MsgBox "Khong mo duoc thu muc bao cao: " & Err.Description, vbExclamation, "thidua"
End Sub
