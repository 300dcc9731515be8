# Make the boys data files shipped with synthlab. Run once from this folder:
#   Rscript make_boys.R
# Needs R with the mice package (Debian: apt-get install r-base-core r-cran-mice; checked with
# R 4.2 and mice 3.15). Completes the missing values exactly as the LMU synthetic data
# tutorial did: one imputation (m = 1), 20 iterations, seed 123, bmi imputed passively from
# hgt and wgt and not used as a predictor of either.
library(mice)

raw <- mice::boys
write.csv(raw, "boys_raw.csv", row.names = FALSE, na = "NA")

meth <- make.method(raw)
meth["bmi"] <- "~I(wgt/(hgt/100)^2)"
pred <- make.predictorMatrix(raw)
pred[c("hgt", "wgt"), "bmi"] <- 0

imp <- mice(raw, m = 1, maxit = 20, method = meth, predictorMatrix = pred,
            seed = 123, printFlag = FALSE)
completed <- complete(imp)
write.csv(completed, "boys.csv", row.names = FALSE, na = "NA")
