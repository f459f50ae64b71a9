"""The command line in Vietnamese, through the framework's own hooks:

* Typer's rich help reads its panel titles and fixed strings from
  ``typer.rich_utils`` settings, which are set here;
* the command and group classes (``cls=``) give the help option its
  Vietnamese text and ``-h``, the usage line its prefix and ``[TÙY CHỌN]``,
  every parameter a Vietnamese type name, and turn each usage error (from
  its type and fields, never from its English text) into a Vietnamese one;
* the usage error is printed by :func:`show_usage_error`.
"""
from __future__ import annotations

from pathlib import PurePath
from typing import Any, get_args

import typer
from typer import rich_utils
from typer._click import exceptions as click_exc
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

HELP_OPTION_NAMES = ["-h", "--help"]
CONTEXT_SETTINGS = {"help_option_names": HELP_OPTION_NAMES}
USAGE_PREFIX = "Cách dùng: "
OPTIONS_METAVAR = "[TÙY CHỌN]"

# typer.rich_utils' strings (rich-click settings)
RICH_STRINGS = {
    "ARGUMENTS_PANEL_TITLE": "Tham số",
    "OPTIONS_PANEL_TITLE": "Tùy chọn",
    "COMMANDS_PANEL_TITLE": "Lệnh",
    "ERRORS_PANEL_TITLE": "Lỗi",
    "ABORTED_TEXT": "Đã dừng.",
    "DEFAULT_STRING": "[mặc định: {}]",
    "ENVVAR_STRING": "[biến môi trường: {}]",
    "REQUIRED_LONG_STRING": "[bắt buộc]",
    "DEPRECATED_STRING": "(không dùng nữa) ",
    "RICH_HELP": "Xem [blue]'{command_path} {help_option}'[/] để biết cách dùng.",
}


def install() -> None:
    for name, value in RICH_STRINGS.items():
        setattr(rich_utils, name, value)


install()


def _type_label(param) -> str:
    """A Vietnamese type name for the help table."""
    desc = param.type_descriptor
    if getattr(param, "is_flag", False):
        return ""
    inner = get_args(desc.annotation)[0] if desc.is_list and get_args(desc.annotation) else desc.annotation
    if desc.is_path or (isinstance(inner, type) and issubclass(inner, PurePath)):
        label = "đường dẫn"
    elif desc.is_ranged or inner is int:
        label = "số nguyên"
        if getattr(param, "min", None) is not None and getattr(param, "max", None) is not None:
            label += f" {param.min}–{param.max}"
        elif getattr(param, "min", None) is not None:
            label += f" ≥ {param.min}"
        elif getattr(param, "max", None) is not None:
            label += f" ≤ {param.max}"
    elif inner is float:
        label = "số"
    else:
        label = "chữ"
    return f"<{label}>" + ("..." if param.nargs != 1 else "")


class VietArgument(TyperArgument):
    def display_type_rich(self, ctx) -> str | None:
        return _type_label(self)

    def _get_number_range_help_str(self) -> str | None:
        return None  # part of the type label

    def _usage_display_name(self) -> str:
        name = self.display_name_raw.upper()
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    def get_error_hint(self) -> str:
        return self.display_name_raw.upper()


class VietOption(TyperOption):
    def display_type_rich(self, ctx) -> str | None:
        return self.metavar if self.metavar is not None else _type_label(self)

    def _get_number_range_help_str(self) -> str | None:
        return None


def _localise_params(command) -> None:
    """Vietnamese parameter classes; paths are not pre-checked for
    readability by the framework (whose message is English and says only
    "not readable"): the file readers report why, in Vietnamese."""
    for p in command.params:
        info = getattr(getattr(p, "type_descriptor", None), "parameter_info", None)
        if info is not None and getattr(info, "readable", False):
            info.readable = False
        if type(p) is TyperArgument:
            p.__class__ = VietArgument
        elif type(p) is TyperOption:
            p.__class__ = VietOption


def _param_label(param) -> str:
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "argument":
        return param.get_error_hint()
    return " / ".join(f"'{o}'" for o in param.opts) or param.name


def _expected(param) -> str:
    label = _type_label(param).strip("<>.")
    return {"đường dẫn": "một đường dẫn tệp hoặc thư mục", "chữ": "một đoạn chữ", "số": "một số"}.get(
        label, f"một {label}" if label else "giá trị đúng dạng")


def _find_option(ctx, name: str):
    for p in ctx.command.get_params(ctx):
        if name in getattr(p, "opts", ()) or name in getattr(p, "secondary_opts", ()):
            return p
    return None


