import pytest

from tests.review.factories import submitted_report


@pytest.fixture
def report(unit_a, hana, criteria_set):
    """Unit A's report of the year, submitted by its head."""
    return submitted_report(unit_a, hana, criteria_set)
