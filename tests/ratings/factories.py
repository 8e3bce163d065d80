"""Accepted reports with review scores, built directly through the models: the shared factories
(demo/factories.py)."""

from demo.factories import (  # noqa: F401
    BASE_TIME,
    accepted_report,
    make_unit,
    many_accepted_reports,
    recognised_models,
    spread_scores,
)
