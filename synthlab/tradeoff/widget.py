"""The trade-off slider: every knob setting computed in advance, the figure redrawn by the browser.

The widget computes the trade-off path for every value of the other knobs (each knob has a
handful of settings) and draws the first with :func:`synthlab.tradeoff_plotly`. Moving a knob
then costs a lookup and a redraw in the browser: the moving traces are restyled in place
(``Plotly.animate``), no kernel round trip, no image sent. One JavaScript function,
``synthlabDrawer``, does the redraw in both places the slider lives:

- In a notebook the widget shows two outputs, neither with plotly.js: ipywidgets sliders
  (:mod:`synthlab.tradeoff.controls`, linked to the redraw in the browser with ``jslink``),
  then the figure as Plotly's mimetype, which JupyterLab draws with the plotly.js it ships.
  The figure's own Plotly slider moves the main knob too, even where the widgets cannot show.
- On the website (no kernel) the figure's HTML output carries HTML range inputs for the knobs,
  every path and the script; the page loads plotly.js once from its own static folder.
"""
from __future__ import annotations

import html
import itertools
import json
from collections.abc import Callable, Hashable, Mapping, Sequence

import numpy as np

from synthlab.tradeoff.path import TradeoffLabels, TradeoffPath, TradeoffPoint, tradeoff_path
from synthlab.tradeoff.plotly_figure import (MOVING_TRACES, PATH_TRACE, PlotlyHTML, _path_data, _step_data,
                                             plotly_html, tradeoff_plotly)

