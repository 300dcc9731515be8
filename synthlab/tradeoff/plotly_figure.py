"""The trade-off figure without a kernel: a Plotly figure whose slider steps are precomputed.

Every setting's data (curve, synthetic points, the two bars, the marker on the plane) is
written into the figure; the slider only switches between them in the browser. So the
figure works on a static website, and offline: the course website loads plotly.js once from
its own static folder, JupyterLab draws the figure with its own plotly.js, and a stand-alone
page can carry plotly.js itself (:func:`plotly_html`).
"""
from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import json
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from synthlab.tradeoff.path import TradeoffLabels, TradeoffPath, TradeoffPoint
from synthlab.tradeoff.figure import CURRENT, DISCLOSURE, MODEL, OBSERVED, UTILITY

#: Indices of the traces a slider step changes: curve, synthetic points, two bars, marker.
MOVING_TRACES = [1, 2, 3, 4, 6]
#: Index of the trace of the path over all settings (changes with the other knobs).
PATH_TRACE = 5


def _rounded(values: Any, digits: int = 4) -> list[float]:
    return np.round(np.asarray(values, dtype=float), digits).tolist()


def _data_ranges(paths: Sequence[TradeoffPath], observed: tuple[np.ndarray, np.ndarray]) -> tuple[list, list]:
    """Axis ranges of the data panel that hold every setting's points and curve, on every path."""
    points = [p for path in paths for p in path]
    ranges = []
    for axis, attr, curve in [(0, "x", "curve_x"), (1, "y", "curve_y")]:
        values = np.concatenate([np.asarray(observed[axis], float)] + [getattr(p, attr) for p in points]
                                + [getattr(p, curve) for p in points if getattr(p, curve) is not None])
        low, high = float(values.min()), float(values.max())
        pad = 0.05 * ((high - low) or 1.0)
        ranges.append([low - pad, high + pad])
    return ranges[0], ranges[1]


def _step_data(point: TradeoffPoint) -> dict[str, list]:
    """Data of the moving traces for one setting, as Plotly's ``restyle`` expects it."""
    # curves at 2 decimals, below a pixel: an interpolating spline (high df) is ill-conditioned,
    # and its 4th decimal differs between processors' arithmetic
    curve_x = _rounded(point.curve_x, 2) if point.curve_x is not None else []
    curve_y = _rounded(point.curve_y, 2) if point.curve_y is not None else []
    return {
        "x": [curve_x, _rounded(point.x), [round(point.utility, 4)], [round(point.disclosure, 4)],
              [round(point.utility, 4)]],
        "y": [curve_y, _rounded(point.y), [""], [""], [round(1.0 - point.disclosure, 4)]],
        "text": [None, None, [f"{point.utility:.2f}"], [f"{point.disclosure:.2f}"], [point.label]],
    }


def _path_data(path: TradeoffPath) -> dict[str, list]:
    """Data of the grey path over all settings (trace :data:`PATH_TRACE`)."""
    return {"x": _rounded(path.utility), "y": _rounded(1.0 - path.disclosure), "text": [p.label for p in path]}


