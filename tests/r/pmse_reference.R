# Reference numbers for tests/test_utility.py::test_logit_pmse_matches_r (fixture:
# tests/r/pmse_reference.txt). The logit branch of synthpop's utility.gen (synthpop 1.9-3,
# R/utility.syn.r) written out in base R, since synthpop is not on Debian: factors with NA
# get an NA level (addNA); a numeric column with NA gets a 0/1 column <name>_NA and its NAs
# become 0; glm(t ~ .^(maxorder + 1), binomial); k = number of non-NA coefficients;
# pMSE = mean((p - c)^2); S_pMSE = pMSE / ((k - 1) (1 - c)^2 c / N).
# Last line: the CART branch with rpart (cp 1e-3, minbucket 5) and 50 label permutations whose
# pMSE is divided by 2, on the "noisy" pair: synthlab's scikit-learn tree stands in for rpart,
# so the test compares it loosely.
# Run: python tests/r/make_pmse_reference_data.py && Rscript tests/r/pmse_reference.R
prepare <- function(d) {
  d$gen <- factor(d$gen, levels = paste0("G", 1:5), ordered = TRUE)
  d$phb <- factor(d$phb, levels = paste0("P", 1:6), ordered = TRUE)
  d$reg <- factor(d$reg, levels = c("north", "east", "west", "south", "city"))
  d
}
utility_logit <- function(obs, syn, maxorder) {
  data <- rbind(obs, syn)
  for (v in names(data)) {
    if (is.factor(data[[v]]) && anyNA(data[[v]])) data[[v]] <- addNA(data[[v]])
    if (is.numeric(data[[v]]) && anyNA(data[[v]])) {
      data[[paste0(v, "_NA")]] <- 1 * is.na(data[[v]])
      data[[v]][is.na(data[[v]])] <- 0
    }
  }
  data$t <- c(rep(0, nrow(obs)), rep(1, nrow(syn)))
  form <- if (maxorder >= 1) as.formula(paste("t ~ .^", maxorder + 1)) else t ~ .
  fit <- suppressWarnings(glm(form, data = data, family = "binomial", control = list(maxit = 200)))
  p <- predict(fit, type = "response")
  N <- nrow(data); cc <- nrow(syn) / N
  k <- sum(!is.na(coef(fit)))
  pmse <- mean((p - cc)^2)
  c(pmse = pmse, k = k, s_pmse = pmse / ((k - 1) * (1 - cc)^2 * cc / N))
}
options(digits = 10)
for (pair in c("noisy", "gappy")) {
  obs <- prepare(read.csv(sprintf("/tmp/rpmse/%s_obs.csv", pair), stringsAsFactors = FALSE))
  syn <- prepare(read.csv(sprintf("/tmp/rpmse/%s_syn.csv", pair), stringsAsFactors = FALSE))
  for (maxorder in 0:1) {
    out <- utility_logit(obs, syn, maxorder)
    cat(pair, maxorder, out[["pmse"]], out[["k"]], out[["s_pmse"]], "\n")
  }
}
obs <- prepare(read.csv("/tmp/rpmse/noisy_obs.csv", stringsAsFactors = FALSE))
syn <- prepare(read.csv("/tmp/rpmse/noisy_syn.csv", stringsAsFactors = FALSE))
data <- rbind(obs, syn); data$t <- factor(c(rep(0, nrow(obs)), rep(1, nrow(syn))))
cc <- nrow(syn) / nrow(data)
tree_pmse <- function(d) {
  fit <- rpart::rpart(t ~ ., data = d, method = "class", control = rpart::rpart.control(cp = 1e-3, minbucket = 5))
  mean((predict(fit)[, 2] - cc)^2)
}
pmse <- tree_pmse(data)
set.seed(1)
null <- replicate(50, { shuffled <- data; shuffled$t <- sample(shuffled$t); tree_pmse(shuffled) / 2 })
cat("noisy cart", pmse, "NA", pmse / mean(null), "\n")
