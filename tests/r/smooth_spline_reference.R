# Reference numbers for tests/test_syn_smoothing.py: R's smooth.spline as synthpop's
# syn.smooth(smoothing = "spline") calls it, smooth.spline(sort(y), all.knots = FALSE),
# i.e. x = 1..n, GCV. Writes tests/r/smooth_spline_reference.csv (case, index, fitted) and
# tests/r/smooth_spline_reference_fits.csv (case, n, spar, lambda, df) and
# tests/r/smooth_spline_knots.csv (n, nknots, sum of knot positions). The test rebuilds the
# input vectors itself from synthlab/data/boys.csv. Run from the repository root:
#   Rscript tests/r/smooth_spline_reference.R
boys <- read.csv("synthlab/data/boys.csv")
cases <- list(
  hgt = sort(boys$hgt),                 # n = 748: 126 inner knots
  wgt = sort(boys$wgt),
  tv = sort(boys$tv),                   # integer, many ties
  bmi30 = sort(boys$bmi[1:30]),         # n < 50: one knot per value
  ties = c(1, 1, 1, 2, 2, 3, 3, 3, 3, 5, 8, 8, 9, 12, 12, 12, 20),
  small = c(1, 2, 2.5, 4, 5.5, 5, 7, 8),
  hgt5 = sort(rep(boys$hgt, 5))         # n = 3740 > 3200: 200 + (n - 3200)^0.2 knots
)
rows <- list(); fits <- list()
for (name in names(cases)) {
  y <- cases[[name]]
  fit <- smooth.spline(y, all.knots = FALSE)
  keep <- if (length(y) > 1000) seq(1, length(y), by = 37) else seq_along(y)
  rows[[name]] <- data.frame(case = name, index = keep, fitted = sprintf("%.12g", fit$y[keep]))
  fits[[name]] <- data.frame(case = name, n = length(y), spar = sprintf("%.12g", fit$spar),
                             lambda = sprintf("%.12g", fit$lambda), df = sprintf("%.12g", fit$df))
}
# synthpop's syn.smooth(smoothing = "spline") itself, on hc in its data order (ties included):
decimals <- 1  # boys$hc is recorded to one decimal
ysyn <- boys$hc
ord <- order(ysyn)
ysyn[ord] <- round(smooth.spline(sort(ysyn), all.knots = FALSE)$y, decimals)
rows[["hc_syn_smooth"]] <- data.frame(case = "hc_syn_smooth", index = seq_along(ysyn), fitted = ysyn)
write.csv(do.call(rbind, rows), "tests/r/smooth_spline_reference.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, fits), "tests/r/smooth_spline_reference_fits.csv", row.names = FALSE, quote = FALSE)

# R's number of inner knots and the sum of their positions (1-based) for a range of n.
ns <- c(4:60, seq(61, 6000, by = 37))
knots <- t(sapply(ns, function(n) { k <- stats:::.nknots.smspl(n)
  c(n = n, nknots = k, position_sum = sum(trunc(seq.int(1, n, length.out = k)))) }))
write.csv(knots, "tests/r/smooth_spline_knots.csv", row.names = FALSE, quote = FALSE)
