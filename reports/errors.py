"""The errors a report's services raise when they refuse an action.

Their own module, below everything that raises or catches them (services, evidence checks,
the review app, views), so none of those needs another to name a refusal.
"""

from django.utils.translation import gettext as _


class ReportError(Exception):
    """A refused action; the message is for the user, in their language."""


class StaleReport(ReportError):
    """Someone else saved the report after the version this request was based on."""

    def __init__(self, report):
        self.current = report
        super().__init__(
            _(
                "Someone else saved this report after you opened it. Your changes were not "
                "saved; compare both versions below and save again."
            )
        )


class UnexplainedWarnings(ReportError):
    """The figures contradict the year's consistency rules and the head has not said why."""

    def __init__(self, rules):
        self.rules = rules
        super().__init__(
            _(
                "The figures break the consistency rules below. Write a short explanation for "
                "each before submitting; the review team reads them."
            )
        )


class IncompleteReport(ReportError):
    def __init__(self, missing):
        self.missing = missing
        super().__init__(_("The report cannot be submitted yet: some parts are missing."))
