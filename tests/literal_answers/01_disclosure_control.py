# A learner's literal answers to chapter 1, one block per blank (in order), written from the
# prompts alone: NumPy where the solution uses pandas, other loops, another seed.
# %% Exercise 1
rounded = boys.copy()
rounded["age"] = np.round(rounded["age"])
rounded["hgt"] = 5 * np.round(rounded["hgt"] / 5)
print(reidentification_rate(boys, rounded), largest_std_difference(rounded))
# %% Exercise 2
coded = boys.copy()
for var in ["age", "hgt"]:
    p5 = boys[var].quantile(0.05)
    p95 = boys[var].quantile(0.95)
    coded[var] = coded[var].clip(lower=p5, upper=p95)
print(reidentification_rate(boys, coded), largest_std_difference(coded))
# %% Exercise 3
microaggregated = boys.copy()
for var in ["age", "hgt"]:
    sorted_var = boys[var].sort_values()
    groups = np.arange(len(sorted_var)) // 5
    group_means = sorted_var.groupby(groups).transform("mean")
    microaggregated[var] = group_means  # aligned on the index: each boy gets his group's mean
print(reidentification_rate(boys, microaggregated), largest_std_difference(microaggregated))
# %% Exercise 4
rng = np.random.default_rng(2024)
noisy = boys.copy()
noisy["age"] = boys["age"] + rng.normal(0, 0.2 * np.std(boys["age"]), len(boys))
noisy["hgt"] = boys["hgt"] + rng.normal(0, 0.2 * np.std(boys["hgt"]), len(boys))
print(reidentification_rate(boys, noisy), largest_std_difference(noisy))
# %% Exercise 5
names = ["original", "rounding", "coding", "microaggregation", "noise"]
data_sets = [boys, rounded, coded, microaggregated, noisy]
table = pd.DataFrame({"re-identification": [reidentification_rate(boys, d) for d in data_sets],
                      "utility loss": [largest_std_difference(d) for d in data_sets]}, index=names)
print(table)
plt.scatter(table["utility loss"], table["re-identification"])
plt.xlabel("utility loss")
plt.ylabel("re-identification (%)")
plt.show()