def _wrap(text: str, width: int = 20) -> str:
    """Break a panel title into lines of about ``width`` characters (Plotly's ``<br>``)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(lines + [line])


def tradeoff_plotly(path: TradeoffPath, observed: tuple[np.ndarray, np.ndarray], current: int = 0, *,
                    labels: TradeoffLabels | None = None, height: int = 470,
                    range_paths: Sequence[TradeoffPath] = ()):
    """A Plotly figure of the trade-off path with a slider over its settings.

    Same panels as :func:`synthlab.draw_tradeoff`: data with model curve and synthetic
    points; utility and disclosure bars; the privacy-utility plane with the path and the
    current setting. Moving the slider restyles the five moving traces
    (:data:`MOVING_TRACES`) with data stored in the figure. The layout fits a column from
    about 650 px (a website's text column) to 1000 px (JupyterLab's output area) wide.

    Parameters
    ----------
    path : TradeoffPath
    observed : (x, y) arrays
        The real points, drawn under every setting.
    current : int
        Position of the setting shown first.
    labels : TradeoffLabels, optional
    height : int
        Figure height in pixels.
    range_paths : sequence of TradeoffPath, optional
        Further paths (other values of other knobs) whose points the axes must hold too, so
        that switching to them does not need new axes (see :func:`synthlab.tradeoff_widget`).

    Returns
    -------
    plotly.graph_objects.Figure
        Show it with :func:`plotly_html` on a website (kernel-free, offline).

    Examples
    --------
    >>> from synthlab import SplineTradeoff, tradeoff_path, tv_subset, load_boys
    >>> small = tv_subset(load_boys())
    >>> compute = SplineTradeoff(small)
    >>> fig = tradeoff_plotly(tradeoff_path(compute, compute.settings), (small["age"], small["tv"]))
    >>> len(fig.layout.sliders[0].steps)
    25
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    if not isinstance(path, TradeoffPath):
        raise TypeError(f"path must be a TradeoffPath (see tradeoff_path), got {type(path).__name__}")
    if not -len(path) <= current < len(path):
        raise ValueError(f"current must be a position on the path (0..{len(path) - 1}), got {current}")
    paths = [path, *range_paths]
    if not all(isinstance(p, TradeoffPath) for p in paths):
        raise TypeError("range_paths must hold TradeoffPath objects")
    labels = labels or TradeoffLabels()
    current = current % len(path)
    fig = make_subplots(rows=2, cols=3, column_widths=[0.38, 0.17, 0.45], horizontal_spacing=0.1,
                        vertical_spacing=0.32, specs=[[{"rowspan": 2}, {}, {"rowspan": 2}], [None, {}, None]],
                        subplot_titles=[path[current].label, _wrap(labels.utility), "privacy-utility plane",
                                        _wrap(labels.disclosure)])
    start = _step_data(path[current])
    fig.add_trace(go.Scatter(x=_rounded(observed[0]), y=_rounded(observed[1]), mode="markers", name="observed",
                             marker={"color": OBSERVED, "size": 6}), row=1, col=1)                      # 0
    fig.add_trace(go.Scatter(x=start["x"][0], y=start["y"][0], mode="lines", name="model",
                             line={"color": MODEL}), row=1, col=1)                                       # 1
    fig.add_trace(go.Scatter(x=start["x"][1], y=start["y"][1], mode="markers", name="synthetic",
                             marker={"color": MODEL, "symbol": "triangle-up", "size": 7}), row=1, col=1)  # 2
    for column, (row, colour) in enumerate([(1, UTILITY), (2, DISCLOSURE)]):                             # 3, 4
        fig.add_trace(go.Bar(x=start["x"][2 + column], y=[""], text=start["text"][2 + column], orientation="h",
                             textposition="outside", marker={"color": colour}, showlegend=False,
                             cliponaxis=False), row=row, col=2)
    line = _path_data(path)
    fig.add_trace(go.Scatter(x=line["x"], y=line["y"], mode="lines+markers",
                             name=f"all settings ({labels.setting})", text=line["text"],
                             hoverinfo="text", line={"color": "#999999", "width": 1},
                             marker={"size": 5}), row=1, col=3)                                          # 5
    fig.add_trace(go.Scatter(x=start["x"][4], y=start["y"][4], text=start["text"][4], mode="markers",
                             name="current setting", hoverinfo="text", cliponaxis=False,
                             marker={"color": CURRENT, "size": 14, "line": {"color": "black", "width": 1}}),
                  row=1, col=3)                                                                          # 6
    utility = np.concatenate([p.utility for p in paths])
    low, high = min(0.0, float(utility.min())), float(utility.max()) or 1.0
    utility_range = [low - 0.04 * (high - low), high + 0.04 * (high - low)]  # room for the marker at the ends
    xs, ys = _data_ranges(paths, observed)
    fig.update_xaxes(title_text=labels.x, range=xs, row=1, col=1)  # fixed: axes must not jump between steps
    fig.update_yaxes(title_text=labels.y, range=ys, row=1, col=1)
    # The bars' axes leave a third of room for the value written after the bar.
    fig.update_xaxes(range=[min(low, 0.0), high + 0.35 * (high - low)], nticks=3, row=1, col=2)
    fig.update_xaxes(range=[0, 1.35], tickvals=[0, 0.5, 1], row=2, col=2)
    direction = "more useful →" if labels.higher_utility_is_better else "lower: more useful →"
    fig.update_xaxes(title_text=f"{labels.utility}<br>({direction})", row=1, col=3,
                     range=utility_range if labels.higher_utility_is_better else utility_range[::-1])
    fig.update_yaxes(title_text="privacy = 1 − disclosure", title_standoff=4, range=[-0.05, 1.05], row=1, col=3)
    fig.update_annotations(font_size=13)  # the panel titles
    # annotations[0] is the data panel's title (subplot titles come in grid order).
    steps = [{"method": "update", "label": str(point.setting),
              "args": [_step_data(point), {"annotations[0].text": point.label}, MOVING_TRACES]}
             for point in path]
    fig.update_layout(height=height, title={"text": labels.title, "x": 0, "xanchor": "left", "y": 0.985,
                                            "yanchor": "top", "font": {"size": 15}},
                      margin={"t": 100, "b": 40, "l": 60, "r": 20}, font={"size": 12},
                      legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                              "yref": "container", "font": {"size": 12}},
                      template="simple_white",
                      sliders=[{"active": current, "steps": steps, "pad": {"t": 62}, "len": 1.0, "x": 0,
                                "currentvalue": {"prefix": f"{labels.setting}: "}}])
    # Legend just under the title, above the panel titles: in container coordinates.
    fig.update_layout(legend={"y": 1 - 40 / height, "yanchor": "top"})
    return fig


