"""The notebook slider: every knob setting computed in advance, the figure redrawn by the browser.

The widget computes the trade-off path for every value of the other knobs (each knob has a
handful of settings), draws the first with :func:`synthlab.tradeoff_plotly` (the drawing of
the website too) and writes all paths into the page. One ``<input type="range">`` per knob
(keyboard and mouse) then restyles the figure's moving traces in place (``Plotly.animate``):
no kernel round trip, no image sent. The figure's own Plotly slider moves the main knob too.
As nothing runs in the kernel after the cell, the slider keeps working after the kernel
stops, in any trusted notebook and on a static web page.

In a notebook the widget shows two outputs and embeds no plotly.js: the knobs (HTML and the
script), then the figure as :func:`synthlab.plotly_html` shows it, i.e. Plotly's own mimetype,
which JupyterLab draws with the plotly.js it ships (which sets ``window.Plotly``), and HTML
for the website, which loads plotly.js once per page. The script waits for ``window.Plotly``
and the drawn figure of its own cell, then drives it.
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

# The controls and the script that drives them; {div_id} is the figure's <div>, {data} the paths.
_CONTROLS = """<div class="synthlab-knobs" id="{div_id}-knobs" data-figure="{div_id}" data-ready="false"
     style="display:flex; flex-wrap:wrap; gap:4px 28px; font:14px sans-serif; margin:4px 0 2px 60px;">
{inputs}
<span class="synthlab-knobs-note" style="color:#777;">(these knobs move once the notebook's cells have run
in this session; the slider under the figure works without)</span>
</div>"""
_INPUT = """<label style="display:flex; align-items:center; gap:8px;">{name}
<input type="range" class="synthlab-knob" data-knob="{index}" min="0" max="{last}" step="1" value="{value}"
       aria-valuetext="{text}" style="width:{width}px;" disabled>
