# Reference synthetic sets and CART utility numbers made with R synthpop itself (synthpop
# 1.9-3, rpart 4.1.19, R 4.2), for tests/test_utility.py (the CART pMSE equal to
# utility.gen's) and the CART synthesis comparison (synthlab's default syn vs R's).
# Run from the repository root:
#   R_LIBS=/path/to/rlib Rscript tests/r/cart_utility_reference.R
# Writes into tests/r/cart_utility/:
#   <data>_obs.csv           the observed data as R had it (mtcars, iris; boys and SD2011 are
#                            synthlab's shipped files and are not copied)
#   <data>_syn_<seed>.csv    syn(observed, seed = seed) with synthpop's defaults
#   reference.csv            per synthetic set: utility.gen's CART pMSE and S_pMSE (seed of the
#                            permutations 1), the number of leaves of its propensity tree,
#                            and the permutation null mean(simpMSE) (= pMSE / S_pMSE) for
#                            set.seed(1), ..., set.seed(n_null) before utility.gen (n_null = 3
#                            for the first set of each data, else 1: R's spread of the null)
suppressMessages(library(synthpop))
library(rpart)
out <- "tests/r/cart_utility"
dir.create(out, showWarnings = FALSE)

write17 <- function(d, file) {
  numeric <- sapply(d, is.numeric)
  d[numeric] <- lapply(d[numeric], function(x) ifelse(is.na(x), NA, sprintf("%.17g", x)))
  write.csv(d, file, row.names = FALSE, na = "NA", quote = which(!numeric))
}

source("tests/r/course_data.R")
boys <- load_boys()

sd15 <- load_sd2011()[, vars15]

mtcars_obs <- mtcars
rownames(mtcars_obs) <- NULL
write17(mtcars_obs, file.path(out, "mtcars_obs.csv"))
write17(iris, file.path(out, "iris_obs.csv"))

sets <- list(
  list(name = "mtcars", data = mtcars_obs, seeds = c(11), cont.na = NULL),
  list(name = "iris", data = iris, seeds = c(11), cont.na = NULL),
  list(name = "boys", data = boys, seeds = c(11, 22, 33, 44, 55), cont.na = NULL),
  list(name = "sd2011", data = sd15, seeds = c(11, 22, 33, 44, 55), cont.na = list(income = -8)))

rows <- list()
for (s in sets) {
  for (seed in s$seeds) {
    sds <- syn(s$data, seed = seed, cont.na = s$cont.na, print.flag = FALSE)
    write17(sds$syn, file.path(out, sprintf("%s_syn_%d.csv", s$name, seed)))
    nulls <- rep(NA, 3)
    for (useed in if (seed == s$seeds[1]) 1:3 else 1) {
      set.seed(useed)
      u <- utility.gen(sds$syn, s$data, cont.na = s$cont.na, print.flag = FALSE)
      nulls[useed] <- u$pMSE / u$S_pMSE
      if (useed == 1) first <- u
    }
    leaves <- sum(first$fit$frame$var == "<leaf>")
    rows[[length(rows) + 1]] <- data.frame(
      data = s$name, seed = seed, pmse = first$pMSE, s_pmse = first$S_pMSE, leaves = leaves,
      null_1 = nulls[1], null_2 = nulls[2], null_3 = nulls[3])
    cat(s$name, seed, first$pMSE, first$S_pMSE, leaves, "\n")
    write.csv(do.call(rbind, rows), file.path(out, "reference.csv"), row.names = FALSE)
  }
}
write.csv(do.call(rbind, rows), file.path(out, "reference.csv"), row.names = FALSE)
