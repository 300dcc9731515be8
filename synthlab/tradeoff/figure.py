"""Draw one setting of a trade-off path with matplotlib, and redraw it fast.

Three panels: the data (observed points, the model's curve, the synthetic points), the
setting's utility and disclosure as bars, and the privacy-utility plane of chapter 1 (utility
to the right, privacy = 1 - disclosure upwards) with the path of all settings and the current
one marked. Moving to another setting only changes the data of existing artists
(``set_offsets``, ``set_data``, ``set_width``) and repaints them over a saved image of the
static parts (blitting on the Agg canvas); no axes are rebuilt.
"""
from __future__ import annotations

import io
import textwrap

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from synthlab.tradeoff.path import TradeoffLabels, TradeoffPath, TradeoffPoint

# Okabe-Ito colours (colour-blind safe).
OBSERVED, MODEL, UTILITY, DISCLOSURE, CURRENT = "#555555", "#0072B2", "#009E73", "#D55E00", "#E69F00"


def _limits(values: np.ndarray, pad: float = 0.05) -> tuple[float, float]:
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    low, high = float(values.min()), float(values.max())
    span = (high - low) or 1.0
    return low - pad * span, high + pad * span


def _wrap(text: str, width: int = 18) -> str:
    """Break a panel title into lines of about ``width`` characters."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))


class TradeoffFigure:
    """A matplotlib figure of one setting that can be moved to another setting quickly.

    Made by :func:`draw_tradeoff`. ``show(point)`` redraws for another setting,
    ``set_path(path)`` replaces the path (when another knob changed), ``to_png()`` gives the
    image. In a notebook the object displays itself as a PNG.
    """

    def __init__(self, path: TradeoffPath, observed: tuple[np.ndarray, np.ndarray], current: int,
                 labels: TradeoffLabels, figsize: tuple[float, float], dpi: int) -> None:
        self.labels = labels
        self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(self.figure)
        grid = self.figure.add_gridspec(2, 3, width_ratios=[2.2, 1.0, 1.7])
        self.ax_data = self.figure.add_subplot(grid[:, 0])
        self.ax_utility = self.figure.add_subplot(grid[0, 1])
        self.ax_disclosure = self.figure.add_subplot(grid[1, 1])
        self.ax_plane = self.figure.add_subplot(grid[:, 2])
        if labels.title:
            self.figure.suptitle(labels.title)
        self._observed = (np.asarray(observed[0], float), np.asarray(observed[1], float))
        self._draw_static(path)
        self.canvas.draw()
        self.figure.set_layout_engine("none")  # layout fixed once: redraws skip it
        self._background = None
        self.show(path[current])

    def _draw_static(self, path: TradeoffPath) -> None:
        first = path[0]
        ax = self.ax_data
        ax.scatter(*self._observed, color=OBSERVED, s=22, label="observed", zorder=3)
        self._synthetic = ax.scatter(first.x, first.y, color=MODEL, marker="^", s=26, label="synthetic", zorder=4)
        (self._curve,) = ax.plot([], [], color=MODEL, label="model")
        ax.set(xlabel=self.labels.x, ylabel=self.labels.y)
        self._title_data = ax.set_title(first.label, fontsize="medium")  # text set per setting
        ax.legend(loc="upper left", frameon=False, fontsize="small")
        for bar_ax in (self.ax_utility, self.ax_disclosure):
            bar_ax.set_yticks([])
            bar_ax.set_ylim(-0.6, 0.6)
            bar_ax.spines[["top", "right", "left"]].set_visible(False)
        (self._bar_utility,) = self.ax_utility.barh([0], [0.0], height=0.7, color=UTILITY)
        (self._bar_disclosure,) = self.ax_disclosure.barh([0], [0.0], height=0.7, color=DISCLOSURE)
        # Titles laid out for two lines (value appended per setting), so the layout leaves room.
        self._title_utility = self.ax_utility.set_title(_wrap(self.labels.utility) + ": 0.00", fontsize="medium")
        self._title_disclosure = self.ax_disclosure.set_title(_wrap(self.labels.disclosure) + ": 0.00",
                                                              fontsize="medium")
        self.ax_disclosure.set_xlim(0, 1)
        plane = self.ax_plane
        (self._path_line,) = plane.plot([], [], color="0.6", marker="o", markersize=3, linewidth=1,
                                        label=f"all settings ({self.labels.setting})")
        (self._current_marker,) = plane.plot([], [], linestyle="none", marker="o", markersize=11,
                                             color=CURRENT, markeredgecolor="black", label="current setting")
        # The first and last settings are named on the path, each towards the middle of the plane.
        self._ends = [plane.annotate("", (0, 0), xytext=(0, 0), textcoords="offset points", fontsize="small",
                                     bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8,
                                           "linewidth": 0}) for _ in range(2)]
        plane.set(xlabel=self.labels.utility + " (more useful →)", ylabel="privacy = 1 − disclosure",
                  title="privacy-utility plane")
        plane.set_ylim(-0.05, 1.05)
        if not self.labels.higher_utility_is_better:
            plane.set_xlabel(self.labels.utility + " (lower is more useful →)")
        plane.legend(loc="lower left", frameon=False, fontsize="small")
        self._moving = [self._synthetic, self._curve, self._bar_utility, self._bar_disclosure,
                        self._title_utility, self._title_disclosure, self._current_marker, self._title_data]
        for artist in self._moving:
            artist.set_animated(True)  # left out of the background, drawn by _blit
        self.set_path(path, redraw=False)

    def set_path(self, path: TradeoffPath, redraw: bool = True) -> None:
        """Draw a new path (e.g. after another knob changed); fixes all axis limits from it."""
        self.path = path
        self._background = None
        utility, privacy = path.utility, 1.0 - path.disclosure
        self._path_line.set_data(utility, privacy)
        low, high = _limits(np.append(utility, 0.0))  # 0 included: bars start at 0
        self.ax_plane.set_xlim((low, high) if self.labels.higher_utility_is_better else (high, low))
        for annotation, point in zip(self._ends, (path[0], path[-1])):
            self._place_end(annotation, point)
        self.ax_utility.set_xlim(low, high)
        xs = np.concatenate([self._observed[0]] + [p.x for p in path]
                            + [p.curve_x for p in path if p.curve_x is not None])
        ys = np.concatenate([self._observed[1]] + [p.y for p in path]
                            + [p.curve_y for p in path if p.curve_y is not None])
        self.ax_data.set_xlim(*_limits(xs))
        self.ax_data.set_ylim(*_limits(ys))
        if redraw:
            self.show(self.point)

    def _place_end(self, annotation, point: TradeoffPoint) -> None:
        """Name ``point`` next to it, on the side facing the middle of the plane (stays inside)."""
        xy = (point.utility, 1.0 - point.disclosure)
        (x0, x1), (y0, y1) = self.ax_plane.get_xlim(), self.ax_plane.get_ylim()
        right = (xy[0] - x0) / (x1 - x0) > 0.5  # works for a reversed axis too
        top = (xy[1] - y0) / (y1 - y0) > 0.5
        annotation.xy = xy
        annotation.set_text(point.label.replace(", ", ",\n"))
        annotation.set_horizontalalignment("right" if right else "left")
        annotation.set_verticalalignment("top" if top else "bottom")
        annotation.set_position((-9 if right else 9, -9 if top else 9))

    def show(self, point: TradeoffPoint | int) -> None:
        """Redraw for ``point`` (a :class:`TradeoffPoint`, or a position on the path)."""
        if not isinstance(point, TradeoffPoint):
            point = self.path[point]
        self.point = point
        self._synthetic.set_offsets(np.column_stack([point.x, point.y]))
        if point.curve_x is not None:
            self._curve.set_data(point.curve_x, point.curve_y)
        self._bar_utility.set_width(point.utility)
        self._bar_disclosure.set_width(point.disclosure)
        self._title_utility.set_text(f"{_wrap(self.labels.utility)}: {point.utility:.2f}")
        self._title_disclosure.set_text(f"{_wrap(self.labels.disclosure)}: {point.disclosure:.2f}")
        self._current_marker.set_data([point.utility], [1.0 - point.disclosure])
        self._title_data.set_text(point.label)
        self._blit()

    def _blit(self) -> None:
        # Paint the saved background, then only the artists that change with the setting.
        if self._background is None:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self.canvas.restore_region(self._background)
        for artist in self._moving:
            self.figure.draw_artist(artist)

    def to_png(self, compress_level: int = 1) -> bytes:
        """The current image as PNG bytes (encodes the drawn buffer; does not draw again)."""
        buffer = np.asarray(self.canvas.buffer_rgba())
        stream = io.BytesIO()
        Image.fromarray(buffer, mode="RGBA").save(stream, format="png", compress_level=compress_level)
        return stream.getvalue()

    def _repr_png_(self) -> bytes:
        return self.to_png(compress_level=6)


def draw_tradeoff(path: TradeoffPath, observed: tuple[np.ndarray, np.ndarray], current: int = 0, *,
                  labels: TradeoffLabels | None = None, figsize: tuple[float, float] = (11.0, 3.8),
                  dpi: int = 80) -> TradeoffFigure:
    """Draw the trade-off figure of one setting (matplotlib, Agg canvas).

    Parameters
    ----------
    path : TradeoffPath
        All settings (from :func:`synthlab.tradeoff_path`).
    observed : (x, y) arrays
        The real points drawn under every setting.
    current : int
        Position on the path of the setting to show first.
    labels : TradeoffLabels, optional
        Axis labels and the direction of the utility.
    figsize, dpi
        Size of the image (a small dpi keeps redraws fast).

    Returns
    -------
    TradeoffFigure
        Call ``.show(i)`` to move to another setting; displays itself in a notebook.

    Examples
    --------
    >>> from synthlab import SplineTradeoff, tradeoff_path, tv_subset, load_boys
    >>> small = tv_subset(load_boys())
    >>> compute = SplineTradeoff(small)
    >>> figure = draw_tradeoff(tradeoff_path(compute, compute.settings), (small["age"], small["tv"]))
    >>> figure.show(3)
    """
    if not isinstance(path, TradeoffPath):
        raise TypeError(f"path must be a TradeoffPath (see tradeoff_path), got {type(path).__name__}")
    if len(observed) != 2 or len(observed[0]) != len(observed[1]):
        raise ValueError("observed must be a pair (x, y) of equal-length arrays")
    if not -len(path) <= current < len(path):
        raise ValueError(f"current must be a position on the path (0..{len(path) - 1}), got {current}")
    return TradeoffFigure(path, observed, current, labels or TradeoffLabels(), figsize, dpi)