_DRAWER = """// The trade-off figure's redraw, shared by the notebook's ipywidgets and the website's knobs.
// data: every knob's values and every path's steps (TradeoffWidget.data()); gd: the drawn
// Plotly figure; state: a position per knob (main knob first). draw(state) restyles the five
// moving traces in place (Plotly.animate without redraw: no recalculation of the figure), and
// the grey path when another knob changed, then calls drawn(state).
function synthlabDrawer(data, gd, state, drawn) {
  const combo = s => {  // position of the other knobs' values in data.paths (mixed radix)
    let c = 0;
    for (let k = 1; k < s.length; k++) c = c * data.knobs[k].values.length + s[k];
    return c;
  };
  let shownPath = combo(state);  // the figure starts with the path of the knobs' start values
  const animation = {transition: {duration: 0}, frame: {duration: 0, redraw: false}, mode: "immediate"};
  if (gd.layout.sliders && gd.layout.sliders.length) {  // the figure's own slider: the script draws
    for (const steps of [gd.layout.sliders[0].steps, gd._fullLayout.sliders[0].steps]) {
      steps.forEach(step => { step.method = "skip"; step.args = []; });
    }
  }
  return function draw(s) {
    s = s.slice();
    const c = combo(s), step = data.paths[c].steps[s[0]];
    const traces = data.moving.slice();
    const frame = traces.map((trace, i) => (
      step.text[i] === null ? {x: step.x[i], y: step.y[i]} : {x: step.x[i], y: step.y[i], text: step.text[i]}));
    if (c !== shownPath) {
      traces.push(data.path_trace); frame.push(data.paths[c].line); shownPath = c;
    }
    return window.Plotly.animate(gd, {data: frame, traces: traces}, animation).then(() => {
      gd.layout.annotations[0].text = step.label;  // the data panel's title, set in place
      gd._fullLayout.annotations[0].text = step.label;
      const title = gd.querySelector('.annotation[data-index="0"] .annotation-text');
      if (title) title.textContent = step.label;
      drawn(s);
      const slider = gd.layout.sliders && gd.layout.sliders[0];
      if (slider && slider.active !== s[0]) {
        requestAnimationFrame(() => window.Plotly.relayout(gd, {"sliders[0].active": s[0]}));
      }
    });
  };
}
"""
# The controls and the script that drives them; {div_id} is the figure's <div>, {data} the paths.
_CONTROLS = """<div class="synthlab-knobs" id="{div_id}-knobs" data-figure="{div_id}" data-ready="false"
     style="display:flex; flex-wrap:wrap; gap:4px 28px; font:14px sans-serif; margin:4px 0 2px 0; max-width:100%;">
{inputs}
<span class="synthlab-knobs-note" style="color:#777;">(these knobs move once the page's script has run;
the slider under the figure works without)</span>
</div>"""
_INPUT = """<label style="display:flex; align-items:center; gap:8px; flex:1 1 240px; min-width:0; max-width:{max_width}px;">
<span style="white-space:nowrap;">{name}</span>
<input type="range" class="synthlab-knob" data-knob="{index}" min="0" max="{last}" step="1" value="{value}"
       aria-valuetext="{text}" style="flex:1 1 auto; min-width:60px; width:auto;" disabled>
<output style="min-width:3em;">{text}</output></label>"""
_SCRIPT = """<script type="application/json" id="{div_id}-data">{data}</script>
<script>
(() => {{
{drawer}
  const id = "{div_id}", me = document.currentScript;
  // This cell's own knobs and data (a page may show a second copy of the same ids).
  const scope = (me && me.parentElement) || document;
  const box = scope.querySelector(`[id="${{id}}-knobs"]`) || document.getElementById(id + "-knobs");
  const dataScript = scope.querySelector(`[id="${{id}}-data"]`) || document.getElementById(id + "-data");
  const data = JSON.parse(dataScript.textContent);
  const inputs = Array.from(box.querySelectorAll("input.synthlab-knob"));
  const state = inputs.map(input => Number(input.value));
  function show(k) {{
    const text = data.knobs[k].values[state[k]];
    inputs[k].nextElementSibling.textContent = text;
    inputs[k].setAttribute("aria-valuetext", text);
  }}
  function start(gd) {{
    const draw = synthlabDrawer(data, gd, state,
      s => box.dispatchEvent(new CustomEvent("synthlab:drawn", {{detail: {{state: s}}}})));
    gd.on("plotly_sliderchange", event => {{  // the figure's own slider moves the main knob
      if (event.slider.active === state[0]) return;
      state[0] = event.slider.active; inputs[0].value = state[0]; show(0); draw(state);
    }});
    inputs.forEach((input, k) => {{
      input.addEventListener("input", () => {{ state[k] = Number(input.value); show(k); draw(state); }});
      input.addEventListener("keydown", event => event.stopPropagation());  // not a notebook's shortcuts
    }});
    inputs.forEach(input => {{ input.disabled = false; }});  // disabled where the script cannot run
    const note = box.querySelector(".synthlab-knobs-note");
    if (note) note.remove();
    const set = (k, i) => {{ inputs[k].value = i; inputs[k].dispatchEvent(new Event("input")); }};
    box.synthlab = {{data: data, figure: gd, state: () => state.slice(), set: set}};  // for tests and benchmarks
    box.dataset.ready = "true";
  }}
  function figure() {{  // the <div> plotly_html wrote next to the knobs, drawn once plotly.js has loaded
    const area = box.closest(".cell_output, .jp-OutputArea-output");
    return (area && area.querySelector(".js-plotly-plot")) || document.getElementById(id);
  }}
  let tries = 0;
  (function wait() {{
    const gd = figure();
    if (window.Plotly && gd && gd._fullLayout && gd.on) return start(gd);
    if (++tries === 600) console.warn("synthlab: no Plotly figure for the slider " + id + " after 30 s");
    setTimeout(wait, 50);
  }})();
}})();
</script>"""


def _text(value: Hashable) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


