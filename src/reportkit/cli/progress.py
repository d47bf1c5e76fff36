"""How a build shows its rendering: a progress bar on a terminal, log lines elsewhere.

On a terminal (stderr): click's progress bar with the editions (or outputs) done of
their total, what is being rendered now and the time elapsed; it is redrawn as outputs
finish and every half second. Elsewhere (CI logs, files): one plain line per rendered
output. Under ``-q`` or ``--json``: nothing.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

import click

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from reportkit.building.plan import Target


def _edition(target: Target) -> str:
    return target.meeting or target.path.stem


class Progress:
    """Shown on ``stream``: a bar when it is a terminal (``bar``), else lines."""

    def __init__(self, stream: TextIO, *, bar: bool, editions: bool) -> None:
        self.stream = stream
        self.use_bar = bar
        self.editions = editions  # count editions (a bulk build) rather than outputs
        self.started = time.monotonic()
        self.total = 0
        self.done = 0
        self.left: Counter[str] = Counter()
        self.now = ""
        self.bar: ProgressBar[int] | None = None

    @classmethod
    def for_build(cls, *, quiet: bool, editions: bool) -> Progress | None:
        """The progress of a build on stderr; None under ``-q`` or ``--json``."""
        if quiet:
            return None
        return cls(sys.stderr, bar=sys.stderr.isatty(), editions=editions)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def _label(self) -> str:
        if self.editions:
            total = len(self.left)
            finished = sum(1 for count in self.left.values() if count == 0)
            return f"editions {finished}/{total}"
        return f"outputs {self.done}/{self.total}"

    def start(self, targets: Sequence[Target]) -> None:
        self.total = len(targets)
        self.left = Counter(_edition(target) for target in targets)
        if self.use_bar and targets:
            self.bar = click.progressbar(
                length=self.total,
                label=self._label(),
                file=self.stream,
                show_eta=False,
                show_percent=False,
                show_pos=False,
                item_show_func=lambda _: f"{self.now}  {self.elapsed:.0f} s",
            )
            self.bar.render_progress()

    def working(self, targets: Sequence[Target]) -> None:
        self.now = ", ".join(f"{_edition(t)} {t.fmt}" for t in targets)
        if self.bar is not None and self.done < self.total:
            self.bar.render_progress()

    def rendered(self, target: Target, seconds: float) -> None:
        self.done += 1
        self.left[_edition(target)] -= 1
        if self.bar is not None:
            self.bar.label = self._label()
            self.bar.update(1)
            if self.done == self.total:
                self.bar.render_finish()
            return
        click.echo(
            f"[{self.done:>{len(str(self.total))}}/{self.total} {self.elapsed:6.1f} s] "
            f"{target.fmt:<4}  {target.path}  rendered in {seconds:.2f} s",
            file=self.stream,
        )
