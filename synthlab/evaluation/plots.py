"""Drawing helpers for comparing observed and synthetic data (matplotlib).

Every function returns the matplotlib Figure and leaves showing it to the caller. Colours
come from the Okabe-Ito palette (safe for colour-blind readers); axis labels carry units
when known (``UNITS`` holds the boys data's; pass ``units=`` for other data).

The panel grids have a fixed layout, in inches (:func:`_panel_grid`), rather than
``tight_layout`` or ``layout="constrained"``: a layout engine measures every tick label
again on top of the notebook's own two passes (Jupyter draws a figure once to find its tight
bounding box, then again), and the grids took 1.4 to 1.6 times as long to show
(``python -m synthlab.bench plots``).
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import TwoSlopeNorm
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import AutoLocator
from synthlab.evaluation.columns import category_levels, is_number
from synthlab.evaluation.inputs import pooled

__all__ = ["plot_marginals", "plot_pairs", "plot_ratio_distribution", "plot_ratio_scatter",
           "plot_fit_comparison", "OKABE_ITO", "UNITS"]

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]
UNITS = {"age": "years", "hgt": "cm", "wgt": "kg", "bmi": "kg/m²", "hc": "cm", "tv": "ml"}


def plot_marginals(observed: pd.DataFrame, synthetic, *, columns: list | None = None, bins: int = 25,
                   ncols: int = 3, units: dict | None = None):
    """Marginal distribution of every variable, observed next to synthetic, in one grid.

    Numeric columns: histograms on common bins, in % of each data set's rows (missing values
    are left out, so the bars then sum to the share present). Categorical columns: grouped
    bars of the level shares, with a "missing" bar when a data set has missing values.

    Parameters
    ----------
    observed : pandas.DataFrame
    synthetic : DataFrame, SynResult, list of them, or dict of name -> any of these
        One synthetic set, or several to compare at once (a dict). The sets of a result with
        ``m > 1`` or of a list are pooled, as synthpop's ``compare`` does.
    columns : list of str, optional
        Defaults to all columns of ``observed``.
    bins : int, default 25
    ncols : int, default 3
    units : dict, optional
        Column -> unit for the axis labels; defaults to ``UNITS``.

    Examples
    --------
    >>> import synthlab
    >>> boys = synthlab.load_boys()
    >>> fig = plot_marginals(boys, boys.sample(frac=1, random_state=1), columns=["age", "reg"])
    """
    data = _named_sets(observed, synthetic)
    columns = list(observed.columns) if columns is None else list(columns)
    units = UNITS if units is None else units
    nrows = int(np.ceil(len(columns) / ncols))
    fig, axes = _panel_grid(nrows, ncols, width=3.2, height=2.4, wspace=0.75, hspace=0.6,
                            margins=(0.7, 0.1, 0.55, 0.1))
    for ax, col in zip(axes.ravel(), columns):
        if is_number(observed[col]):
            values = [frame[col].to_numpy(dtype=float) for frame in data.values()]
            edges = np.histogram_bin_edges(_present(np.concatenate(values)), bins=bins)
            for (name, v), colour in zip(zip(data, values), OKABE_ITO):
                weights = np.full(len(v), 100 / len(v))
                v, weights = v[~np.isnan(v)], weights[~np.isnan(v)]
                ax.hist(v, bins=edges, weights=weights, histtype="stepfilled", alpha=0.45,
                        color=colour, edgecolor=colour, label=name)
            ax.set_xlabel(_label(col, units))
        else:
            levels = category_levels(observed[col], *[f[col] for f in data.values()])
            if any(f[col].isna().any() for f in data.values()):
                levels = levels + ["missing"]
            width = 0.8 / len(data)
            for i, ((name, frame), colour) in enumerate(zip(data.items(), OKABE_ITO)):
                labelled = frame[col].astype(object).where(frame[col].notna(), "missing")
                share = labelled.value_counts(normalize=True).reindex(levels, fill_value=0)
                ax.bar(np.arange(len(levels)) + (i - (len(data) - 1) / 2) * width, 100 * share.to_numpy(),
                       width=width, color=colour, label=name)
            ax.set_xticks(np.arange(len(levels)), [str(level) for level in levels])
            ax.set_xlabel(col)
        ax.set_ylabel("% of rows")
    for ax in axes.ravel()[len(columns):]:
        ax.set_visible(False)
    axes.ravel()[0].legend(frameon=False)
    return fig


def plot_pairs(observed: pd.DataFrame, synthetic, *, columns: list | None = None,
               units: dict | None = None, size: float = 2.0, alpha: float = 0.5, name: str = "synthetic"):
    """Scatter-plot matrix: every pair of numeric variables, synthetic points over observed ones.

    Below the diagonal each panel shows the synthetic points (orange) with the observed points
    on top (small, dark grey); the diagonal shows both histograms. Where orange lies outside
    the grey cloud, or does not follow its shape, the synthesis missed a relation.

    Rows with a missing value in a panel's variables are left out of that panel.

    Parameters
    ----------
    observed : pandas.DataFrame
    synthetic : DataFrame, SynResult or list of them
        Several synthetic sets (``m > 1`` or a list) are pooled.
    columns : list of str, optional
        Defaults to the numeric columns of ``observed``.
    name : str
        Legend label of the synthetic data.

    Examples
    --------
    >>> import synthlab
    >>> boys = synthlab.load_boys()
    >>> fig = plot_pairs(boys, boys, columns=["age", "hgt", "wgt"])
    """
    synthetic = pooled(synthetic)
    columns = [c for c in observed.columns if is_number(observed[c])] if columns is None else list(columns)
    units = UNITS if units is None else units
    p = len(columns)
    # Only the lower triangle and the diagonal get axes (the others would stay empty).
    fig, grid = _panel_grid(p, p, width=1.45, height=1.45, wspace=0.2, hspace=0.2,
                            margins=(0.65, 0.1, 0.5, 0.1), axes=False)
    for i, row in enumerate(columns):
        for j, col in enumerate(columns[:i + 1]):
            ax = _show_ticks_in_view(fig.add_subplot(grid[i, j]))
            if i == j:
                obs, syn = _present(observed[col].to_numpy(float)), _present(synthetic[col].to_numpy(float))
                edges = np.histogram_bin_edges(np.concatenate([obs, syn]), bins=25)
                # "stepfilled": one polygon per histogram, drawn as the 25 abutting bars were
                ax.hist(obs, bins=edges, histtype="stepfilled", color="0.2", alpha=0.45, density=True)
                ax.hist(syn, bins=edges, histtype="stepfilled", color=OKABE_ITO[1], alpha=0.5, density=True)
                ax.set_yticks([])
            else:
                ax.scatter(synthetic[col], synthetic[row], s=size, color=OKABE_ITO[1], alpha=alpha, rasterized=True)
                ax.scatter(observed[col], observed[row], s=0.6 * size, color="0.2", alpha=alpha, rasterized=True)
            ax.tick_params(labelsize=7, labelbottom=i == p - 1, labelleft=j == 0)
            if i == p - 1:
                ax.set_xlabel(_label(col, units), fontsize=8)
            if j == 0 and i > 0:
                ax.set_ylabel(_label(row, units), fontsize=8)
    # long y tick labels (e.g. incomes) get a wider left margin
    room = _ytick_room([ax for ax in fig.axes if ax.get_subplotspec().colspan.start == 0][1:], 7, 8)
    if room > 0.65:
        _place(grid, width=1.45, height=1.45, wspace=0.2, hspace=0.2, margins=(room, 0.1, 0.5, 0.1))
    handles = [plt.Line2D([], [], ls="", marker="o", color=c) for c in ("0.2", OKABE_ITO[1])]
    fig.legend(handles, ["observed", name], loc="upper right", frameon=False)
    return fig


def plot_ratio_distribution(fit, *, bins: int = 40, labels: tuple = ("observed", "synthetic"), ax=None):
    """Histograms of the estimated density ratios at the observed and at the synthetic rows.

    The more the two histograms overlap (and the closer both sit to 1), the more alike the
    two data sets; observed rows with large ratios lie where synthetic data are too scarce.

    Parameters
    ----------
    fit : DensityRatioFit
        From :func:`synthlab.ulsif` (numerator observed, denominator synthetic).
    """
    fig, ax = _figure(ax, (6, 3.5))
    values = [fit.ratio_numerator, fit.ratio_denominator]
    edges = np.histogram_bin_edges(np.concatenate(values), bins=bins)
    for v, label, colour in zip(values, labels, OKABE_ITO):
        ax.hist(v, bins=edges, weights=np.full(len(v), 100 / len(v)), histtype="stepfilled",
                alpha=0.5, color=colour, edgecolor=colour, label=label)
    ax.axvline(1, color="black", lw=1, ls="--")
    ax.set_xlabel("estimated density ratio f_obs / f_syn")
    ax.set_ylabel("% of rows")
    ax.legend(frameon=False)
    fig.tight_layout()
    return fig


def plot_ratio_scatter(fit, synthetic, pairs: list, *, units: dict | None = None,
                       size: float = 6.0, ncols: int = 3):
    """Synthetic points coloured by the estimated ratio f_obs / f_syn, one panel per pair.

    Purple (ratio above 1): synthetic data too scarce there; orange (below 1): too dense.
    The colour scale is logarithmic and centred on 1; ratios below 0.01 are drawn as 0.01.

    Parameters
    ----------
    fit : DensityRatioFit
    synthetic : DataFrame, SynResult or list of them
        The denominator data of ``fit`` (several sets are pooled). Points with a missing
        coordinate are not drawn.
    pairs : list of (x, y) column names
    """
    synthetic = pooled(synthetic)
    units = UNITS if units is None else units
    ratio = np.clip(fit.predict(synthetic), 1e-2, None)
    nrows = int(np.ceil(len(pairs) / ncols))
    ncols = min(ncols, len(pairs))
    fig, axes = _panel_grid(nrows, ncols, width=2.75, height=2.7, wspace=0.75, hspace=0.5,
                            margins=(0.75, 1.4, 0.5, 0.1))
    top = max(float(ratio.max()), 1.01)
    norm = TwoSlopeNorm(vcenter=0.0, vmin=min(float(np.log10(ratio.min())), -0.01), vmax=float(np.log10(top)))
    order = np.argsort(np.abs(np.log10(ratio)), kind="stable")
    for ax, (x, y) in zip(axes.ravel(), pairs):
        points = ax.scatter(synthetic[x].to_numpy()[order], synthetic[y].to_numpy()[order], s=size,
                            c=np.log10(ratio[order]), cmap="PuOr", norm=norm)
        ax.set_xlabel(_label(x, units))
        ax.set_ylabel(_label(y, units))
    for ax in axes.ravel()[len(pairs):]:
        ax.set_visible(False)
    # long y tick labels (e.g. incomes) get more room between the panels
    room = max(0.75, _ytick_room(axes.ravel()[:len(pairs)]))
    _place(axes[0, 0].get_subplotspec().get_gridspec(), width=2.75, height=2.7, wspace=room, hspace=0.5,
           margins=(room, 1.4, 0.5, 0.1))
    # the colour bar: right of the panels, 90% of their height
    width, height = fig.get_size_inches()
    low, high = axes[-1, 0].get_position().y0, axes[0, 0].get_position().y1
    bar_axes = fig.add_axes((1 - 1.1 / width, low + 0.05 * (high - low), 0.35 / width, 0.9 * (high - low)))
    bar = fig.colorbar(points, cax=bar_axes)
    bar.set_label("log10 estimated ratio f_obs / f_syn")
    return fig


def plot_fit_comparison(tables, *, intercept: bool = False, scale: str = "z", ax=None):
    """Coefficients with confidence intervals, observed next to one or more synthetic fits.

    Parameters
    ----------
    tables : DataFrame from :func:`synthlab.compare_fit`, or dict of name -> DataFrame
        Several tables (same formula, different synthetic sets) share the observed row.
    intercept : bool, default False
        Draw the intercept too (as synthpop, it is left out by default).
    scale : {"z", "coef"}
        "z" divides everything by the observed standard error (synthpop's default plot), so
        all terms fit on one axis; "coef" draws the coefficients themselves.
    """
    if isinstance(tables, pd.DataFrame):
        tables = {"synthetic": tables}
    first = next(iter(tables.values()))
    terms = [t for t in first.index if intercept or t != "Intercept"]
    fig, ax = _figure(ax, (6.5, 0.2 * len(terms) * (len(tables) + 1) + 1.2))
    div = first.loc[terms, "se_observed"].to_numpy() if scale == "z" else np.ones(len(terms))
    rows = [("observed", first.loc[terms, ["observed", "lower_observed", "upper_observed"]].to_numpy())]
    rows += [(name, t.loc[terms, ["synthetic", "lower_synthetic", "upper_synthetic"]].to_numpy())
             for name, t in tables.items()]
    height = 0.8 / len(rows)
    for i, ((name, values), colour) in enumerate(zip(rows, OKABE_ITO)):
        y = np.arange(len(terms))[::-1] + (len(rows) - 1) / 2 * height - i * height
        est, low, high = (values / div[:, None]).T
        ax.errorbar(est, y, xerr=[est - low, high - est], fmt="o", color=colour, label=name, capsize=2)
    ax.axvline(0, color="grey", ls="--", lw=1)
    ax.set_yticks(np.arange(len(terms))[::-1], terms)
    level = int(round(100 * first.attrs.get("level", 0.95)))
    ax.set_xlabel(("estimate / observed standard error" if scale == "z" else "coefficient")
                  + f", with {level}% interval")
    ax.legend(frameon=False, loc="best")
    fig.tight_layout()
    return fig


def _named_sets(observed: pd.DataFrame, synthetic) -> dict:
    if not isinstance(synthetic, dict):
        synthetic = {"synthetic": synthetic}
    return {"observed": observed, **{name: pooled(value, str(name)) for name, value in synthetic.items()}}


def _present(values: np.ndarray) -> np.ndarray:
    return values[~np.isnan(values)]


class _InViewLocator(AutoLocator):
    """matplotlib's default tick locator without the ticks outside the view limits.

    The default also returns the next tick beyond each end, which matplotlib builds (a tick
    is five artists) and updates at every draw but never shows; on a grid of panels that is a
    good part of the drawing time. The ticks shown are the same, and they still follow a
    change of the limits.
    """

    def __call__(self):
        ticks = super().__call__()
        low, high = sorted(self.axis.get_view_interval())
        slack = 1e-10 * (high - low)
        return ticks[(ticks >= low - slack) & (ticks <= high + slack)]


def _panel_grid(nrows: int, ncols: int, *, width: float, height: float, wspace: float, hspace: float,
                margins: tuple, axes: bool = True):
    """A figure of ``nrows`` x ``ncols`` panels, each ``width`` x ``height`` inches, ``wspace``
    and ``hspace`` inches apart, with ``margins`` (left, right, bottom, top) inches around them
    for the tick and axis labels. Returns the figure and its axes (a 2-d array), or with
    ``axes=False`` its GridSpec, to add only the panels wanted."""
    fig = plt.figure()
    grid = fig.add_gridspec(nrows, ncols)
    _place(grid, width=width, height=height, wspace=wspace, hspace=hspace, margins=margins)
    if not axes:
        return fig, grid
    panels = grid.subplots(squeeze=False)
    for ax in panels.ravel():
        _show_ticks_in_view(ax)
    return fig, panels


def _place(grid, *, width: float, height: float, wspace: float, hspace: float, margins: tuple):
    """Size the figure of ``grid`` and place the grid's panels as :func:`_panel_grid` says."""
    nrows, ncols = grid.get_geometry()
    left, right, bottom, top = margins
    fig_width = left + ncols * width + (ncols - 1) * wspace + right
    fig_height = bottom + nrows * height + (nrows - 1) * hspace + top
    grid.figure.set_size_inches(fig_width, fig_height)
    grid.update(left=left / fig_width, right=1 - right / fig_width, bottom=bottom / fig_height,
                top=1 - top / fig_height, wspace=wspace / width, hspace=hspace / height)


# Widths in em of the characters of tick labels in DejaVu Sans, matplotlib's default font
# (digits 0.64, the default)
_EM = {".": 0.32, ",": 0.32, "\u2212": 0.84, "+": 0.84, "-": 0.36}


def _ytick_room(axes, labelsize=None, fontsize=None) -> float:
    """Inches a panel needs at its left for its y tick labels and y label (sizes in points or
    as "small"; default: matplotlib's), estimated from the tick labels' characters: measuring
    them would take a draw."""
    def points(size, default):
        return FontProperties(size=plt.rcParams[default] if size is None else size).get_size_in_points()

    widest = max((sum(_EM.get(char, 0.64) for char in label) for ax in axes
                  for label in ax.yaxis.get_major_formatter().format_ticks(ax.yaxis.get_majorticklocs())),
                 default=0)
    ylabel = 1.2 * points(fontsize, "axes.labelsize") + plt.rcParams["axes.labelpad"]
    ticks = plt.rcParams["ytick.major.size"] + plt.rcParams["ytick.major.pad"]
    return (widest * points(labelsize, "ytick.labelsize") + ylabel + ticks) / 72 + 0.1


def _show_ticks_in_view(ax):
    ax.xaxis.set_major_locator(_InViewLocator())
    ax.yaxis.set_major_locator(_InViewLocator())
    return ax


def _figure(ax, size):
    if ax is None:
        fig, ax = plt.subplots(figsize=size)
        return fig, ax
    return ax.figure, ax


def _label(col: str, units: dict) -> str:
    return f"{col} ({units[col]})" if col in units else str(col)


