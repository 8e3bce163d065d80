"""Celery tasks of accounts: thin, they load ids and call a service."""

from celery import shared_task

from danvan import jobs

from . import services
from .models import Invitation


# Nobody reads its result; see reports.tasks.send_notifications.
@shared_task(ignore_result=True)
def send_invitation(invitation_id):
    return services.deliver_invitation(invitation_id)


jobs.register(
    jobs.JobKind(
        name=services.INVITATION_JOB,
        task=send_invitation,
        waiting=Invitation.objects.waiting,
    )
)
