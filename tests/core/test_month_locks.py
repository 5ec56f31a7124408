"""Month lock names: every month a date range touches, once, whatever the month lengths."""

from datetime import date

from service.core.locks import month_locks


def test_a_range_across_a_year_end_names_each_month_it_touches() -> None:
    assert month_locks("m", date(2025, 11, 30), date(2026, 2, 1)) == {
        "m:2025-11",
        "m:2025-12",
        "m:2026-01",
        "m:2026-02",
    }


def test_a_day_names_its_own_month_only() -> None:
    assert month_locks("m", date(2024, 2, 29), date(2024, 2, 29)) == {"m:2024-02"}


def test_month_ends_do_not_skip_a_short_month() -> None:
    # the 1st plus 32 days is always inside the next month, February included
    assert month_locks("m", date(2026, 1, 31), date(2026, 3, 1)) == {
        "m:2026-01",
        "m:2026-02",
        "m:2026-03",
    }
