"""The notebook's sliders: ipywidgets that redraw the trade-off figure in the browser.

:func:`tradeoff_controls` makes one ``ipywidgets.SelectionSlider`` per knob of a
:class:`~synthlab.tradeoff.widget.TradeoffWidget` and ``jslink``-s each to a small anywidget,
:class:`FigureLink`, which holds every precomputed path and redraws the Plotly figure of its
cell (drawn by JupyterLab's own plotly.js) with the same JavaScript as the website's knobs.
A key press on a slider is a lookup and a redraw in the browser: no kernel round trip, so
the sliders keep working after the kernel stops, and, their state saved with the notebook,
in a notebook reopened later.
"""
from __future__ import annotations

import html
import json

import anywidget
import ipywidgets
import traitlets

from synthlab.tradeoff.plotly_figure import MIN_WIDTH
from synthlab.tradeoff.widget import _DRAWER, TradeoffWidget, _text

#: What a notebook shows where the sliders were when their widgets cannot be shown (a
#: notebook that is not trusted); the figure under it keeps its own slider for the main knob.
CONTROLS_GONE = "Run this cell (Run > Run All Cells) to bring back the sliders of the figure below."
#: The most knobs one slider can have, the main knob included.
MAX_KNOBS = 4

# The notebook's side (an anywidget without a view of its own): the ipywidgets sliders are
# jslinked to its knob0, knob1, ... in the browser; on a change it redraws the Plotly figure
# that JupyterLab's plotly renderer drew in the same cell. No kernel round trip.
_ESM = _DRAWER + f"const MIN_WIDTH = {MIN_WIDTH};\n" + """
// JupyterLab saves widget state with a notebook only under its setting "Save Widget State
// Automatically" (off by default); without, a notebook saved and reopened shows "Error
// displaying widget: model not found" where the sliders were. The sliders live in the browser
// (jslink), so their state is saved with the notebook: reopened, they work, kernel or not.
function saveWithNotebook(manager) {
  const context = manager && manager._context;
  if (!context || !context.saveState || typeof manager._saveState !== "function" || manager.synthlabSaves) return;
  manager.synthlabSaves = true;
  context.saveState.connect((_, status) => { if (status === "started") manager._saveState(); });
}

// Restored from a saved notebook without the kernel that made them, ipywidgets mark every
// widget "disconnected"; these sliders work in the browser alone, so once they drive the
// figure the mark goes.
const STYLE = `.synthlab-controls[data-ready="true"] .jupyter-widgets-disconnected::before,
.synthlab-controls[data-ready="true"].jupyter-widgets-disconnected::before { display: none; }`;

function render({ model, el }) {
  if (!document.getElementById("synthlab-controls-style")) {
    const style = document.createElement("style");
    style.id = "synthlab-controls-style";
    style.textContent = STYLE;
    document.head.appendChild(style);
  }
  const data = JSON.parse(model.get("figure_data"));
  const state = () => data.knobs.map((_, k) => model.get("knob" + k));
  try { saveWithNotebook(model.widget_manager); } catch (error) { console.warn("synthlab:", error); }
  let draw = null, stopped = false, tries = 0;
  function figure() {  // the figure JupyterLab's plotly renderer drew in this cell
    const area = el.closest(".jp-OutputArea");
    return area && area.querySelector(".js-plotly-plot");
  }
  function start(gd) {
    const box = el.closest(".synthlab-controls") || el;  // el is attached to the page by now
    // The figure shows the start values (JupyterLab draws it as saved), whatever the knobs say.
    draw = synthlabDrawer(data, gd, data.start, s => el.dispatchEvent(
      new CustomEvent("synthlab:drawn", {bubbles: true, detail: {state: s}})));
    gd.on("plotly_sliderchange", event => {  // the figure's own slider moves the main knob
      if (event.slider.active === model.get("knob0")) return;
      model.set("knob0", event.slider.active);
      model.save_changes();
    });
    const set = (k, i) => { model.set("knob" + k, i); model.save_changes(); };
    box.synthlab = {data: data, figure: gd, state: state, set: set};  // for tests and benchmarks
    // A narrow notebook scrolls the figure sideways rather than squeezing its panels.
    const output = gd.closest(".jp-OutputArea-output");
    if (output && !gd.style.minWidth) {
      output.style.overflowX = "auto";
      gd.style.minWidth = MIN_WIDTH + "px";
      window.Plotly.Plots.resize(gd);
    }
    draw(state());  // the knobs may stand elsewhere than the figure as saved
    box.dataset.ready = "true";
  }
  (function wait() {
    if (stopped) return;
    const gd = figure();
    if (window.Plotly && gd && gd._fullLayout && gd.on) return start(gd);
    // A reopened notebook: JupyterLab's plotly renderer shows the saved image of the figure
    // and draws the figure itself when the mouse enters the image; ask it to draw it now.
    const area = el.closest(".jp-OutputArea");
    const image = !gd && area && area.querySelector(".jp-RenderedPlotly img.plot-img");
    if (image && image.style.display !== "none") image.dispatchEvent(new MouseEvent("mouseenter"));
    setTimeout(wait, ++tries < 600 ? 50 : 500);
  })();
  const redraw = () => { if (draw) draw(state()); };
  data.knobs.forEach((_, k) => model.on("change:knob" + k, redraw));
  return () => {
    stopped = true;
    data.knobs.forEach((_, k) => model.off("change:knob" + k, redraw));
  };
}

export default { render };
"""