class TradeoffWidget:
    """Knobs plus the trade-off figure, kernel-free; made by :func:`tradeoff_widget`.

    Attributes
    ----------
    settings : list
        The main knob's values.
    knobs : dict of str to list
        The other knobs' values, by keyword name.
    knob_start : dict
        The other knobs' initial values.
    paths : dict of tuple to TradeoffPath
        The path over ``settings`` for every combination of the other knobs' values (keyed by
        the values, in the order of ``knobs``).
    figure : plotly.graph_objects.Figure
        The figure as first shown (:func:`synthlab.tradeoff_plotly`).
    """

    def __init__(self, compute: Callable[..., TradeoffPoint], settings: Sequence[Hashable],
                 observed: tuple[np.ndarray, np.ndarray], start: Hashable | None,
                 knobs: Mapping[str, Sequence[Hashable]], knob_start: Mapping[str, Hashable],
                 labels: TradeoffLabels, height: int, div_id: str | None) -> None:
        self.settings = list(settings)
        self.knobs = {name: list(values) for name, values in knobs.items()}
        self.knob_start = {name: knob_start.get(name, values[0]) for name, values in self.knobs.items()}
        for name, value in self.knob_start.items():
            if value not in self.knobs[name]:
                raise ValueError(f"knob_start[{name!r}] = {value!r} is not one of its values {self.knobs[name]}")
        self.labels = labels
        self.paths: dict[tuple, TradeoffPath] = {}
        for values in itertools.product(*self.knobs.values()):
            self.paths[values] = tradeoff_path(compute, self.settings, **dict(zip(self.knobs, values)))
        first = self.paths[tuple(self.knob_start.values())]
        self.start = self.settings[0] if start is None else start
        others = [path for values, path in self.paths.items() if path is not first]
        self.figure = tradeoff_plotly(first, observed, first.index(self.start), labels=labels, height=height,
                                      range_paths=others)
        self._html = plotly_html(self.figure, div_id=div_id)
        self.div_id = self._html.div_id

    def data(self) -> dict:
        """What the redraw needs: the knobs, every path's steps, and the knobs' positions of
        the figure as first drawn (JSON-ready)."""
        knobs = [{"name": self.labels.setting, "values": [_text(s) for s in self.settings]}]
        knobs += [{"name": name, "values": [_text(v) for v in values]} for name, values in self.knobs.items()]
        paths = []
        for path in self.paths.values():
            steps = [dict(_step_data(point), label=point.label) for point in path]
            paths.append({"steps": steps, "line": _path_data(path)})
        start = [self.settings.index(self.start)] + [values.index(self.knob_start[name])
                                                     for name, values in self.knobs.items()]
        return {"knobs": knobs, "paths": paths, "start": start, "moving": MOVING_TRACES, "path_trace": PATH_TRACE}

    def controls_html(self) -> str:
        """The knobs as HTML range inputs (main knob first)."""
        rows = [(self.labels.setting, self.settings, self.start)] + [
            (name, values, self.knob_start[name]) for name, values in self.knobs.items()]
        inputs = [_INPUT.format(name=html.escape(name), index=k, last=len(values) - 1, value=values.index(value),
                                text=html.escape(_text(value)),
                                max_width=max(240, min(440, 160 + 14 * len(values))))
                  for k, (name, values, value) in enumerate(rows)]
        return _CONTROLS.format(div_id=self.div_id, inputs="\n".join(inputs))

    def knobs_html(self) -> str:
        """The knobs, the paths' data and the script that draws them on the figure of
        :meth:`figure_html` (shown after it; no plotly.js)."""
        data = json.dumps(self.data(), separators=(",", ":")).replace("</", "<\\/")
        return self.controls_html() + _SCRIPT.format(div_id=self.div_id, data=data, drawer=_DRAWER)

    def figure_html(self) -> PlotlyHTML:
        """The figure as first shown, as :func:`synthlab.plotly_html` shows it (no plotly.js)."""
        return self._html

    def to_html(self, full_html: bool = False) -> str:
        """Knobs, figure and script as one HTML fragment, which needs plotly.js loaded by the
        page (as the course website does); a whole page (``full_html=True``) carries plotly.js
        compressed and works on its own, offline."""
        if not full_html:
            return self.knobs_html() + self._html.to_html()
        figure = plotly_html(self.figure, include_plotlyjs="gzip", div_id=self.div_id).to_html()
        return (f'<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"></head>\n<body>\n'
                f'{self.knobs_html()}{figure}\n</body>\n</html>\n')

    def controls(self):
        """The knobs as ipywidgets sliders that redraw the figure in the browser (jslink).

        A ``VBox`` (see :func:`synthlab.tradeoff.controls.tradeoff_controls`); display it,
        then :meth:`figure_output`, in one cell, as displaying the widget does: the sliders
        drive the figure of their own cell.
        """
        from synthlab.tradeoff.controls import tradeoff_controls

        return tradeoff_controls(self)

    def figure_output(self) -> PlotlyHTML:
        """The figure for a notebook: Plotly's mimetype for JupyterLab (no plotly.js); for the
        website, HTML with the knobs, the figure and the script (:meth:`to_html`)."""
        return _FigureOutput(self)

    def _ipython_display_(self) -> None:
        # Two outputs: the ipywidgets sliders (a widget; for the website, nothing), then the
        # figure (Plotly's mimetype for JupyterLab, HTML with knobs and script for the website).
        from IPython.display import display

        display(self.controls())
        display(self.figure_output())

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return (f"<trade-off slider: {len(self.settings)} settings x "
                f"{len(self.paths)} combination(s) of {', '.join(self.knobs) or 'no other knobs'}>")


