"""Dates as a Japanese ministry writes them: the Gregorian date with the era year (和暦).

``format_date(date(2026, 11, 26), "ja")`` → ``2026年11月26日（令和8年）``;
in English ``26 November 2026 (Reiwa 8)``. The first year of an era is 元年 in Japanese.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Era:
    ja: str
    en: str
    starts: date  # the first day of the era (Gregorian)


#: The modern eras, newest first (start days in the Gregorian calendar).
ERAS: tuple[Era, ...] = (
    Era("令和", "Reiwa", date(2019, 5, 1)),
    Era("平成", "Heisei", date(1989, 1, 8)),
    Era("昭和", "Showa", date(1926, 12, 25)),
    Era("大正", "Taisho", date(1912, 7, 30)),
    Era("明治", "Meiji", date(1868, 1, 25)),  # Meiji 1-5 ran on the lunisolar calendar: the year holds
)

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def era_year(day: date) -> tuple[Era, int] | None:
    """The era and the year within it (1 = the first year), or None before Meiji."""
    for era in ERAS:
        if day >= era.starts:
            return era, day.year - era.starts.year + 1
    return None


def wareki_year(day: date, lang: str = "ja") -> str:
    """``令和8年`` / ``令和元年`` in Japanese, ``Reiwa 8`` in English; "" when there is no era."""
    found = era_year(day)
    if found is None:
        return ""
    era, year = found
    if lang == "en":
        return f"{era.en} {year}"
    return f"{era.ja}{'元' if year == 1 else year}年"


def format_date(day: date, lang: str = "ja") -> str:
    """The date in both forms: ``2026年11月26日（令和8年）`` or ``26 November 2026 (Reiwa 8)``."""
    era = wareki_year(day, lang)
    if lang == "en":
        text = f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
        return f"{text} ({era})" if era else text
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text}（{era}）" if era else text


def format_date_short(day: date, lang: str = "ja") -> str:
    """The Gregorian date only, for tables: ``2026年11月26日`` or ``26 Nov 2026``."""
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1][:3]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"
