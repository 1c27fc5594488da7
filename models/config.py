"""Where data lives: the user data folder (platformdirs) and the database URL.

``AI_READINESS_DATA_DIR`` moves the whole data folder (tests and portable use);
``AI_READINESS_DB`` or ``--db`` selects another database (a file path or an SQLAlchemy URL).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ai-readiness"
APP_AUTHOR = "ai-readiness"
DB_ENV = "AI_READINESS_DB"
DATA_DIR_ENV = "AI_READINESS_DATA_DIR"
USER_ENV = "AI_READINESS_USER"
DEFAULT_DB_NAME = "ai-readiness.db"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def resolve_db_url(value: str | None = None) -> str:
    """``--db`` beats ``AI_READINESS_DB`` beats the default file in the data folder."""
    value = value or os.environ.get(DB_ENV) or str(default_db_path())
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def current_user() -> str:
    """Who is acting, for the audit trail: ``AI_READINESS_USER`` or the login name."""
    override = os.environ.get(USER_ENV)
    if override:
        return override
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "unknown"
