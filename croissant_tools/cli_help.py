"""One style for every command's ``--help``, and the options every command shares.

:class:`HelpFormatter` is used by the parser of every subcommand, whichever package
declares it, so commands only declare their arguments:

* a default is shown as ``(default: X)`` after the help text, unless the text already
  says what the default is (``(default: the folder name)``); switches, empty lists and
  ``None`` show none;
* a required option ends with ``(required)``;
* a flag with both spellings (``--record-set``, Beam's ``--record_set``) is listed once,
  with dashes: the underscore alias still works but does not double the listing.

:func:`add_common_options` gives every command ``-q/--quiet`` (no progress, summaries or
notes on stderr; a command's own output on stdout is kept) and ``-v/--verbose`` (more
detail; ``-vv`` debug logging), unless the command declares them itself.
"""

from __future__ import annotations

import argparse
import logging
from typing import Any

QUIET_HELP = "errors only: no progress, summary or notes on stderr (output on stdout is kept)"
VERBOSE_HELP = "more detail on stderr (-vv: debug logging)"


class HelpFormatter(argparse.HelpFormatter):
    """Help with ``(default: X)``, ``(required)`` and underscore aliases folded away."""

    def __init__(self, prog: str, **kwargs: Any) -> None:
        kwargs.setdefault("max_help_position", 32)
        super().__init__(prog, **kwargs)

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.required and action.option_strings and "(required" not in text:
            text += " (required)"
        if _shows_default(action) and "default" not in text.lower():
            text += " (default: %(default)s)"
        return text

    def _format_action_invocation(self, action: argparse.Action) -> str:
        strings = action.option_strings
        dashed = [s for s in strings if not (s.startswith("--") and "_" in s)]
        folded = [s for s in strings if s not in dashed and s.replace("_", "-") in dashed]
        if folded:
            kept = [s for s in strings if s not in folded]
            clone = argparse.Action(kept, action.dest, nargs=action.nargs, metavar=action.metavar)
            clone.choices = action.choices
            return super()._format_action_invocation(clone)
        return super()._format_action_invocation(action)


def _shows_default(action: argparse.Action) -> bool:
    default = action.default
    if action.help is argparse.SUPPRESS or default is argparse.SUPPRESS:
        return False
    if default is None or isinstance(default, bool) or default in ([], ()):
        return False
    return not (isinstance(action, argparse._CountAction) and default == 0)


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """``-q/--quiet`` and ``-v/--verbose``, unless ``parser`` already declares them."""
    taken = parser._option_string_actions
    if "-q" not in taken and "--quiet" not in taken:
        parser.add_argument("-q", "--quiet", action="store_true", help=QUIET_HELP)
    if "-v" not in taken and "--verbose" not in taken:
        parser.add_argument("-v", "--verbose", action="count", default=0, help=VERBOSE_HELP)


def configure_logging(args: argparse.Namespace) -> None:
    """Root logging for ``-q`` (errors only) and ``-v``/``-vv`` (info/debug); else untouched."""
    verbose = int(getattr(args, "verbose", 0) or 0)
    if getattr(args, "quiet", False):
        level = logging.ERROR
    elif verbose:
        level = logging.INFO if verbose == 1 else logging.DEBUG
    else:
        return
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level)
