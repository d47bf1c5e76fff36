"""Balanced columns: flowables set in side-by-side columns, filled in turn.

Where the content runs on to another page, each page's columns are full; where it ends,
the last columns are balanced (the shortest height that still holds what is left), so
no page ends with a full column beside an empty one. A flowable that does not fit at the
foot of a column is split (a paragraph keeps two lines on each side) or moved to the
next column; a heading that keeps with the next flowable is never left at a column foot;
``continued`` may put a heading atop a column that starts in the middle of a group.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

#: Least height worth starting the columns in; with less they start on the next page.
MINIMUM = 48.0
TOLERANCE = 1.0  # points: how closely balanced columns are fitted


@dataclass(frozen=True)
class _Placed:
    flowable: Flowable
    top: float  # distance from the top of the column
    height: float


_Column = list[_Placed]


def _no_heading(flowable: Flowable) -> Flowable | None:
    return None


class Columns(Flowable):
    """``content`` in ``count`` columns ``gap`` points apart; see the module docstring."""

    def __init__(
        self,
        content: Sequence[Flowable],
        *,
        gap: float,
        count: int = 2,
        continued: Callable[[Flowable], Flowable | None] = _no_heading,
        continues: bool = False,
    ) -> None:
        super().__init__()
        self._content = list(content)
        self._gap = gap
        self._count = count
        self._continued = continued
        self._continues = continues  # the rest of a split: its first column continues a group
        self._columns: list[_Column] = []
        self.height = 0.0

    # -- packing -------------------------------------------------------------------------

    def _column_width(self, width: float) -> float:
        return (width - self._gap * (self._count - 1)) / self._count

    def _pack(self, width: float, height: float) -> tuple[list[_Column], list[Flowable]]:
        """Fill up to ``count`` columns of ``height``; return them and what is left over."""
        queue = list(self._content)
        columns: list[_Column] = []
        for _ in range(self._count):
            if not queue:
                break
            heading = self._continued(queue[0])
            if heading is not None and (columns or self._continues):
                queue.insert(0, heading)
            columns.append(self._fill(queue, width, height))
        return columns, queue

    def _fill(self, queue: list[Flowable], width: float, height: float) -> _Column:
        """Take from ``queue`` what fits in one column of ``height``."""
        column: _Column = []
        used = 0.0
        while queue:
            flowable = queue[0]
            space = flowable.getSpaceBefore() if column else 0.0
            room = height - used - space
            _, needed = flowable.wrap(width, room)
            if needed <= room + 1e-6 and self._next_fits(queue, width, room - needed):
                column.append(_Placed(flowable, used + space, needed))
                used += space + needed + flowable.getSpaceAfter()
                queue.pop(0)
                continue
            parts = flowable.split(width, room) if needed > room + 1e-6 else []
            if len(parts) >= 2:
                _, first = parts[0].wrap(width, room)
                column.append(_Placed(parts[0], used + space, first))
                queue[0:1] = parts[1:]
            elif not column:  # taller than a whole column and unsplittable: set it anyway
                column.append(_Placed(flowable, 0.0, needed))
                queue.pop(0)
            break
        return column

    @staticmethod
    def _next_fits(queue: list[Flowable], width: float, room: float) -> bool:
        """For a flowable that keeps with the next: is there room for the next's start?"""
        if not getattr(queue[0], "keepWithNext", False) or len(queue) < 2:
            return True
        following = queue[1]
        room -= queue[0].getSpaceAfter() + following.getSpaceBefore()
        _, needed = following.wrap(width, room)
        return needed <= room + 1e-6 or len(following.split(width, room)) >= 2

    def _balanced(self, width: float, height: float) -> tuple[list[_Column], float]:
        """The lowest column height (within ``height``) that still holds all the content."""
        low, high = 0.0, height
        best, _ = self._pack(width, height)
        while high - low > TOLERANCE:
            middle = (low + high) / 2
            columns, rest = self._pack(width, middle)
            if rest:
                low = middle
            else:
                high, best = middle, columns
        return best, high

    # -- Flowable protocol ---------------------------------------------------------------

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        if self._columns:  # a part made by split: laid out already
            return availWidth, self.height
        width = self._column_width(availWidth)
        _, rest = self._pack(width, availHeight)
        if rest:  # too tall: the frame will split it
            return availWidth, availHeight + 1.0
        self._columns, _ = self._balanced(width, availHeight)
        self.height = self._used(self._columns)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if availHeight < MINIMUM:
            return []
        columns, rest = self._pack(self._column_width(availWidth), availHeight)
        if not columns or not columns[0]:
            return []
        first = Columns([], gap=self._gap, count=self._count)
        first._columns, first.height = columns, self._used(columns)
        if not rest:
            return [first]
        after = Columns(
            rest, gap=self._gap, count=self._count, continued=self._continued, continues=True
        )
        return [first, after]

    @staticmethod
    def _used(columns: list[_Column]) -> float:
        return max((p.top + p.height for column in columns for p in column[-1:]), default=0.0)

    def draw(self) -> None:
        width = self._column_width(self.width)
        for index, column in enumerate(self._columns):
            x = index * (width + self._gap)
            for placed in column:
                placed.flowable.drawOn(self.canv, x, self.height - placed.top - placed.height)
