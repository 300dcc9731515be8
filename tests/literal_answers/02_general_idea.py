# A learner's literal answers to chapter 2, one block per blank (in order), written from the
# prompts alone: NumPy arrays, .predict, another data-frame layout.
# %% Exercise 1
from scipy.stats import multivariate_normal
rng = np.random.default_rng(seed=123)
# %% Exercise 2
means = data_subset.mean().to_numpy()
varcov = np.cov(data_subset.to_numpy(), rowvar=False)
print(means, varcov)
# %% Exercise 3
syn1 = pd.DataFrame(multivariate_normal.rvs(mean=means, cov=varcov, size=748, random_state=rng),
                    columns=data_subset.columns)
syn1.head()
# %% Exercise 4
hgt_age = smf.ols("hgt ~ age", data_subset).fit()
wgt_age_hgt = smf.ols("wgt ~ age + hgt", data_subset).fit()
print(hgt_age.params, wgt_age_hgt.params)
# %% Exercise 5
mean_age = np.mean(data_subset["age"])
sd_age = np.std(data_subset["age"])
# %% Exercise 6
age_syn = rng.normal(mean_age, sd_age, 748)
# %% Exercise 7
hgt_pred = hgt_age.predict(pd.DataFrame({"age": age_syn}))
hgt_syn = hgt_pred.to_numpy() + rng.normal(0, np.sqrt(hgt_age.scale), len(age_syn))
# %% Exercise 8
wgt_pred = wgt_age_hgt.predict(pd.DataFrame({"age": age_syn, "hgt": hgt_syn}))
wgt_syn = wgt_pred.to_numpy() + rng.normal(0, np.sqrt(wgt_age_hgt.scale), len(age_syn))
syn2 = pd.DataFrame({"age": age_syn, "hgt": hgt_syn, "wgt": wgt_syn})
# %% Exercise 9, first cell
pd.DataFrame({"observed": data_subset.mean(), "syn1": syn1.mean(), "syn2": syn2.mean()})
# %% Exercise 9, second cell
print(data_subset.cov(), syn1.cov(), syn2.cov(), sep="\n\n")
# %% Exercise 10
coefficients = pd.DataFrame({
    "observed": smf.ols("wgt ~ age + hgt", data_subset).fit().params,
    "syn1": smf.ols("wgt ~ age + hgt", syn1).fit().params,
    "syn2": smf.ols("wgt ~ age + hgt", syn2).fit().params,
}).T
coefficients
# %% Exercise 11
from ipywidgets import IntSlider, interact


def both_scores(df):
    scores = spline_model(df)
    return {"utility": round(scores.utility, 3), "disclosure": round(scores.disclosure, 3)}


my_slider = interact(both_scores, df=IntSlider(min=1, max=25, value=4))
