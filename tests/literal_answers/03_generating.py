# A learner's literal answers to chapter 3, one block per blank (in order), written from the
# prompts alone: other seeds where none is asked for, the method dicts written out, NumPy fits.
# %% Exercise 1
from synthlab import syn
print(syn.__doc__.split("\n")[0])
# %% Exercise 2
boys.head()
# %% Exercise 3, first cell
boys.describe(include="all")
# %% Exercise 3, second cell
boys.dtypes
# %% Exercise 4
syn_param = syn(boys, method="parametric", default_method=("norm", "logreg", "polyreg", "polr"), seed=123)
# %% Exercise 5, first cell
print(syn_param)
# %% Exercise 5, second cell
syn_param.data.head()
# %% Exercise 6, first cell
numeric = syn_param.data.select_dtypes("number")
(numeric < 0).sum()
# %% Exercise 6, second cell
implied = syn_param.data["wgt"] / (syn_param.data["hgt"] / 100) ** 2
(syn_param.data["bmi"] - implied).abs().describe()
# %% Exercise 6 (continued)
fig, axes = plt.subplots(1, 2)
axes[0].scatter(boys["age"], boys["wgt"], label="observed")
axes[0].scatter(syn_param.data["age"], syn_param.data["wgt"], label="synthetic")
axes[0].axhline(0)
axes[0].legend()
axes[1].scatter(boys["wgt"] / (boys["hgt"] / 100) ** 2, boys["bmi"], label="observed")
axes[1].scatter(implied, syn_param.data["bmi"], label="synthetic")
axes[1].legend()
plt.show()
# %% Exercise 7
methods = dict(syn_param.method)
methods["bmi"] = "~ wgt / (hgt / 100) ** 2"
syn_passive = syn(boys, method=methods, visit_sequence=["age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi"],
                  seed=123)
# %% Exercise 8
d = syn_passive.data
print(np.abs(d["bmi"] - d["wgt"] / (d["hgt"] / 100) ** 2).max())
print((d.select_dtypes("number") < 0).sum())
# %% Exercise 9
syn_tree = syn(boys, method={"age": "sample", "bmi": "~ wgt / (hgt / 100) ** 2"},
               visit_sequence=["age", "hgt", "wgt", "hc", "gen", "phb", "tv", "reg", "bmi"], seed=123)
print((syn_tree.data.select_dtypes("number") < 0).sum())
# %% Exercise 10
from synthlab.synthesis import design_matrix


def syn_line(y, x, xp, rng):
    X, XP, names = design_matrix(x, xp)
    fit = sm.OLS(y.to_numpy(), X).fit()
    return XP @ fit.params, {"coefficients": dict(zip(names, fit.params))}
# %% Exercise 11, first cell
methods_line = dict(syn_param.method)
methods_line["hgt"] = syn_line
syn_nonoise = syn(boys, method=methods_line, seed=123)


def residual_sd(data):
    X = np.column_stack([np.ones(len(data)), data["age"]])
    beta, *_ = np.linalg.lstsq(X, data["hgt"].to_numpy(), rcond=None)
    return np.std(data["hgt"].to_numpy() - X @ beta, ddof=2)


print(residual_sd(boys), residual_sd(syn_nonoise.data))
# %% Exercise 11, second cell
plt.scatter(boys["age"], boys["hgt"], label="observed")
plt.scatter(syn_nonoise.data["age"], syn_nonoise.data["hgt"], label="synthetic")
plt.legend()
plt.show()
# %% Exercise 12
def syn_line_noise(y, x, xp, rng):
    X, XP, names = design_matrix(x, xp)
    fit = sm.OLS(y.to_numpy(), X).fit()
    return XP @ fit.params + rng.normal(0, np.sqrt(fit.scale), size=len(XP)), {"coefficients": dict(zip(names, fit.params))}


methods_line["hgt"] = syn_line_noise
syn_noise = syn(boys, method=methods_line, seed=123)
print(residual_sd(boys), residual_sd(syn_noise.data))
# %% Exercise 13, first cell
boys_raw = synthlab.load_boys(raw=True)
syn_raw = syn(boys_raw, seed=123)
missing = pd.DataFrame({"observed": boys_raw.isna().mean(), "synthetic": syn_raw.data.isna().mean()})
missing
# %% Exercise 13, second cell
for name, data in [("observed", boys_raw), ("synthetic", syn_raw.data)]:
    print(name, data.loc[data["age"] < 8, "gen"].isna().mean(), data.loc[data["age"] >= 8, "gen"].isna().mean())
# %% Exercise 14, first cell
sd = synthlab.load_sd2011(columns=synthlab.data.SD2011_VARIABLES_15)
syn_sd = syn(sd, cont_na={"income": [-8]}, seed=123)
# %% Exercise 14, second cell
rows = {}
for name, values in [("observed", sd["income"]), ("synthetic", syn_sd.data["income"])]:
    real = values[values.notna() & (values != -8)]
    rows[name] = [100 * values.isna().mean(), 100 * (values == -8).mean(), real.mean()]
income = pd.DataFrame(rows, index=["% missing", "% -8", "mean"])
income
