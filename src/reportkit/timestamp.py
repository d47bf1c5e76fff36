"""The reproducible time of a build: when its source last changed.

Kept apart from :mod:`reportkit.view` (Pydantic) so that a build can tell that nothing
changed without loading the model (:mod:`reportkit.noop`).
"""

from __future__ import annotations

import os
from pathlib import Path


def source_epoch(source: Path) -> int:
    """SOURCE_DATE_EPOCH, else the source's last git commit time, else its mtime (seconds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return int(epoch)
    import subprocess

    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", source.name],
            cwd=source.parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if done.returncode == 0 and done.stdout.strip():
            return int(done.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    return int(source.stat().st_mtime)
