# A learner's literal answers to chapter 5, one block per blank (in order), written from the
# prompts alone. Exercise 4 lets the error happen, uncaught: its cell is tagged raises-exception.
# %% Exercise 1
synthlab.codebook(syn_release)
# %% Exercise 2
negative_rows = (syn_release.select_dtypes("number") < 0).any(axis=1).sum()
gap = (syn_release["bmi"] - syn_release["wgt"] / (syn_release["hgt"] / 100) ** 2).abs().max()
uniques = synthlab.replicated_uniques(boys, syn_release, keys=["age", "hgt", "reg"]).percent
disco = synthlab.disco(boys, syn_release, keys=["gen", "phb", "reg"], target="tv").percent
checks = {"negative rows": negative_rows, "bmi gap": gap, "replicated uniques (age, hgt, reg) %": uniques,
          "DiSCO tv given gen, phb, reg %": disco}
checks
# %% Exercise 3
synthlab.write_release(syn_release, release_folder, "boys", prefix="syn_", methods=result.method, checks=checks,
                       description="Synthetic boys growth data.", fit_for="Exploring and writing code only.",
                       contact="Ask the owners of the mice package's boys data.")
list(release_folder.iterdir())
# %% Exercise 4
synthlab.write_release(result, release_folder, "boys_model", methods={}, description="", fit_for="", contact="")
# %% Exercise 5
print(open(release_folder / "README.md").read())
