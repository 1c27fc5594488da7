"""Where data lives: the user data folder (platformdirs) and the database URL.

``AI_READINESS_DATA_DIR`` moves the whole data folder (tests and portable use);
``AI_READINESS_DB`` or ``--db`` selects another database (a file path or an SQLAlchemy URL);
``AI_READINESS_MODULES_DIR`` moves the folder of supplementary questionnaire modules;
``AI_READINESS_BUSY_TIMEOUT_MS`` changes how long a save waits for a locked database.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ai-readiness"
APP_AUTHOR = "ai-readiness"
DB_ENV = "AI_READINESS_DB"
DATA_DIR_ENV = "AI_READINESS_DATA_DIR"
USER_ENV = "AI_READINESS_USER"
MODULES_DIR_ENV = "AI_READINESS_MODULES_DIR"
BUSY_TIMEOUT_ENV = "AI_READINESS_BUSY_TIMEOUT_MS"
DEFAULT_DB_NAME = "ai-readiness.db"
DEFAULT_BUSY_TIMEOUT_MS = 5000


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


def modules_dir() -> Path:
    """Where a ministry drops its own questionnaire module files (``*.yaml``)."""
    override = os.environ.get(MODULES_DIR_ENV)
    return Path(override) if override else data_dir() / "modules"


def evidence_dir() -> Path:
    """Where attached evidence files are kept, named by their SHA-256."""
    return data_dir() / "evidence"


def busy_timeout_ms() -> int:
    """How long SQLite waits for another program's write lock before giving up."""
    value = os.environ.get(BUSY_TIMEOUT_ENV, "")
    try:
        return max(0, int(value)) if value.strip() else DEFAULT_BUSY_TIMEOUT_MS
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_MS


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def resolve_db_url(value: str | None = None) -> str:
    """``--db`` beats ``AI_READINESS_DB`` beats the default file in the data folder."""
    value = value or os.environ.get(DB_ENV) or str(default_db_path())
    if "://" in value:
        return value
    path = Path(value).expanduser()
    try:
        path = path.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: the database check names the problem
        path = path.absolute()
    return "sqlite:///" + str(path)


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
