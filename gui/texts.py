"""Labels shared by several screens (statuses, confidence tags, audit words) and small pure
helpers for formatting. Strings are translated at call time, so they follow the language."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gui.i18n import current_language
from questionnaires.scale import SCALE
from questionnaires.schema import Text


def _t(text: str) -> str:
    return QCoreApplication.translate("Texts", text)


def fmt(template: str, *args: object) -> str:
    """Fill Qt-style placeholders %1, %2, … (translators may reorder them)."""
    return re.sub(r"%(\d)", lambda m: str(args[int(m.group(1)) - 1]), template)


def status_name(status: str) -> str:
    names = {
        "draft": _t(QT_TRANSLATE_NOOP("Texts", "Draft")),
        "submitted": _t(QT_TRANSLATE_NOOP("Texts", "Submitted")),
        "approved": _t(QT_TRANSLATE_NOOP("Texts", "Approved")),
    }
    return names.get(status, status)


def confidence_name(tag: str) -> str:
    names = {
        "V": _t(QT_TRANSLATE_NOOP("Texts", "verified in a primary text")),
        "V-tr": _t(QT_TRANSLATE_NOOP("Texts", "verified in an official translation")),
        "S": _t(QT_TRANSLATE_NOOP("Texts", "secondary source")),
        "M": _t(QT_TRANSLATE_NOOP("Texts", "inference, unverified")),
        "L": _t(QT_TRANSLATE_NOOP("Texts", "unverified lead")),
    }
    return names.get(tag, tag)


def action_name(action: str) -> str:
    names = {
        "create": _t(QT_TRANSLATE_NOOP("Texts", "Created")),
        "answer": _t(QT_TRANSLATE_NOOP("Texts", "Answer changed")),
        "status": _t(QT_TRANSLATE_NOOP("Texts", "Status changed")),
        "evidence": _t(QT_TRANSLATE_NOOP("Texts", "Evidence")),
    }
    return names.get(action, action)


def field_name(field: str | None) -> str:
    if field is None:
        return ""
    names = {
        "level": _t(QT_TRANSLATE_NOOP("Texts", "Level")),
        "na_reason": _t(QT_TRANSLATE_NOOP("Texts", "N/A reason")),
        "target": _t(QT_TRANSLATE_NOOP("Texts", "Target level")),
        "comment": _t(QT_TRANSLATE_NOOP("Texts", "Comment")),
        "review": _t(QT_TRANSLATE_NOOP("Texts", "Marked for review")),
        "status": _t(QT_TRANSLATE_NOOP("Texts", "Status")),
        "reason": _t(QT_TRANSLATE_NOOP("Texts", "Reason")),
        "approver": _t(QT_TRANSLATE_NOOP("Texts", "Approver")),
        "text": _t(QT_TRANSLATE_NOOP("Texts", "Note")),
        "link": _t(QT_TRANSLATE_NOOP("Texts", "Link")),
        "file": _t(QT_TRANSLATE_NOOP("Texts", "File")),
    }
    return names.get(field, field)


def audit_value(field: str | None, value: Any) -> str:
    """An audit log value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _t(QT_TRANSLATE_NOOP("Texts", "Yes")) if value else _t(QT_TRANSLATE_NOOP("Texts", "No"))
    if field == "status" and isinstance(value, str):
        return status_name(value)
    if field in ("level", "target") and isinstance(value, int) and value in SCALE:
        return f"{value} {SCALE[value].get(current_language())}"
    if isinstance(value, dict) and any(key in value for key in ("filename", "url", "text")):
        return str(value.get("filename") or value.get("url") or value.get("text"))  # evidence
    if isinstance(value, dict | list):
        return (
            ", ".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else ", ".join(map(str, value))
        )
    return str(value)


def level_label(level: int) -> str:
    return f"{level}  {SCALE[level].get(current_language())}"


def score_text(value: float | None) -> str:
    """A score to one decimal, or 'not assessed'."""
    return _t(QT_TRANSLATE_NOOP("Texts", "not assessed")) if value is None else f"{value:.1f}"


def percent(fraction: float) -> str:
    return f"{fraction:.0%}"


def local_time(moment: datetime, with_date: bool = True) -> str:
    local = moment.astimezone()
    return local.strftime("%Y-%m-%d %H:%M") if with_date else local.strftime("%H:%M")


def short_policy_name(name: Text, lang: str) -> str:
    """The catch phrase of a policy name when it has one: 「AIを使う」, ("Use AI")."""
    text = name.get(lang)
    match = re.search(r"「(.+?)」", text) or re.search(r"\(\"(.+?)\"\)", text)
    return match.group(1) if match else text


def unit_display_name(name_ja: str, name_en: str | None) -> str:
    return name_en if current_language() == "en" and name_en else name_ja
