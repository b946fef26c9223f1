"""The ``croissant-tools`` command line: one program, one subcommand per public function.

Subcommands are modules that define ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``; a module may set ``PASS_THROUGH = True`` to receive arguments it does
not declare in ``args.passthrough`` (the pruning pipeline passes them to Apache Beam).

Built-in commands are listed in ``BUILTIN``; other packages add commands through the
``croissant_tools.commands`` entry-point group, which keeps this package free of imports
from ``pruning`` and ``pipelines``. Only the module of the command being run is imported,
so ``croissant-tools validate`` starts without loading torch, Beam or TensorFlow.

Every expected failure ends in a short message and an exit code from
:mod:`croissant_tools.errors`; a traceback is shown only when ``CROISSANT_TOOLS_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from types import ModuleType

from croissant_tools import errors
from croissant_tools.cli_help import HelpFormatter, add_common_options, configure_logging
from croissant_tools.extras import COMMAND_EXTRA, missing_extra

BUILTIN: dict[str, str] = {
    "validate": "croissant_tools.validation.cli",
    "generate": "croissant_tools.generation.cli",
    "init": "croissant_tools.generation.init_cli",
    "records": "croissant_tools.loading.cli_records",
    "info": "croissant_tools.loading.cli_info",
    "publish": "croissant_tools.publishing.cli",
    "upgrade": "croissant_tools.upgrade_cli",
}
ENTRY_POINT_GROUP = "croissant_tools.commands"
PROG = "croissant-tools"


def _plugin_commands() -> dict[str, str]:
    from importlib.metadata import entry_points

    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _command_table(name: str | None) -> dict[str, str]:
    """Commands by name -> module; plugins are only looked up when ``name`` is not built in."""
    if name is not None and name in BUILTIN:
        return {name: BUILTIN[name]}
    table = dict(BUILTIN)
    for key, value in _plugin_commands().items():
        table.setdefault(key, value)
    return table


def _load(module_name: str) -> ModuleType:
    return importlib.import_module(module_name)


def _build_parser(
    commands: dict[str, str],
) -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    from croissant_tools import __version__

    parser = argparse.ArgumentParser(
        prog=PROG,
        formatter_class=HelpFormatter,
        description="Croissant metadata and data-quality pruning for ML datasets.",
        epilog="Exit codes: 0 ok, 1 checked input has errors, 2 usage or unreadable input, "
        "3 data does not match its description, 4 refused for safety, 70 internal error, "
        "130 interrupted. Every command takes -q (errors only) and -v (more detail).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules: dict[str, ModuleType] = {}
    for name in sorted(commands):
        try:
            module = _load(commands[name])
        except ImportError as exc:  # a command whose optional dependency is missing
            module = _unavailable(name, exc)
        modules[name] = module
        command_parser = sub.add_parser(
            name, help=module.HELP, description=module.HELP, formatter_class=HelpFormatter
        )
        module.add_arguments(command_parser)
        add_common_options(command_parser)
    return parser, modules


def _unavailable(name: str, exc: ImportError) -> ModuleType:
    """A stand-in command that explains why ``name`` cannot run here (exit code 2)."""
    module = ModuleType(f"unavailable_{name}")
    reason = f"{exc.name or exc}" if isinstance(exc, ModuleNotFoundError) else str(exc)
    friendly = missing_extra(exc, f"the {name!r} command", COMMAND_EXTRA.get(name))
    short = f"needs the [{friendly.extra}] extra" if friendly else f"cannot import {reason}"
    module.HELP = f"(unavailable: {short})"  # type: ignore[attr-defined]
    module.add_arguments = lambda parser: None  # type: ignore[attr-defined]
    module.PASS_THROUGH = True  # type: ignore[attr-defined]

    def run(args: argparse.Namespace) -> int:
        if friendly is not None:
            raise friendly
        raise errors.UsageError(
            f"the {name!r} command is unavailable: cannot import {reason}",
            hint="reinstall the project: pip install 'croissant-tools[all]'",
        )

    module.run = run  # type: ignore[attr-defined]
    return module


def _first_command(argv: Sequence[str]) -> str | None:
    for arg in argv:
        if not arg.startswith("-"):
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code (``sys.exit`` is left to the caller)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _escape_unprintable()
    with _terminate_like_interrupt():
        return _main(argv)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every ``finally`` runs (partial files removed)."""


@contextlib.contextmanager
def _terminate_like_interrupt() -> Iterator[None]:
    """While a command runs in the main thread, SIGTERM interrupts it as Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except (ValueError, OSError):  # no signals here (an embedding interpreter)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str]) -> int:
    debug = os.environ.get("CROISSANT_TOOLS_DEBUG") == "1"
    name: str | None = None
    try:
        name = _first_command(argv)
        table = _command_table(name)
        if name is not None and name not in table:
            _print_error(f"unknown command {name!r}; choose from: {', '.join(sorted(table))}")
            return errors.EXIT_USAGE
        parser, modules = _build_parser(table)
        try:
            if name is not None and getattr(modules[name], "PASS_THROUGH", False):
                args, extra = parser.parse_known_args(argv)
                args.passthrough = extra
            else:
                args = parser.parse_args(argv)
        except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
            return int(exc.code or 0)
        if args.command is None:
            parser.print_help()
            return errors.EXIT_USAGE
        module = modules[args.command]
        _apply_common_options(args, module)
        return int(module.run(args))
    except KeyboardInterrupt as exc:
        _print_error("terminated" if isinstance(exc, Terminated) else "interrupted")
        return errors.EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of stdout left early (`... | head`): not a failure
        _discard_stdout()
        return errors.EXIT_OK
    except errors.CroissantToolsError as exc:
        _print_error(str(exc))
        if debug:
            traceback.print_exc()
        return exc.exit_code
    except ModuleNotFoundError as exc:  # an optional dependency reached by a code path
        feature = f"the {name!r} command" if name else "this command"
        friendly = missing_extra(exc, feature, COMMAND_EXTRA.get(name or ""))
        if friendly is None:
            raise
        _print_error(str(friendly))
        if debug:
            traceback.print_exc()
        return friendly.exit_code
    except Exception as exc:
        code = getattr(exc, "exit_code", None)
        if isinstance(code, int):  # errors from packages that do not import this one
            _print_error(str(exc))
            if debug:
                traceback.print_exc()
            return code
        _print_error(
            f"internal error: {type(exc).__name__}: {exc}. This is a bug; please report it "
            "with the output of the same command run with CROISSANT_TOOLS_DEBUG=1."
        )
        if debug:
            traceback.print_exc()
        return errors.EXIT_INTERNAL


def _apply_common_options(args: argparse.Namespace, module: ModuleType) -> None:
    """Logging for ``-q``/``-v``; ``-q`` also silences a ``--progress`` display.

    Commands that pass unknown flags on (the pipeline, to Beam) get neither attribute:
    Beam would warn about options it does not know.
    """
    configure_logging(args)
    if getattr(args, "quiet", False) and hasattr(args, "progress"):
        args.progress = "none"
    if getattr(module, "PASS_THROUGH", False):
        for name in ("quiet", "verbose"):
            if hasattr(args, name):
                delattr(args, name)


def _escape_unprintable() -> None:
    """Write what cannot be encoded (a lone surrogate a JSON document may hold) as an
    escape such as ``\\ud800`` instead of failing on it."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
                reconfigure(errors="backslashreplace")


def _discard_stdout() -> None:
    """Point stdout at /dev/null so that the final flush does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout replaced by a non-file object
        pass


def _print_error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    entry()
