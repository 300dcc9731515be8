# Reference numbers for tests/test_utility.py::test_compare_fit_combines_m_sets_as_synthpop
# (fixture: tests/r/fit_reference.txt). synthpop 1.9-3's own lm.synds and compare.fit.synds on
# given synthetic sets: a synds object is made by syn() with the right m and k, and its
# synthetic sets are replaced by the ones written by make_fit_reference_data.py.
# Run: python tests/r/make_fit_reference_data.py && R_LIBS=/work/rlib Rscript tests/r/fit_reference.R
suppressMessages(library(synthpop))
prepare <- function(d) {
  d$gen <- factor(d$gen, levels = paste0("G", 1:5), ordered = TRUE)
  d$phb <- factor(d$phb, levels = paste0("P", 1:6), ordered = TRUE)
  d$reg <- factor(d$reg, levels = c("north", "east", "west", "south", "city"))
  d
}
obs <- prepare(read.csv("/tmp/rfit/obs.csv"))
vars <- c("hc", "age", "hgt", "wgt", "reg")
out <- file("tests/r/fit_reference.txt", "w")
for (group in c("full", "fewer", "partial")) {
  files <- Sys.glob(sprintf("/tmp/rfit/%s_*.csv", group))
  files <- files[order(as.integer(sub(".*_([0-9]+)[.]csv$", "\\1", files)))]
  sets <- lapply(files, function(f) prepare(read.csv(f))[, vars])
  m <- length(sets)
  k <- nrow(sets[[1]])
  # "partial": hc (first column, the response) is not synthesised, so synthpop's fit is
  # "incomplete" and compare.fit uses the between-set variance and Hotelling's T^2
  method <- if (group == "partial") c("", "sample", "cart", "cart", "cart") else "cart"
  s <- syn(obs[, vars], method = method, m = m, k = k, seed = 1, print.flag = FALSE)
  s$syn <- sets
  fit <- lm.synds(hc ~ age + hgt + wgt + reg, data = s)
  stopifnot(fit$incomplete == (group == "partial"))
  for (population in c(FALSE, TRUE)) {
    cf <- compare.fit.synds(fit, obs, population.inference = population, return.plot = FALSE)
    for (term in rownames(cf$coef.syn)) {
      writeLines(sprintf("%s %s %s %.12g %.12g %.12g", group, population, term,
                         cf$coef.syn[term, 1], cf$coef.syn[term, 2],
                         cf$ci.overlap[term, 1]), out)
    }
    writeLines(sprintf("%s %s lof %.12g %.12g", group, population,
                       cf$lack.of.fit, cf$lof.pvalue), out)
  }
}
close(out)
