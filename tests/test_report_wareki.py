"""Dates in both forms, with the era year (和暦), at the era boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from reports.wareki import format_date, format_date_short, wareki_year


@pytest.mark.parametrize(
    ("day", "ja", "en"),
    [
        (date(2019, 4, 30), "2019年4月30日（平成31年）", "30 April 2019 (Heisei 31)"),
        (date(2019, 5, 1), "2019年5月1日（令和元年）", "1 May 2019 (Reiwa 1)"),
        (date(2019, 12, 31), "2019年12月31日（令和元年）", "31 December 2019 (Reiwa 1)"),
        (date(2020, 1, 1), "2020年1月1日（令和2年）", "1 January 2020 (Reiwa 2)"),
        (date(2026, 11, 26), "2026年11月26日（令和8年）", "26 November 2026 (Reiwa 8)"),
        (date(1989, 1, 7), "1989年1月7日（昭和64年）", "7 January 1989 (Showa 64)"),
        (date(1989, 1, 8), "1989年1月8日（平成元年）", "8 January 1989 (Heisei 1)"),
        (date(1926, 12, 24), "1926年12月24日（大正15年）", "24 December 1926 (Taisho 15)"),
        (date(1926, 12, 25), "1926年12月25日（昭和元年）", "25 December 1926 (Showa 1)"),
        (date(1912, 7, 29), "1912年7月29日（明治45年）", "29 July 1912 (Meiji 45)"),
        (date(1912, 7, 30), "1912年7月30日（大正元年）", "30 July 1912 (Taisho 1)"),
    ],
)
def test_both_forms_at_the_era_boundaries(day: date, ja: str, en: str) -> None:
    assert format_date(day, "ja") == ja
    assert format_date(day, "en") == en


def test_before_the_gregorian_calendar_there_is_no_era_day() -> None:
    assert wareki_year(date(1850, 6, 1)) == ""
    assert format_date(date(1850, 6, 1), "ja") == "1850年6月1日"
    assert format_date(date(1850, 6, 1), "en") == "1 June 1850"
    assert wareki_year(date(1870, 6, 1)) == "明治3年"  # Meiji years existed before the calendar changed


def test_short_form_has_no_era() -> None:
    assert format_date_short(date(2026, 4, 1), "ja") == "2026年4月1日"
    assert format_date_short(date(2026, 4, 1), "en") == "1 Apr 2026"
