"""xlwings without the libraries no button needs before its job starts.

A button runs ``RunPython "import xlsrc.macros; xlsrc.macros.validate()"``;
xlwings' VBA turns that into a fresh process whose command line starts with
``import xlwings.utils``, and ``import xlwings`` loads pandas, matplotlib,
numpy and PIL when they are installed (they are: thidua's reports need them),
for converters and pictures that thidua never asks xlwings for. That is most
of the time a click spends before any work.

``thidua-xlwings.pth`` (installed next to the package in site-packages, see
setup.py) calls ``install()`` at interpreter start when the command line has
xlwings' ``--from_xl=1``: the next ``import xlwings`` then runs with those
libraries hidden, so xlwings sets its optional references to None; the
libraries stay importable for the job that needs them (the report's chart
imports matplotlib itself). Every other process (``thidua`` on the command
line, the tests) imports xlwings the default way. Standard library only."""
from __future__ import annotations

import sys

HIDDEN = ("pandas", "matplotlib", "numpy", "PIL", "plotly", "polars")
FROM_EXCEL = "--from_xl=1"


class _Hide:
    """A meta-path finder that makes the ``HIDDEN`` libraries look absent."""

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"{name} is not loaded while xlwings is imported", name=name)
        return None


class _HidingLoader:
    """xlwings' own loader, running its package body with ``_Hide`` first on the meta path."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        hide = _Hide()
        sys.meta_path.insert(0, hide)
        try:
            self._loader.exec_module(module)
        except Exception as exc:  # noqa: BLE001 - before any code of ours runs: still a Vietnamese answer
            sys.modules.pop(module.__name__, None)
            _cannot_load_xlwings(exc)
            raise
        finally:
            sys.meta_path.remove(hide)

    def __getattr__(self, name):  # get_resource_reader, is_package …
        return getattr(self._loader, name)


class _XlwingsFinder:
    """Finds the top-level ``xlwings`` once, with the hiding loader, then leaves the meta path."""

    def find_spec(self, name, path=None, target=None):
        if name != "xlwings":
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        for finder in list(sys.meta_path):
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find else None
            if spec is not None and spec.loader is not None:
                spec.loader = _HidingLoader(spec.loader)
                return spec
        return None


def _cannot_load_xlwings(exc: BaseException) -> None:
    """xlwings itself does not load in a button's process (a pywin32 DLL that
    fails otherwise than with ImportError, a damaged file): the RunPython
    command line would end in an English traceback; say it in Vietnamese
    (message box or stderr, exit code 1) with the log's path."""
    from .logfile import log_exception
    from .macros import REINSTALL, _short, _tell_outside_excel
    path = log_exception("nạp xlwings")
    _tell_outside_excel(f"Không nạp được xlwings, phần nối Python với Excel ({type(exc).__name__}: {_short(exc)}). "
                        f"Cài đặt có thể thiếu hoặc hỏng: {REINSTALL}. Chi tiết ghi ở tệp nhật ký: {path}")
    raise SystemExit(0)  # our own message box was shown: nothing more to say


def install(argv: list[str] | None = None) -> bool:
    """Make the next ``import xlwings`` light, in a process started by a
    button (``--from_xl=1`` in ``argv``); True when installed."""
    argv = sys.argv if argv is None else argv
    if FROM_EXCEL not in argv or "xlwings" in sys.modules:
        return False
    if not any(isinstance(f, _XlwingsFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _XlwingsFinder())
    return True


def import_xlwings():
    """xlwings; light in a button's process that has not imported it yet
    (RunPython's own command line imports it first: that is the .pth hook's job)."""
    install()
    import xlwings
    return xlwings
