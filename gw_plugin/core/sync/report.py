"""What a sync reports (``SyncReport``: counts, push sequence, messages) and the error it raises (``SyncError``).

Shared by every part of the sync (pull, push, attachments, conflicts, the ``engine`` entry point). No QGIS import.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Optional


class SyncError(Exception):
    """Sync could not run; nothing was lost (the message says what to do)."""


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0
    stale: int = 0
    open_conflicts: int = 0
    pending: int = 0
    attachments_uploaded: int = 0
    attachments_downloaded: int = 0
    push_seq: Optional[int] = None
    server_rev: Optional[int] = None
    resent: bool = False
    new_identity: bool = False
    tracking_restored: list = field(default_factory=list)
    attachment_errors: list = field(default_factory=list)
    messages: list = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"pushed {self.pushed}, pulled {self.pulled}, merged {self.merged}, conflicts {self.conflicts} "
            f"(open {self.open_conflicts}), rejected {self.rejected}, still pending {self.pending}, "
            f"attachments up {self.attachments_uploaded} / down {self.attachments_downloaded}"
        )

    def as_dict(self) -> dict:
        return asdict(self)
