"""Files shared between the app and a refresh run from cron by another user of the same group.

Every file written here is group read/write (0664, not mkstemp's 0600) and replaced atomically, so
that the app's user and a cron user who share a group (and a setgid cache folder, see README) can
both replace it and both read it. Nothing here is POSIX-only at import.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

GROUP_RW = 0o664  # owner and group read/write, others read
SHARED_FOLDER = 0o2775  # group write, and setgid so new files keep the folder's group


def ensure_folder(folder: Path) -> None:
    """Create the folder (and parents) if missing; a folder we create is shared with the group."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(folder, SHARED_FOLDER)
    except OSError:  # not ours to change (or a platform without setgid): the folder still works
        pass


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path` (raises OSError)."""
    ensure_folder(path.parent)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(temporary, GROUP_RW)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


_OS_ERRORS = {
    errno.EACCES: "mangler tilgang",
    errno.EPERM: "mangler tillatelse",
    errno.ENOSPC: "disken er full",
    errno.EROFS: "disken er skrivebeskyttet",
    errno.ENOENT: "finnes ikke",
    errno.ENOTDIR: "en del av stien er en fil, ikke en mappe",
    errno.EISDIR: "er en mappe, ikke en fil",
    errno.EEXIST: "finnes allerede",
    errno.EDQUOT: "diskkvoten er brukt opp",
}


def describe(exc: OSError) -> str:
    """An OS error in plain Norwegian (the English text of the system is not shown to users)."""
    return _OS_ERRORS.get(exc.errno, "feil i filsystemet")
