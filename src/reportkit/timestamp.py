"""The reproducible time of a build: when its source last changed.

Kept apart from :mod:`reportkit.view` (Pydantic) so that a build can tell that nothing
changed without loading the model (:mod:`reportkit.noop`).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from reportkit.wareki import era_year

_JST = timezone(timedelta(hours=9))


def source_epoch(source: Path) -> int:
    """SOURCE_DATE_EPOCH, else the source's last git commit time, else its mtime (seconds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return _epoch(epoch)
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


def _epoch(value: str) -> int:
    """SOURCE_DATE_EPOCH as seconds, or SetupError saying what is wrong with it."""
    from reportkit.errors import SetupError  # only when the value is wrong

    fix = "unset it, or set it to seconds since 1970-01-01 UTC: $(git log -1 --format=%ct)"
    try:
        seconds = int(value)
        stamp = datetime.fromtimestamp(seconds, UTC)
    except ValueError:
        raise SetupError(
            f"SOURCE_DATE_EPOCH={value[:40]} is not a whole number of seconds\n  hint: {fix}"
        ) from None
    except (OverflowError, OSError):
        raise SetupError(f"SOURCE_DATE_EPOCH={value[:40]} is out of range\n  hint: {fix}") from None
    try:
        era_year(stamp.astimezone(_JST).date())
    except ValueError as exc:
        raise SetupError(f"SOURCE_DATE_EPOCH={value}: {exc}\n  hint: {fix}") from None
    return seconds
