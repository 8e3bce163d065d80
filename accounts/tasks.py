"""Celery tasks of accounts: thin, they load ids and call a service."""

from celery import shared_task

from . import services


@shared_task
def send_invitation(invitation_id):
    return services.deliver_invitation(invitation_id)
