"""Writing a file only its owner may read, such as the development key."""

import contextlib
import os
import tempfile
from pathlib import Path


def write_private(path: Path, text: str) -> None:
    """Replace `path` with a file holding `text`, readable and writable by its owner only.

    The file is never visible with wider permissions, not even for a moment: it is created 0600
    under a temporary name in the same folder (`mkstemp` does, whatever the umask), filled,
    flushed and then renamed over `path`, so a reader sees the old file or the whole new one.
    Writing the old file in place and chmod-ing it afterwards would leave a window in which it
    holds the new secret with the old (or the umask's) permissions.
    """
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        # mkstemp's 0600 is already umask-proof; fchmod says so where the next reader looks
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
