"""nofame: check news drafts about mass attacks against no-notoriety guidelines."""

__version__ = "0.1.0"
