# Make the SD2011 data files shipped with synthlab. Run once from this folder:
#   Rscript make_sd2011.R path/to/SD2011.rda
# SD2011.rda is the data file of the R package synthpop (its data/ folder; checked with
# synthpop 1.9-3 and R 4.2). Writes
#   sd2011.csv         the 5000 x 35 table as it is (numbers to 17 significant digits): missing values written NA, the -8
#                      "not applicable" codes kept as numbers (or, in wkabdur, a string)
#   sd2011_levels.csv  every factor's levels in R's order (variable, level, ordered)
args <- commandArgs(trailingOnly = TRUE)
rda <- if (length(args) > 0) args[1] else "SD2011.rda"
load(rda)  # creates SD2011
stopifnot(identical(dim(SD2011), c(5000L, 35L)))

# numbers with 17 significant digits, so that they read back as the same doubles
out <- SD2011
numeric <- sapply(out, is.numeric)
out[numeric] <- lapply(out[numeric], function(x) ifelse(is.na(x), NA, sprintf("%.17g", x)))
write.csv(out, "sd2011.csv", row.names = FALSE, na = "NA", quote = which(!numeric))

factors <- names(SD2011)[sapply(SD2011, is.factor)]
levels_table <- do.call(rbind, lapply(factors, function(v) data.frame(
  variable = v, level = levels(SD2011[[v]]), ordered = is.ordered(SD2011[[v]]))))
write.csv(levels_table, "sd2011_levels.csv", row.names = FALSE)
