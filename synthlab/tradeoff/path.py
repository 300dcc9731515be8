"""The privacy-utility trade-off as numbers: one setting's figures, and the path over settings.

A *compute function* turns one setting of a synthesis model's knob (spline degrees of
freedom, a CART leaf size, ...) into a :class:`TradeoffPoint`: its utility, its disclosure
and the synthetic points to draw. :func:`tradeoff_path` runs it over every setting. The
drawing functions (:func:`synthlab.draw_tradeoff`, :func:`synthlab.tradeoff.plotly_figure`) and the
widget (:func:`synthlab.tradeoff_widget`) accept any compute function, so every slider of the
course is built from the same pieces.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class TradeoffPoint:
    """The figures of one setting of a synthesis model.

    Parameters
    ----------
    setting : hashable
        The knob's value, e.g. ``4`` degrees of freedom.
    utility : float
        How useful the synthetic data are (see ``TradeoffLabels.higher_utility_is_better``).
    disclosure : float
        Disclosure risk as a share between 0 (nothing disclosed) and 1 (everything).
    x, y : array of float
        The synthetic points to draw (same length).
    curve_x, curve_y : array of float, optional
        A fitted curve to draw through the data (e.g. the synthesis model's mean).
    label : str
        How to name this setting in a figure; defaults to ``str(setting)``.

    Examples
    --------
    >>> point = TradeoffPoint(3, utility=0.6, disclosure=0.2, x=[1.0, 2.0], y=[3.0, 4.0])
    >>> point.label
    '3'
    """

    setting: Hashable
    utility: float
    disclosure: float
    x: np.ndarray
    y: np.ndarray
    curve_x: np.ndarray | None = None
    curve_y: np.ndarray | None = None
    label: str = ""

    def __post_init__(self) -> None:
        put = object.__setattr__  # the dataclass is frozen; normalise once here
        put(self, "utility", float(self.utility))
        put(self, "disclosure", float(self.disclosure))
        if not np.isfinite(self.utility):
            raise ValueError(f"utility must be a finite number, got {self.utility}")
        if not 0.0 <= self.disclosure <= 1.0:
            raise ValueError(f"disclosure must be a share between 0 and 1, got {self.disclosure}")
        put(self, "x", np.asarray(self.x, dtype=float))
        put(self, "y", np.asarray(self.y, dtype=float))
        if self.x.shape != self.y.shape or self.x.ndim != 1:
            raise ValueError(f"x and y must be 1-d and of equal length, got {self.x.shape} and {self.y.shape}")
        if (self.curve_x is None) != (self.curve_y is None):
            raise ValueError("give both curve_x and curve_y, or neither")
        if self.curve_x is not None:
            put(self, "curve_x", np.asarray(self.curve_x, dtype=float))
            put(self, "curve_y", np.asarray(self.curve_y, dtype=float))
            if self.curve_x.shape != self.curve_y.shape:
                raise ValueError("curve_x and curve_y must have equal length")
        if not self.label:
            put(self, "label", str(self.setting))


@dataclass(frozen=True)
class TradeoffLabels:
    """Axis and figure labels shared by the matplotlib, plotly and widget versions.

    ``higher_utility_is_better=False`` is for losses such as a pMSE or a divergence: the
    utility axes are then reversed, so that "more useful" is always to the right.
    """

    x: str = "x"
    y: str = "y"
    utility: str = "utility"
    disclosure: str = "disclosure"
    setting: str = "setting"
    title: str = ""
    higher_utility_is_better: bool = True


@dataclass(frozen=True)
class TradeoffPath:
    """The points of a compute function over a sequence of settings, in slider order."""

    points: tuple[TradeoffPoint, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if len(self.points) == 0:
            raise ValueError("a trade-off path needs at least one setting")

    def __len__(self) -> int:
        return len(self.points)

    def __getitem__(self, index: int) -> TradeoffPoint:
        return self.points[index]

    def __iter__(self) -> Iterator[TradeoffPoint]:
        return iter(self.points)

    @property
    def settings(self) -> list[Hashable]:
        return [p.setting for p in self.points]

    @property
    def utility(self) -> np.ndarray:
        return np.array([p.utility for p in self.points])

    @property
    def disclosure(self) -> np.ndarray:
        return np.array([p.disclosure for p in self.points])

    def index(self, setting: Hashable) -> int:
        """Position of ``setting`` on the path (``ValueError`` if absent)."""
        for i, point in enumerate(self.points):
            if point.setting == setting:
                return i
        raise ValueError(f"setting {setting!r} is not on the path; settings: {self.settings}")


def tradeoff_path(compute: Callable[..., TradeoffPoint], settings: Iterable[Hashable],
                  **fixed: object) -> TradeoffPath:
    """Run ``compute(setting, **fixed)`` for every setting.

    Parameters
    ----------
    compute : callable
        Returns a :class:`TradeoffPoint` for one setting.
    settings : iterable
        The knob's values, in the order of the slider.
    **fixed
        Further keyword arguments passed to every call (the other knobs).

    Returns
    -------
    TradeoffPath

    Examples
    --------
    >>> def compute(k):
    ...     return TradeoffPoint(k, utility=k / 3, disclosure=(k / 3) ** 2, x=[0.0], y=[k])
    >>> tradeoff_path(compute, [1, 2, 3]).disclosure.round(2)
    array([0.11, 0.44, 1.  ])
    """
    if not callable(compute):
        raise TypeError(f"compute must be callable, got {type(compute).__name__}")
    points = []
    for setting in settings:
        point = compute(setting, **fixed)
        if not isinstance(point, TradeoffPoint):
            raise TypeError(f"compute({setting!r}) must return a TradeoffPoint, got {type(point).__name__}")
        points.append(point)
    return TradeoffPath(tuple(points))
