"""One error hierarchy for everything a user can cause.

Every class carries the process exit code the CLI uses for it, and every
message says what to do. Messages name a file by its path or document id and
a field by its name; they never carry a field's value (personal data).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    documents_failed = 1
    bad_arguments = 2
    input_error = 3
    config_error = 4
    dependency_error = 5
    engine_error = 6
    store_error = 7
    internal_error = 15


class DocpipeError(Exception):
    """Base class: a failure with a message fit to show a user in one line."""

    exit_code: ExitCode = ExitCode.internal_error
    category: str = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(DocpipeError):
    """The command was asked for something that does not exist or make sense."""

    exit_code = ExitCode.bad_arguments
    category = "usage"


class InputError(DocpipeError):
    """The file itself cannot be processed."""

    exit_code = ExitCode.input_error
    category = "input"


class UnsupportedFormatError(InputError):
    category = "unsupported"


class CorruptFileError(InputError):
    category = "corrupt"


class EncryptedFileError(InputError):
    category = "encrypted"


class EmptyFileError(InputError):
    category = "empty"


class TooLargeError(InputError):
    category = "too_large"


class NoContentError(InputError):
    """Every page is blank or too small to hold text (a truncated file, an empty scan)."""

    category = "no_content"


class UnsafeFileError(InputError):
    """A file docpipe will not open: not a regular file (a pipe, device, socket or
    folder) anywhere; for the watch daemon also a symlink, a file outside the inbox, …"""

    category = "unsafe"


class ConfigError(DocpipeError):
    exit_code = ExitCode.config_error
    category = "config"


class DependencyError(DocpipeError):
    """A program or package docpipe needs is missing; the message names it."""

    exit_code = ExitCode.dependency_error
    category = "dependency"


class EngineError(DocpipeError):
    exit_code = ExitCode.engine_error
    category = "engine"


class StoreError(DocpipeError):
    exit_code = ExitCode.store_error
    category = "store"
