"""Uploaded report files kept between the preview and the confirmation.

A file is stored on disk under a name made of the user's id and the file's SHA-256, so a
user can only ever reach their own uploads, and the confirmation re-reads (and re-checks)
exactly the bytes that were previewed. Nothing stays in a process's memory: any app
process that sees the folder can confirm. The folder is `settings.REPORT_IMPORT_DIR` when
set (a volume shared by the app servers), else one under the system's temporary folder.
Files older than a day are removed on the next upload and by `manage.py import_cleanup`
(run it from a daily timer); a user keeps at most `IMPORT_PENDING_PER_USER` uploads, the
oldest going first. The folder is private to the app's account (0700), each file 0600.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from .limits import import_limits

MAX_AGE_SECONDS = 24 * 3600
_CHECKSUM = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class PendingFile:
    path: Path
    checksum: str
    file_name: str

    def open(self):
        return self.path.open("rb")


def pending_dir() -> Path:
    folder = getattr(settings, "REPORT_IMPORT_DIR", None) or os.path.join(
        tempfile.gettempdir(), "gdnn-report-imports"
    )
    path = Path(folder)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:  # made earlier, or by hand, open to others
        path.chmod(0o700)
    return path


def _paths(user_id: int, checksum: str) -> tuple[Path, Path]:
    base = pending_dir() / f"{user_id}-{checksum}"
    return base.with_suffix(".upload"), base.with_suffix(".name")


def pending_save(*, user, upload: UploadedFile) -> PendingFile:
    """Store the upload; the same file uploaded twice by a user is stored once."""
    pending_cleanup()
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(dir=pending_dir(), suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in upload.chunks():
                digest.update(chunk)
                out.write(chunk)
        checksum = digest.hexdigest()
        data_path, name_path = _paths(user.pk, checksum)
        os.replace(temporary, data_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    file_name = os.path.basename(upload.name or "report")[-255:]
    descriptor = os.open(name_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(file_name)
    _keep_newest(user.pk, import_limits().pending_per_user)
    return PendingFile(data_path, checksum, file_name)


def _keep_newest(user_id: int, count: int) -> None:
    """Remove the user's oldest uploads beyond `count` (the one just saved is newest)."""
    uploads = sorted(
        pending_dir().glob(f"{user_id}-*.upload"), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for path in uploads[count:]:
        _remove(path)


def pending_open(*, user, checksum: str) -> PendingFile | None:
    """The user's stored upload with this checksum, if it is still there and intact."""
    if not _CHECKSUM.match(checksum or ""):
        return None
    data_path, name_path = _paths(user.pk, checksum)
    if not data_path.is_file():
        return None
    digest = hashlib.sha256()
    with data_path.open("rb") as stream:
        while chunk := stream.read(1 << 16):
            digest.update(chunk)
    if digest.hexdigest() != checksum:
        return None
    try:
        file_name = name_path.read_text(encoding="utf-8").strip() or "report"
    except OSError:
        file_name = "report"
    return PendingFile(data_path, checksum, file_name)


def _remove(path: Path) -> None:
    """An upload, its name, and what was kept beside it (a check's error files)."""
    path.unlink(missing_ok=True)
    path.with_suffix(".name").unlink(missing_ok=True)
    for beside in path.parent.glob(f"{path.stem}.*.errors"):
        beside.unlink(missing_ok=True)


def pending_delete(pending: PendingFile) -> None:
    _remove(pending.path)


def pending_cleanup(max_age: int = MAX_AGE_SECONDS) -> int:
    """Remove every stored file older than `max_age` seconds; returns how many."""
    limit = time.time() - max_age
    removed = 0
    for path in pending_dir().iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
        except OSError:
            continue
    return removed
