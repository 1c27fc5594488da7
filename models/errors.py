"""Typed errors of the service layer. Front ends turn them into messages; none is a bug."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every error a user can cause or fix. ``str(error)`` is the one-line message."""


class NotFound(ServiceError):
    pass


class InvalidInput(ServiceError):
    pass


class InvalidAnswer(InvalidInput):
    pass


class Locked(ServiceError):
    """The assessment is approved (or otherwise closed) and refuses edits."""


class Conflict(ServiceError):
    """Someone else changed the record since it was read; nothing was overwritten."""


class WorkflowError(ServiceError):
    """A status change that the lifecycle does not allow (e.g. approving a draft)."""


class StorageError(ServiceError):
    """The database cannot be used: not a database, read-only, locked, full, too new."""