<output style="min-width:4.5em;">{text}</output></label>"""
_SCRIPT = """<script type="application/json" id="{div_id}-data">{data}</script>
<script>
(() => {{
  const id = "{div_id}", me = document.currentScript;
  // This cell's own knobs and data (JupyterLab may show a second copy of the notebook, same ids).
  const scope = (me && me.parentElement) || document;
  const box = scope.querySelector(`[id="${{id}}-knobs"]`) || document.getElementById(id + "-knobs");
  const dataScript = scope.querySelector(`[id="${{id}}-data"]`) || document.getElementById(id + "-data");
  const data = JSON.parse(dataScript.textContent);
  const inputs = Array.from(box.querySelectorAll("input.synthlab-knob"));
  const state = inputs.map(input => Number(input.value));
  function combo() {{  // position of the other knobs' values in data.paths (mixed radix)
    let c = 0;
    for (let k = 1; k < state.length; k++) c = c * data.knobs[k].values.length + state[k];
    return c;
  }}
  let shownPath = combo();  // the figure starts with the path of the knobs' start values
  const animation = {{transition: {{duration: 0}}, frame: {{duration: 0, redraw: false}}, mode: "immediate"}};
  function draw(gd, fromFigure) {{
    const c = combo(), step = data.paths[c].steps[state[0]];
    const traces = data.moving.slice();
    const frame = traces.map((trace, i) => (
      step.text[i] === null ? {{x: step.x[i], y: step.y[i]}} : {{x: step.x[i], y: step.y[i], text: step.text[i]}}));
    if (c !== shownPath) {{
      traces.push(data.path_trace); frame.push(data.paths[c].line); shownPath = c;
    }}
    // Plotly.animate without redraw restyles the traces in place (no recalculation of the
    // whole figure, unlike Plotly.update); the data panel's title is set in place too.
    return window.Plotly.animate(gd, {{data: frame, traces: traces}}, animation).then(() => {{
      gd.layout.annotations[0].text = step.label;
      gd._fullLayout.annotations[0].text = step.label;
      const title = gd.querySelector('.annotation[data-index="0"] .annotation-text');
      if (title) title.textContent = step.label;
      box.dispatchEvent(new CustomEvent("synthlab:drawn", {{detail: {{state: state.slice()}}}}));
      if (!fromFigure && gd.layout.sliders && gd.layout.sliders.length && gd.layout.sliders[0].active !== state[0]) {{
        requestAnimationFrame(() => window.Plotly.relayout(gd, {{"sliders[0].active": state[0]}}));
      }}
    }});
  }}
  function start(gd) {{
    if (gd.layout.sliders && gd.layout.sliders.length) {{
      for (const steps of [gd.layout.sliders[0].steps, gd._fullLayout.sliders[0].steps]) {{
        steps.forEach(step => {{ step.method = "skip"; step.args = []; }});  // the script draws
      }}
      gd.on("plotly_sliderchange", event => {{
        if (event.slider.active === state[0]) return;
        state[0] = event.slider.active; inputs[0].value = state[0]; show(0); draw(gd, true);
      }});
    }}
    function show(k) {{
      const text = data.knobs[k].values[state[k]];
      inputs[k].nextElementSibling.textContent = text;
      inputs[k].setAttribute("aria-valuetext", text);
    }}
    inputs.forEach((input, k) => {{
      input.addEventListener("input", () => {{ state[k] = Number(input.value); show(k); draw(gd, false); }});
      input.addEventListener("keydown", event => event.stopPropagation());  // not the notebook's shortcuts
    }});
    inputs.forEach(input => {{ input.disabled = false; }});  // disabled where the script cannot run
    const note = box.querySelector(".synthlab-knobs-note");
    if (note) note.remove();
    box.figure = gd;
    box.dataset.ready = "true";
  }}
  function figure() {{
    // JupyterLab: the plotly renderer's graph in this cell's outputs (the figure is the next
    // output); a web page: the <div> plotly_html wrote, drawn once plotly.js has loaded.
    const area = box.closest(".jp-OutputArea, .cell_output");
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
        """What the page's script needs: the knobs, and every path's steps (JSON-ready)."""
        knobs = [{"name": self.labels.setting, "values": [_text(s) for s in self.settings]}]
        knobs += [{"name": name, "values": [_text(v) for v in values]} for name, values in self.knobs.items()]
        paths = []
        for path in self.paths.values():
            steps = [dict(_step_data(point), label=point.label) for point in path]
            paths.append({"steps": steps, "line": _path_data(path)})
        return {"knobs": knobs, "paths": paths, "moving": MOVING_TRACES, "path_trace": PATH_TRACE}

    def controls_html(self) -> str:
        """The knobs as HTML range inputs (main knob first)."""
        rows = [(self.labels.setting, self.settings, self.start)] + [
            (name, values, self.knob_start[name]) for name, values in self.knobs.items()]
        inputs = [_INPUT.format(name=html.escape(name), index=k, last=len(values) - 1, value=values.index(value),
                                text=html.escape(_text(value)), width=max(80, min(260, 14 * len(values))))
                  for k, (name, values, value) in enumerate(rows)]
        return _CONTROLS.format(div_id=self.div_id, inputs="\n".join(inputs))

    def knobs_html(self) -> str:
        """The knobs, the paths' data and the script that draws them on the figure of
        :meth:`figure_html` (shown after it; no plotly.js)."""
        data = json.dumps(self.data(), separators=(",", ":")).replace("</", "<\\/")
        return self.controls_html() + _SCRIPT.format(div_id=self.div_id, data=data)

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

    def _ipython_display_(self) -> None:
        # Two outputs: the knobs (HTML and script), then the figure (Plotly's mimetype for
        # JupyterLab, HTML for the website); neither carries plotly.js.
        from IPython.display import HTML, display

        display(HTML(self.knobs_html()))
        display(self._html)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return (f"<trade-off slider: {len(self.settings)} settings x "
                f"{len(self.paths)} combination(s) of {', '.join(self.knobs) or 'no other knobs'}>")


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
