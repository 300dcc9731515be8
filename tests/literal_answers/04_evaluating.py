# A learner's literal answers to chapter 4, one block per blank (in order), written from the
# prompts alone: the methods written out, loops instead of comprehensions.
# %% Exercise 1, first cell
table = synthlab.compare(boys, syn_passive)
table[table["statistic"].isin(["mean", "sd", "min", "max"])]
# %% Exercise 1, second cell
table[table["variable"].isin(["gen", "reg"])]
# %% Exercise 2
synthlab.plot_marginals(boys, syn_passive)
plt.show()
# %% Exercise 3
synthlab.plot_pairs(boys, syn_passive, columns=["age", "hgt", "wgt", "bmi", "hc", "tv"])
plt.show()
# %% Exercise 3 (continued)
def r_squared(frame, formula):
    fit = smf.ols(formula, data=frame).fit()
    return fit.rsquared


results = {}
for name, frame in [("observed", boys), ("syn_passive", syn_passive)]:
    results[name] = [r_squared(frame, "hgt ~ age"), r_squared(frame, "hgt ~ age + I(age**2)")]
pd.DataFrame(results, index=["hgt ~ age", "hgt ~ age + I(age**2)"])
# %% Exercise 4
methods = {"age": "sample", "hgt": "norm", "wgt": "norm", "hc": "norm", "tv": "norm", "gen": "polr", "phb": "polr",
           "reg": "polyreg", "bmi": "~ wgt / (hgt / 100) ** 2"}
for column in methods:
    if methods[column] == "norm":
        methods[column] = "cart"
cart_result = synthlab.syn(boys, method=methods, visit_sequence=visit, smoothing="spline", seed=123)
syn_cart = cart_result.data
# %% Exercise 5, first cell
synthlab.plot_marginals(boys, syn_cart)
plt.show()
# %% Exercise 5, second cell
broken = synthlab.check_constraints(syn_cart, observed=boys, passive={"bmi": "wgt / (hgt / 100) ** 2"})
broken[broken["violations"] > 0]
# %% Exercise 6
synthlab.plot_pairs(boys, syn_cart, columns=["age", "hgt", "wgt", "bmi", "hc", "tv"])
plt.show()
# %% Exercise 7
fit_passive = synthlab.ulsif(boys, syn_passive, seed=123)
fit_cart = synthlab.ulsif(boys, syn_cart, seed=123)
# %% Exercise 8
synthlab.plot_ratio_distribution(fit_passive)
plt.show()
synthlab.plot_ratio_distribution(fit_cart)
plt.show()
# %% Exercise 9
print(fit_passive.pearson_divergence, fit_cart.pearson_divergence)
for name, frame in [("syn_passive", syn_passive), ("syn_cart", syn_cart)]:
    print(name, synthlab.pmse(boys, frame, seed=123).s_pmse, synthlab.pmse(boys, frame, method="logit").s_pmse,
          synthlab.pmse(boys, frame, method="logit", maxorder=0).s_pmse)
# %% Exercise 10
import itertools

pairs = list(itertools.combinations(["age", "hgt", "wgt", "bmi", "hc", "tv"], 2))
synthlab.plot_ratio_scatter(fit_passive, syn_passive, pairs)
plt.show()
synthlab.plot_ratio_scatter(fit_cart, syn_cart, pairs)
plt.show()
# %% Exercise 11, first cell
fit_main = {}
fit_main["syn_passive"] = synthlab.compare_fit("hc ~ age + hgt + wgt + reg", boys, syn_passive)
fit_main["syn_cart"] = synthlab.compare_fit("hc ~ age + hgt + wgt + reg", boys, syn_cart)
for name in fit_main:
    print(name)
    print(fit_main[name][["observed", "synthetic", "std_diff", "ci_overlap"]])
# %% Exercise 11, second cell
for name in fit_main:
    print(name, fit_main[name].attrs["mean_ci_overlap"], fit_main[name].attrs["lack_of_fit"])
# %% Exercise 12, first cell
fit_squares = {}
for name, frame in [("syn_passive", syn_passive), ("syn_cart", syn_cart)]:
    fit_squares[name] = synthlab.compare_fit("hc ~ age + I(age**2) + hgt + I(hgt**2) + wgt + reg", boys, frame)
    print(name, fit_squares[name].attrs["mean_ci_overlap"], fit_squares[name].attrs["lack_of_fit"])
# %% Exercise 12, second cell
synthlab.plot_fit_comparison(fit_squares)
plt.show()
# %% Exercise 13
for name, frame in [("syn_passive", syn_passive), ("syn_cart", syn_cart)]:
    print(name, "replicated uniques:", synthlab.replicated_uniques(boys, frame, ["age", "hgt", "reg"]).count)
    for target in ["wgt", "bmi", "hc", "gen", "phb", "tv"]:
        print("  DiSCO", target, synthlab.disco(boys, frame, ["age", "hgt", "reg"], target).percent)
# %% Exercise 14
syn_passive_sdc = synthlab.sdc(syn_passive, observed=boys, keys=["gen", "phb", "reg"], remove_replicated_uniques=True)
print(syn_passive_sdc.attrs["sdc"])
# %% Exercise 15
import patsy
import statsmodels.api as sm

estimates, variances = [], []
for frame in syn_five.data:
    y, X = patsy.dmatrices("hc ~ age + hgt + wgt + reg", frame, return_type="dataframe")
    fit = sm.OLS(y, X).fit()
    estimates.append(fit.params["age"])
    variances.append(fit.bse["age"] ** 2)
age_estimates = np.array(estimates)
se_population = np.sqrt(np.mean(variances) * (1 + 1 / len(estimates)))
print(age_estimates.mean(), se_population)
# %% Exercise 15, second cell
population_fit = synthlab.compare_fit("hc ~ age + hgt + wgt + reg", boys, syn_five, population_inference=True)
print(population_fit.loc["age", "se_synthetic"], se_population)
