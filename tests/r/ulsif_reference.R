# Reference numbers for tests/test_density_ratio.py (fixture: tests/r/ulsif_reference.txt).
# R's densityratio::ulsif() itself, versions 0.2.3 and 0.2.2, built from thomvolker/densityratio
# (tags v0.2.3, v0.2.2; plot.R and kmm.R left out, as they need ggplot2/osqp, which ulsif does
# not use) into the libraries named below. Inputs from tests/r/make_ulsif_reference_data.py:
# boys vs a noisy, shuffled, shorter copy, and the 200 centres synthlab.ulsif(seed=5) draws.
# Run: python tests/r/make_ulsif_reference_data.py && Rscript tests/r/ulsif_reference.R
run <- function(lib, label, ...) {
  library(densityratio, lib.loc = lib)
  nu <- read.csv("/tmp/rchk/nu.csv", stringsAsFactors = FALSE)
  de <- read.csv("/tmp/rchk/de.csv", stringsAsFactors = FALSE)
  for (d in c("nu", "de")) { x <- get(d)
    x$gen <- factor(x$gen, levels = paste0("G", 1:5), ordered = TRUE)
    x$phb <- factor(x$phb, levels = paste0("P", 1:6), ordered = TRUE)
    x$reg <- factor(x$reg, levels = c("north", "east", "west", "south", "city")); assign(d, x) }
  centers <- rbind(nu, de)[read.csv("/tmp/rchk/idx.csv")[[1]], ]
  fit <- suppressWarnings(ulsif(nu, de, centers = centers, progressbar = FALSE, ...))
  r_nu <- c(predict(fit, newdata = nu)); r_de <- c(predict(fit, newdata = de))
  cat(label, "sigma", fit$sigma_opt, "\n", label, "lambda", fit$lambda_opt, "\n",
      label, "min_cv", min(fit$cv_score), "\n", label, "PE", mean(r_nu) / 2 - mean(r_de) + 0.5, "\n",
      label, "r_nu_1_5", head(r_nu, 5), "\n", sep = " ")
  detach("package:densityratio", unload = TRUE)
}
options(digits = 10)
run("/tmp/evaluation_rlib_v0.2.3", "v0.2.3")
run("/tmp/evaluation_rlib_v0.2.3", "v0.2.3_intercept", intercept = TRUE)
run("/tmp/evaluation_rlib_v0.2.2", "v0.2.2")
