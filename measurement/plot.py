"""The change picture: each student an arrow from before to after on a plane of c (across) and d′ (up).

Only coordinates are computed here; the template draws the SVG (server-side, no script, no inline style), and a
table beside it gives the same numbers to screen readers. Left on the plane is "everything is dangerous", up is
"sees the difference": a class that learned moves up, a class that only grew suspicious moves left.
"""

from dataclasses import dataclass

from .selectors import ChangeReport

WIDTH, HEIGHT, MARGIN = 480, 360, 48
C_MIN, C_MAX = -1.6, 1.6
D_MIN, D_MAX = -1.0, 3.0


def _x(c: float) -> float:
    c = min(max(c, C_MIN), C_MAX)
    return round(MARGIN + (c - C_MIN) / (C_MAX - C_MIN) * (WIDTH - 2 * MARGIN), 1)


def _y(d: float) -> float:
    d = min(max(d, D_MIN), D_MAX)
    return round(HEIGHT - MARGIN - (d - D_MIN) / (D_MAX - D_MIN) * (HEIGHT - 2 * MARGIN), 1)


@dataclass(frozen=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float
    rose: bool


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Picture:
    dom_id: str
    title: str
    segments: list[Segment]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = MARGIN
    right: int = WIDTH - MARGIN
    top: int = MARGIN
    bottom: int = HEIGHT - MARGIN
    zero_x: float = _x(0)
    inner_width: int = WIDTH - 2 * MARGIN
    inner_height: int = HEIGHT - 2 * MARGIN


def change_svg(change: ChangeReport, *, dom_id: str) -> Picture:
    segments = [
        Segment(_x(a.before.c), _y(a.before.d_prime), _x(a.after.c), _y(a.after.d_prime), a.d_change > 0)
        for a in change.arrows
    ]
    return Picture(
        dom_id=dom_id,
        title=f"Verandering van {change.before.label.lower()} naar {change.after.label.lower()}",
        segments=segments,
        x_ticks=[Tick(_x(v), f"{v:g}".replace(".", ",")) for v in (-1.5, -1, -0.5, 0, 0.5, 1, 1.5)],
        y_ticks=[Tick(_y(v), f"{v:g}") for v in (-1, 0, 1, 2, 3)],
    )
