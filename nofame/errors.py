"""Errors that every face turns into a clear message instead of a traceback."""


class NofameError(Exception):
    """Base class: the message is meant for the user, on one line."""


class InputError(NofameError):
    """The article could not be read: empty, binary, undecodable, no article text, bad JSON."""


class FetchError(InputError):
    """A URL could not be fetched: refused address, timeout, HTTP error, too large, wrong type.

    Carries the facts a retry policy needs, so no caller reads them back out of the message: the HTTP
    `status` (None when no response came), the server's `Retry-After` in seconds, and whether the
    failure was `transient` on the network (a timeout, a refused connection, a name that did not resolve).
    """

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None, transient: bool = False
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.transient = transient


class RuleError(NofameError):
    """A rule file is invalid; the message names the file and line."""


class ConfigError(NofameError):
    """The configuration file is invalid."""
