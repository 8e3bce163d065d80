"""Reports in the states the review tests need, built through the services: the shared
factories (demo/factories.py)."""

from demo.factories import fill, submitted_report, unit_head  # noqa: F401
