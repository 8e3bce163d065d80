"""Reading the mail a real worker wrote: it is another process, so its mail goes to files
(EMAIL_URL=filemail://... set by the `real_worker` fixture) rather than to `mail.outbox`."""

import email
import time
from email import policy
from pathlib import Path

import pytest

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def worker_mails(mail_dir):
    """Every message the worker sent, as (recipients, subject, body)."""
    mails = []
    for path in sorted(Path(mail_dir).glob("*.log")):
        for chunk in path.read_bytes().split(SEPARATOR):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk.strip(), policy=policy.default)
            body = message.get_body(preferencelist=("plain",)).get_content()
            mails.append((message["To"], str(message["Subject"]), body))
    return mails


def wait_for(condition, what, timeout=60):
    """Poll `condition` until the worker has done its part; fail (not hang) after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"the worker did not finish: {what}")