def translate(exc: click_exc.UsageError, ctx) -> click_exc.UsageError:
    """The same error with a Vietnamese message, built from its type and fields."""
    if isinstance(exc, (VietUsageError, click_exc.NoArgsIsHelpError)):
        return exc  # already Vietnamese / the help has been printed
    ctx = getattr(exc, "ctx", None) or ctx
    if isinstance(exc, click_exc.MissingParameter):
        param = exc.param
        what = "tham số" if getattr(param, "param_type_name", "") == "argument" else "tùy chọn"
        msg = f"Thiếu {what} {_param_label(param)} (bắt buộc)."
    elif isinstance(exc, click_exc.BadParameter):
        msg = f"Giá trị không hợp lệ cho {_param_label(exc.param)}: cần {_expected(exc.param)}." if exc.param \
            else "Giá trị không hợp lệ."
    elif isinstance(exc, click_exc.NoSuchOption):
        msg = f"Không có tùy chọn '{exc.option_name}'."
        if exc.possibilities:
            msg += " Có phải ý bạn là: " + ", ".join(sorted(exc.possibilities)) + "?"
    elif isinstance(exc, click_exc.BadOptionUsage):
        param = _find_option(ctx, exc.option_name) if ctx is not None else None
        if param is not None and getattr(param, "is_flag", False):
            msg = f"Tùy chọn '{exc.option_name}' là công tắc, không nhận giá trị."
        else:
            msg = f"Tùy chọn '{exc.option_name}' cần một giá trị" + (
                f" ({_expected(param)})." if param is not None else ".")
    elif isinstance(exc, click_exc.BadArgumentUsage):
        msg = "Tham số không đúng: thiếu hoặc thừa giá trị."
    else:
        msg = "Cách gọi lệnh không đúng."
    return VietUsageError(msg, ctx)


class VietUsageError(click_exc.UsageError):
    """A usage error whose message is already Vietnamese."""


class _Localised:
    """Shared by the command and the group classes."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Hiện hướng dẫn này rồi thoát."
            if type(option) is TyperOption:
                option.__class__ = VietOption
        return option

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE_PREFIX)

    def invoke(self, ctx):
        """Ctrl+C while a command runs is an abort (the caller prints "Đã dừng."
        and exits 130), not a silent exit code."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise typer.Abort() from None

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # extra arguments are reported below, in Vietnamese
        try:
            rest = super().parse_args(ctx, args)
        except click_exc.UsageError as exc:
            raise translate(exc, ctx) from None
        finally:
            ctx.allow_extra_args = allowed
        if ctx.args and not allowed and not isinstance(self, TyperGroup):
            raise VietUsageError("Thừa tham số: " + " ".join(repr(a) for a in ctx.args) + ".", ctx)
        return rest


class VietCommand(_Localised, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        super().__init__(*args, **kwargs)
        _localise_params(self)


class VietGroup(_Localised, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = "LỆNH [THAM_SỐ]..."
        _localise_params(self)

    def resolve_command(self, ctx, args):
        name = args[0] if args else ""
        if name and self.get_command(ctx, name) is None and not name.startswith("-"):
            known = ", ".join(sorted(self.list_commands(ctx)))
            raise VietUsageError(f"Không có lệnh '{name}'. Các lệnh: {known}.", ctx)
        try:
            return super().resolve_command(ctx, args)
        except click_exc.UsageError as exc:
            raise translate(exc, ctx) from None


class VietTyper(typer.Typer):
    """A Typer whose commands are :class:`VietCommand` unless told otherwise."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("cls", VietGroup)
        kwargs.setdefault("context_settings", CONTEXT_SETTINGS)
        super().__init__(*args, **kwargs)

    def command(self, *args: Any, **kwargs: Any):
        kwargs["cls"] = kwargs.get("cls") or VietCommand
        register = super().command(*args, **kwargs)
        if kwargs.get("short_help"):
            return register

        def with_short_help(func):  # `thidua -h` lists each command on one line
            command = register(func)
            for info in self.registered_commands:
                if info.callback is func and not info.short_help:
                    info.short_help = short_help(func.__doc__ or "")
            return command
        return with_short_help


SHORT_HELP_WIDTH = 56  # what fits beside the longest command name in an 80-column terminal


def short_help(doc: str, width: int = SHORT_HELP_WIDTH) -> str:
    """The first sentence of a command's description, cut at a word to ``width`` characters."""
    text = " ".join(doc.strip().split("\n\n")[0].split())
    first = text.split(". ")[0].rstrip(".")
    if len(first) <= width:
        return first + "."
    cut = first[:width - 1]
    cut = cut[:cut.rfind(" ")] if " " in cut else cut
    if cut.count("(") > cut.count(")"):  # never an open bracket
        cut = cut[:cut.rfind("(")]
    return cut.rstrip(" ,;:") + "…"


def show_usage_error(exc: click_exc.UsageError, console) -> None:
    """Usage line, hint and the Vietnamese message, on the error console (markup off)."""
    exc = translate(exc, getattr(exc, "ctx", None))
    ctx = exc.ctx
    if ctx is not None:
        console.print(ctx.get_usage())
        console.print(f"Xem '{ctx.command_path} -h' để biết cách dùng.")
    console.print(f"Lỗi: {exc.format_message()}")
