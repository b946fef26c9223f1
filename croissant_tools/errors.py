"""Errors raised for bad input, and the exit codes the command line maps them to.

Every error the toolkit raises on purpose carries a message that names the problem,
``where`` it is (a file, a JSON path, a record) and, when there is one, a ``hint`` for
fixing it. The command line prints these as one short block and exits with the code
below; it never shows a traceback for them.

Exit codes (documented in the README):

====  ==========================================================================
0     success
1     the input was read and checked, and has errors (e.g. validation errors)
2     usage error, or input that cannot be read (missing, malformed, too large)
3     data does not match its description (checksum, unparsable rows, ...)
4     refused for safety (path outside the dataset root, network not allowed,
      unsafe archive member)
70    internal error (a bug: please report it)
130   interrupted
====  ==========================================================================
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_REFUSED = 4
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class CroissantToolsError(Exception):
    """Base class for expected failures: bad input, bad data, refused operations."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class UsageError(CroissantToolsError):
    """The caller asked for something that does not make sense (bad option or argument)."""

    exit_code = EXIT_USAGE


class InputError(CroissantToolsError):
    """An input could not be read: missing, unreadable, malformed, wrong type or too large."""

    exit_code = EXIT_USAGE


class DataError(CroissantToolsError):
    """Data was read but does not match its description (checksum, types, rows)."""

    exit_code = EXIT_DATA


class SecurityError(CroissantToolsError):
    """An operation was refused for safety: path escape, network access, unsafe archive."""

    exit_code = EXIT_REFUSED
