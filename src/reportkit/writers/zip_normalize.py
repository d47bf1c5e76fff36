"""Make an OOXML zip (docx, xlsx) byte-identical across builds."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from datetime import datetime

_EARLIEST = (1980, 1, 1, 0, 0, 0)


def normalize_zip(
    data: bytes,
    when: datetime,
    rewrite: Mapping[str, Callable[[bytes], bytes]] | None = None,
) -> bytes:
    """Rewrite every member with the time ``when``, fixed attributes and a fixed order.

    ``[Content_Types].xml`` stays first (as Office writes it); the rest follow by name.
    ``rewrite`` maps member names to a function that changes their content on the way.
    """
    rewrite = rewrite or {}
    stamp = max(_EARLIEST, when.timetuple()[:6])
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            content = source.read(name)
            if name in rewrite:
                content = rewrite[name](content)
            target.writestr(info, content, compresslevel=6)
    return out.getvalue()
