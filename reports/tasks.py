"""Celery tasks of reports: thin, they load ids and call `reports.notifications`."""

from celery import shared_task

from danvan.celery import requeuer

from . import notifications


@shared_task(name="reports.send_notifications")
def send_notifications(notification_ids):
    for notification_id in notification_ids:
        notifications.deliver(notification_id)


@shared_task(name="reports.send_deadline_reminders")
def send_deadline_reminders():
    return len(notifications.send_deadline_reminders())


@requeuer
def requeue_notifications():
    return notifications.requeue_pending()
