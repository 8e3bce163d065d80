"""The report fixture of tests/reports, for the documents made from it."""

from tests.reports.conftest import report  # noqa: F401