class FigureLink(anywidget.AnyWidget):
    """The browser side of the sliders (shows nothing): holds every path and redraws the Plotly
    figure of its cell when ``knob0`` (the main knob), ``knob1``, ... change."""

    _esm = _ESM
    figure_data = traitlets.Unicode("{}").tag(sync=True)  # JSON: one line in a saved notebook
    knob0 = traitlets.Int(0).tag(sync=True)
    knob1 = traitlets.Int(0).tag(sync=True)
    knob2 = traitlets.Int(0).tag(sync=True)
    knob3 = traitlets.Int(0).tag(sync=True)


class TradeoffControls(ipywidgets.VBox):
    """The sliders (a row that wraps at narrow widths) and the :class:`FigureLink`.

    Attributes ``sliders`` (main knob first), ``link`` and ``links`` (the ``jslink``-s).
    Where no widget can be shown (a notebook that is not trusted) a notebook shows
    :data:`CONTROLS_GONE` instead.
    """

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = CONTROLS_GONE
        bundle["text/html"] = f'<p class="synthlab-controls-gone">{html.escape(CONTROLS_GONE)}</p>'
        return bundle


def tradeoff_controls(widget: TradeoffWidget) -> TradeoffControls:
    """ipywidgets sliders for the knobs of ``widget``, linked in the browser to its figure.

    Parameters
    ----------
    widget : TradeoffWidget
        From :func:`synthlab.tradeoff_widget`.

    Returns
    -------
    TradeoffControls
        Display it, then ``widget.figure_output()``, in the same cell (displaying ``widget``
        does both).

    Examples
    --------
    >>> from synthlab import TradeoffPoint, tradeoff_widget
    >>> def toy(k, shift=0.0):
    ...     return TradeoffPoint(k, utility=k / 4, disclosure=(k / 4) ** 2, x=[0.0], y=[k + shift])
    >>> controls = tradeoff_controls(tradeoff_widget(toy, [1, 2, 3], ([0.0], [1.0]), knobs={"shift": [0, 1]}))
    >>> [(s.description, s.options) for s in controls.sliders]
    [('setting', (('1', 0), ('2', 1), ('3', 2))), ('shift', (('0', 0), ('1', 1)))]
    """
    rows = [(widget.labels.setting, widget.settings, widget.start)] + [
        (name, values, widget.knob_start[name]) for name, values in widget.knobs.items()]
    if len(rows) > MAX_KNOBS:
        raise ValueError(f"a slider has at most {MAX_KNOBS} knobs (the main one included), got {len(rows)}")
    sliders = [ipywidgets.SelectionSlider(
        options=[(_text(value), i) for i, value in enumerate(values)], index=values.index(value),
        description=name, continuous_update=True, style={"description_width": "initial"},
        layout=ipywidgets.Layout(flex="1 1 260px", min_width="0", max_width="440px", width="auto"))
        for name, values, value in rows]
    link = FigureLink(figure_data=json.dumps(widget.data(), separators=(",", ":")), layout=ipywidgets.Layout(display="none"),
                      **{f"knob{k}": slider.index for k, slider in enumerate(sliders)})
    links = [ipywidgets.jslink((slider, "index"), (link, f"knob{k}")) for k, slider in enumerate(sliders)]
    row = ipywidgets.HBox(sliders, layout=ipywidgets.Layout(flex_flow="row wrap", width="100%", grid_gap="0 24px"))
    controls = TradeoffControls([row, link], layout=ipywidgets.Layout(width="100%"))
    controls.add_class("synthlab-controls")
    controls.sliders, controls.link, controls.links = sliders, link, links
    return controls
