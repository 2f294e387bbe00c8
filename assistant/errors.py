"""Errors a user can meet: a Swedish message for the UI, the cause for the log."""

from __future__ import annotations


class AssistantError(Exception):
    """Base error with a message fit to show a user (Swedish) and a technical cause."""

    def __init__(self, user_message: str, cause: str = "") -> None:
        super().__init__(cause or user_message)
        self.user_message = user_message
        self.cause = cause or user_message


class DocumentError(AssistantError):
    """A document could not be read; the rest of the corpus is still indexed."""


class CorpusError(AssistantError):
    """The corpus folder or its manifest cannot be used as it is; the live index is left untouched."""


class ManifestError(CorpusError):
    """corpus/manifest.json cannot be read or does not describe the documents as expected."""


class EmptyCorpusError(CorpusError):
    """No document in the corpus folder could be read (it is empty, or every file was skipped)."""


class SettingsError(AssistantError):
    """A setting (config file or ASSISTANT_* variable) has a value that cannot be used."""


class IndexMissingError(AssistantError):
    """No complete index exists yet."""


class IndexDamagedError(IndexMissingError):
    """The live index was deleted or damaged while in use; rebuilding it is the way out."""


class BuildInProgressError(AssistantError):
    """Another build holds the lock."""


class EmbedderError(AssistantError):
    """The embedding model is missing or failed."""


class LLMError(AssistantError):
    """The configured LLM backend is misconfigured, unreachable or answered unusably."""
