"""The default delivery channel: a printed letter, queued at ``<home>/print-queue/<tenant>/`` for the reception printer.

Registered as a default plugin with ``trylast=True``: every channel plugin (e-mail, …) is asked
first, and what none of them took is printed — a person always gets the message. The queue holds
personal data: files and folders are its owner's only (0600/0700); the reception printer job
collects the files and deletes what it printed (see docs/operators.md, "Print queue").
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pluggy

from core.domain.notification import Notification

hookimpl = pluggy.HookimplMarker("agentur")

PRINT_QUEUE = "print-queue"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")


def letter_path(home: Path, message: Notification) -> Path:
    """``<home>/print-queue/<tenant>/<appointment>-<kind>.html``; ids that could leave the folder are refused."""
    for value in (message.tenant_id, message.appointment_id):
        if not _SAFE_NAME.match(value) or ".." in value:
            raise ValueError("tenant and appointment ids of a letter must be plain names")
    return Path(home) / PRINT_QUEUE / message.tenant_id / f"{message.appointment_id}-{message.kind}.html"


def queue_letter(home: Path, message: Notification) -> Path:
    """Write the letter (``message.html``) into the print queue, mode 0600, replacing an earlier one atomically."""
    path = letter_path(home, message)
    for folder in (path.parent.parent, path.parent):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".letter-", suffix=".tmp")  # created 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(message.html.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


@hookimpl(trylast=True)
def agentur_notify(message: Notification, home: Path) -> bool:
    """The default: print the letter (whatever the channels — no other plugin took the message)."""
    queue_letter(home, message)
    return True
