"""What an import's preview page lists: the rows that would change, cut at a limit."""

from danvan.importing import Outcome, Planned, Status


def test_preview_lists_only_changing_rows_and_counts_the_rest():
    statuses = [Status.NEW, Status.UNCHANGED, Status.CHANGED, Status.NEW, Status.UNCHANGED]
    outcome = Outcome(plan=[Planned(n + 2, f"K{n}", s) for n, s in enumerate(statuses)])
    shown = outcome.preview(limit=2)
    assert shown["outcome"] is outcome
    assert [row.key for row in shown["rows"]] == ["K0", "K2"]
    assert shown["hidden_rows"] == 1
    assert outcome.preview()["hidden_rows"] == 0 and len(outcome.preview()["rows"]) == 3