# Loads plotly.js from the gzip+base64 copy embedded in the page (once per page), then draws.
_GZIP_LOADER = """<script type="application/gzip-base64" id="synthlab-plotlyjs">{blob}</script>"""
_GZIP_PLOT = """<div id="{div_id}" style="height:{height}px; width:100%;"></div>
<script>
window.synthlabPlotly = window.synthlabPlotly || (async () => {{
  if (window.Plotly) return window.Plotly;
  const text = document.getElementById("synthlab-plotlyjs").textContent;
  const bytes = Uint8Array.from(atob(text), c => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  const script = document.createElement("script");
  script.text = await new Response(stream).text();
  document.head.appendChild(script);
  return window.Plotly;
}})();
window.synthlabPlotly.then(Plotly => {{
  const figure = {figure};
  Plotly.newPlot("{div_id}", figure.data, figure.layout, {config});
}});
</script>"""
# Draws with the plotly.js the page has loaded already (the course website: once, from _static).
# The figure keeps a width of at least 640 px, its panels legible; a narrower column (a phone)
# scrolls it sideways rather than squeezing titles and labels into each other.
_PAGE_PLOT = """<div class="synthlab-plotly-scroll" style="overflow-x:auto; max-width:100%;">
<div id="{div_id}" class="synthlab-plotly" style="height:{height}px; width:100%; min-width:{min_width}px;"></div>
</div>
<script>
(() => {{
  const draw = () => {{
    const element = document.getElementById("{div_id}");
    if (!window.Plotly) {{
      element.style.height = "auto";
      element.textContent = "{missing}";
      return;
    }}
    const figure = {figure};
    window.Plotly.newPlot(element, figure.data, figure.layout, {config});
  }};
  if (window.Plotly || document.readyState === "complete") draw(); else window.addEventListener("load", draw);
}})();
</script>"""
_MISSING = ("This interactive figure needs plotly.js: open the notebook in JupyterLab, or show it with "
            "synthlab.plotly_html(fig, include_plotlyjs='gzip').")
# No mode bar: over a narrow figure it covers the title (drag still zooms, a double click resets).
_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}
#: The narrowest the figure is drawn, in px (a narrower page scrolls it sideways).
MIN_WIDTH = 640
#: The mimetype JupyterLab (and VS Code) render with their own plotly.js.
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"


