"""Errors that every face turns into a clear message instead of a traceback."""


class NofameError(Exception):
    """Base class: the message is meant for the user, on one line."""


class InputError(NofameError):
    """The article could not be read: empty, binary, undecodable, no article text, bad JSON."""


class FetchError(InputError):
    """A URL could not be fetched: refused address, timeout, HTTP error, too large, wrong type."""


class RuleError(NofameError):
    """A rule file is invalid; the message names the file and line."""


class ConfigError(NofameError):
    """The configuration file is invalid."""
