"""A seeded province for the dashboard tests: the shared factories (demo/factories.py)."""

from demo.factories import (  # noqa: F401
    build_province,
    fill_indicators,
    fill_report,
    final_scores,
    self_score,
    submitted_at,
)