@functools.lru_cache(maxsize=1)
def _plotlyjs_gzip_base64() -> str:
    from plotly.offline import get_plotlyjs

    return base64.b64encode(gzip.compress(get_plotlyjs().encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")


class PlotlyHTML:
    """A Plotly figure for notebooks and static pages; made by :func:`plotly_html`.

    In Jupyter it offers two outputs: Plotly's own mimetype, which JupyterLab draws with the
    plotly.js it ships (so the notebook stores no copy of plotly.js), and ``text/html``, which
    myst-nb (Jupyter Book) puts on the website, where it skips Plotly's mimetype.
    """

    def __init__(self, fig, include_plotlyjs: bool | str = "page", div_id: str | None = None) -> None:
        self.fig, self.include_plotlyjs = fig, include_plotlyjs
        self.figure_json = _machine_independent_json(fig.to_json())
        self.div_id = div_id or _stable_id(self.figure_json)

    def _fragment(self, template: str) -> str:
        return template.format(div_id=self.div_id, height=self.fig.layout.height or 450, figure=self.figure_json,
                               config=json.dumps(_CONFIG), missing=_MISSING, min_width=MIN_WIDTH)

    def to_html(self, full_html: bool = False) -> str:
        """The figure as an HTML fragment (or a whole page with ``full_html=True``).

        A whole page always works on its own: with ``include_plotlyjs="page"`` it carries
        plotly.js compressed, as with ``"gzip"``.
        """
        if self.include_plotlyjs == "page" and not full_html:
            return self._fragment(_PAGE_PLOT)
        if self.include_plotlyjs in ("page", "gzip"):
            body = _GZIP_LOADER.format(blob=_plotlyjs_gzip_base64()) + self._fragment(_GZIP_PLOT)
            if not full_html:
                return body
            return f'<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"></head>\n<body>\n{body}\n</body>\n</html>\n'
        return self.fig.to_html(full_html=full_html, include_plotlyjs=self.include_plotlyjs, div_id=self.div_id,
                                config=_CONFIG)

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        bundle: dict[str, Any] = {"text/html": self.to_html()}
        if self.include_plotlyjs in ("page", False):
            bundle[PLOTLY_MIMETYPE] = {**json.loads(self.figure_json), "config": _CONFIG}
        return bundle

    def __repr__(self) -> str:
        return f"<Plotly figure with {len(self.fig.data)} traces>"


def _round_floats(value: Any, digits: int) -> Any:
    if isinstance(value, float):
        return float(f"{value:.{digits}g}")
    if isinstance(value, list):
        return [_round_floats(item, digits) for item in value]
    if isinstance(value, dict):
        return {key: _round_floats(item, digits) for key, item in value.items()}
    return value


def _machine_independent_json(figure_json: str, digits: int = 6) -> str:
    r"""Plotly's figure JSON with every number at ``digits`` significant digits: axis ranges and
    fitted values computed from data differ in their last bits between processors' arithmetic,
    and the notebooks store this JSON in their outputs. Strings are untouched, and the JSON is
    written as Plotly writes it (no spaces; <, > and / escaped for a page's script).

    >>> _machine_independent_json('{"x":[0.30000000000000004,2.0],"t":"a<br>0.20"}')
    '{"x":[0.3,2.0],"t":"a\\u003cbr\\u003e0.20"}'
    """
    rounded = json.dumps(_round_floats(json.loads(figure_json), digits), separators=(",", ":"))
    return rounded.replace("<", "\\u003c").replace(">", "\\u003e").replace("/", "\\u002f")


_DECIMAL = re.compile(r"-?\d+\.\d+(?:[eE][-+]?\d+)?")


def _stable_id(figure_json: str) -> str:
    """An element id from the figure, the same on every machine: its numbers are hashed at 8
    significant digits, so a last-bit difference between processors' arithmetic (which
    ``fig.to_json`` writes out in full) does not change the id a notebook stores.

    >>> _stable_id('{"x": [0.30000000000000004]}') == _stable_id('{"x": [0.3]}')
    True
    """
    rounded = _DECIMAL.sub(lambda number: f"{float(number.group()):.8g}", figure_json)
    return "plotly-" + hashlib.sha1(rounded.encode()).hexdigest()[:12]


def plotly_html(fig, include_plotlyjs: bool | str = "page", div_id: str | None = None) -> PlotlyHTML:
    """Wrap a Plotly figure so that JupyterLab and a static page show it without a network.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
    include_plotlyjs : bool or str
        "page" (default) embeds no plotly.js: in JupyterLab the figure is drawn from Plotly's
        own mimetype, and on a web page with the plotly.js the page has loaded (the course
        website loads it once, from its static folder); a whole page
        (``to_html(full_html=True)``) carries it compressed. "gzip" embeds plotly.js
        compressed (about 1.3 MB) and unpacks it in the browser (``DecompressionStream``;
        any browser since 2023), once per page; True embeds it as is (about 5 MB); False
        expects it already loaded; a path ending in ``.js`` loads it from there; "cdn" needs
        a network.
    div_id : str, optional
        The id of the figure's ``<div>``; by default derived from the figure, so the same
        figure always gives the same HTML.

    Returns
    -------
    PlotlyHTML
        Displays itself in a notebook; ``.to_html(full_html=True)`` gives a whole page.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> shown = plotly_html(go.Figure(), div_id="demo")
    >>> 'id="demo"' in shown.to_html()
    True
    >>> sorted(shown._repr_mimebundle_())
    ['application/vnd.plotly.v1+json', 'text/html']
    """
    if include_plotlyjs not in (True, False, "page", "gzip", "cdn", "directory") and not (
            isinstance(include_plotlyjs, str) and include_plotlyjs.endswith(".js")):
        raise ValueError(f"include_plotlyjs must be 'page', 'gzip', True, False, 'cdn', 'directory' or a .js "
                         f"path, got {include_plotlyjs!r}")
    return PlotlyHTML(fig, include_plotlyjs, div_id)
