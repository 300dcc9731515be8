"""Jupyter sliders (ipywidgets) on top of the trade-off pieces.

The widget is thin: the figures come from a compute function (any one returning
:class:`synthlab.TradeoffPoint`), the path from :func:`synthlab.tradeoff_path`, the image
from :func:`synthlab.draw_tradeoff`. Moving the main slider repaints the matplotlib figure
and swaps the PNG shown; moving another knob recomputes the path for the new value.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence

import numpy as np

from synthlab.tradeoff.path import TradeoffLabels, TradeoffPoint, tradeoff_path
from synthlab.tradeoff.figure import draw_tradeoff


class TradeoffWidget:
    """Sliders plus the trade-off image; made by :func:`tradeoff_widget`.

    Attributes
    ----------
    slider : ipywidgets.SelectionSlider
        The main knob.
    knobs : dict of ipywidgets.SelectionSlider
        The other knobs, by keyword name.
    image : ipywidgets.Image
        The current figure as PNG.
    figure : TradeoffFigure
        The matplotlib figure behind the image.
    box : ipywidgets.VBox
        What a notebook displays.
    """

    def __init__(self, compute: Callable[..., TradeoffPoint], settings: Sequence[Hashable],
                 observed: tuple[np.ndarray, np.ndarray], start: Hashable | None,
                 knobs: Mapping[str, Sequence[Hashable]], knob_start: Mapping[str, Hashable],
                 labels: TradeoffLabels, figsize: tuple[float, float], dpi: int) -> None:
        import ipywidgets as widgets

        self.compute, self.settings = compute, list(settings)
        self.fixed = {name: knob_start.get(name, values[0]) for name, values in knobs.items()}
        self.path = tradeoff_path(compute, self.settings, **self.fixed)
        start = self.settings[0] if start is None else start
        self.figure = draw_tradeoff(self.path, observed, self.path.index(start), labels=labels,
                                    figsize=figsize, dpi=dpi)
        self.image = widgets.Image(value=self.figure.to_png(), format="png")
        self.slider = widgets.SelectionSlider(options=[(str(s), s) for s in self.settings], value=start,
                                              description=labels.setting, continuous_update=True,
                                              style={"description_width": "initial"},
                                              layout={"width": "60%"})
        self.slider.observe(lambda change: self.show(change["new"]), names="value")
        self.knobs = {}
        for name, values in knobs.items():
            knob = widgets.SelectionSlider(options=[(str(v), v) for v in values], value=self.fixed[name],
                                           description=name, continuous_update=False,
                                           style={"description_width": "initial"}, layout={"width": "60%"})
            knob.observe(lambda change, name=name: self.set_knob(name, change["new"]), names="value")
            self.knobs[name] = knob
        self.box = widgets.VBox([self.slider, *self.knobs.values(), self.image])

    def show(self, setting: Hashable) -> None:
        """Move to ``setting`` of the main knob: repaint and swap the image."""
        self.figure.show(self.path.index(setting))
        self.image.value = self.figure.to_png()

    def set_knob(self, name: str, value: Hashable) -> None:
        """Change another knob: recompute the path at the new value and redraw."""
        self.fixed[name] = value
        self.path = tradeoff_path(self.compute, self.settings, **self.fixed)
        self.figure.set_path(self.path, redraw=False)
        self.show(self.slider.value)

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def tradeoff_widget(compute: Callable[..., TradeoffPoint], settings: Sequence[Hashable],
                    observed: tuple[np.ndarray, np.ndarray], *, start: Hashable | None = None,
                    knobs: Mapping[str, Sequence[Hashable]] | None = None,
                    knob_start: Mapping[str, Hashable] | None = None, labels: TradeoffLabels | None = None,
                    figsize: tuple[float, float] = (11.0, 3.8), dpi: int = 80) -> TradeoffWidget:
    """A slider over ``settings`` (and optional further knobs) showing the trade-off figure.

    Parameters
    ----------
    compute : callable
        ``compute(setting, **knob_values)`` returns a :class:`synthlab.TradeoffPoint`.
    settings : sequence
        Values of the main knob, in slider order.
    observed : (x, y) arrays
        The real points drawn under every setting.
    start : optional
        Initial main setting (default: the first).
    knobs : mapping of str to sequence, optional
        Further keyword arguments of ``compute`` with their slider values, e.g.
        ``{"noise": [0.0, 0.5, 1.0, 2.0]}``.
    knob_start : mapping, optional
        Initial values of those knobs (default: each one's first value).
    labels : TradeoffLabels, optional
    figsize, dpi
        Size of the image.

    Returns
    -------
    TradeoffWidget
        Displays itself in Jupyter.

    Examples
    --------
    >>> from synthlab import SplineTradeoff, tv_subset, load_boys
    >>> small = tv_subset(load_boys())
    >>> compute = SplineTradeoff(small)
    >>> widget = tradeoff_widget(compute, compute.settings, (small["age"], small["tv"]),
    ...                          knobs={"noise": [0.0, 1.0, 2.0]}, knob_start={"noise": 1.0})
    >>> widget.slider.value = 24  # the image now shows the interpolating spline
    """
    if not callable(compute):
        raise TypeError(f"compute must be callable, got {type(compute).__name__}")
    knobs = dict(knobs or {})
    knob_start = dict(knob_start or {})
    unknown = set(knob_start) - set(knobs)
    if unknown:
        raise ValueError(f"knob_start names knobs that are not in knobs: {', '.join(sorted(unknown))}")
    return TradeoffWidget(compute, settings, observed, start, knobs, knob_start, labels or TradeoffLabels(),
                          figsize, dpi)
