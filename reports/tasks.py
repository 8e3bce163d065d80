"""Celery tasks of reports: thin, they load ids and call `reports.notifications`."""

from celery import shared_task

from danvan import jobs

from . import notifications


# Nobody reads what it returns: without ignore_result, each publish from a web process would
# also subscribe that process to the task's result channel in Redis, for good (Celery's Redis
# result backend listens for every task it sends until its result is fetched).
@shared_task(name="reports.send_notifications", ignore_result=True)
def send_notifications(notification_ids):
    for notification_id in notification_ids:
        notifications.deliver(notification_id)


@shared_task(name="reports.send_deadline_reminders")
def send_deadline_reminders():
    return len(notifications.send_deadline_reminders())


jobs.register(
    jobs.JobKind(
        name=notifications.JOB,
        task=send_notifications,
        waiting=notifications.waiting,
        messages=lambda pks: [[list(pks)]],
    )
)