class _FigureOutput(PlotlyHTML):
    """The figure of a :class:`TradeoffWidget` in a notebook: for JupyterLab Plotly's mimetype
    (drawn by its own plotly.js), for the website the knobs, figure and script as HTML."""

    def __init__(self, widget: "TradeoffWidget") -> None:  # noqa: super().__init__ would serialise again
        shown = widget.figure_html()
        self.fig, self.include_plotlyjs, self.figure_json, self.div_id = (
            shown.fig, shown.include_plotlyjs, shown.figure_json, shown.div_id)
        self._widget = widget

    def to_html(self, full_html: bool = False) -> str:
        return self._widget.to_html(full_html)



def tradeoff_widget(compute: Callable[..., TradeoffPoint], settings: Sequence[Hashable],
                    observed: tuple[np.ndarray, np.ndarray], *, start: Hashable | None = None,
                    knobs: Mapping[str, Sequence[Hashable]] | None = None,
                    knob_start: Mapping[str, Hashable] | None = None, labels: TradeoffLabels | None = None,
                    height: int = 470, div_id: str | None = None) -> TradeoffWidget:
    """Sliders over ``settings`` and further knobs, showing the trade-off figure, without a kernel.

    Every combination of knob values is computed here, once; the page then switches between
    them in the browser, redrawing the figure in place.

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
        ``{"noise": [0.0, 0.5, 1.0, 2.0]}``; each should have a handful of values, as
        ``compute`` runs for every combination.
    knob_start : mapping, optional
        Initial values of those knobs (default: each one's first value).
    labels : TradeoffLabels, optional
    height : int
        Height of the figure in pixels.
    div_id : str, optional
        Id of the figure's ``<div>`` (default: derived from the figure).

    Returns
    -------
    TradeoffWidget
        Displays itself in Jupyter as two outputs, the knobs and the figure (no plotly.js:
        JupyterLab and the course website bring their own); ``.to_html(full_html=True)``
        gives a stand-alone page.

    Examples
    --------
    >>> from synthlab import SplineTradeoff, tv_subset, load_boys
    >>> small = tv_subset(load_boys())
    >>> compute = SplineTradeoff(small)
    >>> widget = tradeoff_widget(compute, compute.settings, (small["age"], small["tv"]),
    ...                          knobs={"noise": [0.0, 1.0, 2.0]}, knob_start={"noise": 1.0})
    >>> len(widget.paths), widget.paths[(2.0,)][23].disclosure  # 24 df copies the data at any noise
    (3, 1.0)
    """
    if not callable(compute):
        raise TypeError(f"compute must be callable, got {type(compute).__name__}")
    knobs = dict(knobs or {})
    knob_start = dict(knob_start or {})
    unknown = set(knob_start) - set(knobs)
    if unknown:
        raise ValueError(f"knob_start names knobs that are not in knobs: {', '.join(sorted(unknown))}")
    for name, values in knobs.items():
        if len(values) == 0:
            raise ValueError(f"knob {name!r} needs at least one value")
    if start is not None and start not in list(settings):
        raise ValueError(f"start must be one of the settings, got {start!r}")
    return TradeoffWidget(compute, settings, observed, start, knobs, knob_start, labels or TradeoffLabels(),
                          height, div_id)
