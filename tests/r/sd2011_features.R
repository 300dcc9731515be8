# Reference numbers for synthlab's synthpop features on SD2011 (synthpop 1.9-3).
# Run from the repository root: R_LIBS=/work/rlib Rscript tests/r/sd2011_features.R
# Writes tests/r/sd2011_subset.csv (12 SD2011 variables), tests/r/sd2011_syn11.csv (one R
# synthesis of them), tests/r/sd2011_sdc_smoothed.csv (R's sdc smoothing of that synthesis),
# tests/r/mtcars_subset.csv and tests/r/sd2011_features.txt (the numbers the tests compare with).
suppressMessages(library(synthpop))
out <- "tests/r"
cols <- c("sex", "age", "edu", "marital", "income", "ls", "smoke", "nociga", "height", "weight",
          "depress", "nofriend")
ods <- SD2011[, cols]
write.csv(ods, file.path(out, "sd2011_subset.csv"), row.names = FALSE, na = "")
txt <- file(file.path(out, "sd2011_features.txt"), "w")
say <- function(...) cat(..., "\n", sep = "", file = txt)
for (v in cols) if (is.factor(ods[[v]])) say("levels ", v, "\t", paste(levels(ods[[v]]), collapse = "|"))

# 1. one synthesis, saved, for the disclosure and fit fixtures
s <- syn(ods, seed = 11, cont.na = list(income = -8, nociga = -8), print.flag = FALSE)
write.csv(s$syn, file.path(out, "sd2011_syn11.csv"), row.names = FALSE, na = "")

# 2. multi.disclosure: several targets on the same keys
md <- multi.disclosure(s, ods, keys = c("sex", "age", "edu"), targets = c("ls", "smoke", "marital"),
                       print.flag = FALSE, plot = FALSE)
for (t in c("ls", "smoke", "marital")) {
  a <- md$output.list[[t]]$attrib
  say("disclosure ", t, "\t", paste(format(unlist(a[1, c("Dorig", "iS", "DiS", "DiSCO", "DiSDiO")]),
                                            digits = 15), collapse = "\t"))
}

# 3. sdc: smooth.vars (ties share one value, no rounding, cont.na left alone) and label
smoothed <- sdc(s, ods, smooth.vars = c("income", "height"), label = "synthetic")
say("sdc names\t", paste(names(smoothed$syn), collapse = "|"))
say("sdc flag\t", unique(smoothed$syn$flag))
write.csv(smoothed$syn[, c("income", "height")], file.path(out, "sd2011_sdc_smoothed.csv"),
          row.names = FALSE, na = "")

# 4. compare.fit with a factor response (glm models the second level, "NO")
f <- glm.synds(smoke ~ sex + age + edu, data = s, family = "binomial")
cf <- compare.fit.synds(f, ods, plot = "coef")
for (i in seq_len(nrow(cf$coef.obs))) say("fit ", rownames(cf$coef.obs)[i], "\t",
  format(cf$coef.obs[i, 1], digits = 15), "\t", format(cf$coef.syn[i, 1], digits = 15))
say("fit lack_of_fit\t", format(cf$lack.of.fit[1], digits = 15))
lm1 <- lm.synds(weight ~ height + sex, data = s)
cl <- compare.fit.synds(lm1, ods, plot = "coef")
say("lm lack_of_fit\t", format(cl$lack.of.fit[1], digits = 15))

# 5. collinear columns: height in metres beside height in cm
sc <- ods[, c("sex", "age", "height", "weight")]
sc$height_m <- sc$height / 100
sc$weight_g <- sc$weight * 1000
r <- syn(sc, seed = 5, print.flag = FALSE)
say("collinear method\t", paste(names(r$method), r$method, sep = "=", collapse = "|"))
say("collinear predictors height_m\t", paste(colnames(r$predictor.matrix)[r$predictor.matrix["height_m", ] == 1], collapse = "|"))
say("collinear exact\t", all(abs(r$syn$height_m - r$syn$height / 100) < 1e-9, na.rm = TRUE), "\t",
    all(is.na(r$syn$height_m) == is.na(r$syn$height)))

# 6. minnumlevels: numeric columns with few values synthesised as factors
mt <- mtcars[, c("mpg", "cyl", "am", "gear", "hp")]
write.csv(mt, file.path(out, "mtcars_subset.csv"), row.names = FALSE)
r <- syn(mt, method = c("sample", "normrank", "normrank", "cart", "normrank"), minnumlevels = 3,
         seed = 3, print.flag = FALSE)
say("minnumlevels method\t", paste(names(r$method), r$method, sep = "=", collapse = "|"))
say("minnumlevels classes\t", paste(sapply(r$syn, class), collapse = "|"))
say("minnumlevels values cyl\t", paste(sort(unique(r$syn$cyl)), collapse = "|"))

# 7. numtocat: income (code -8) and age grouped into 5 quantile groups
nc <- numtocat.syn(ods[, c("age", "income", "sex")], numtocat = c("age", "income"),
                   cont.na = list(income = -8), catgroups = 5, print.flag = FALSE)
for (v in c("age", "income")) {
  say("numtocat breaks ", v, "\t", paste(format(nc$breaks[[v]], digits = 15), collapse = "|"))
  tb <- table(nc$data[[v]], useNA = "ifany")
  say("numtocat counts ", v, "\t", paste(names(tb), tb, sep = "=", collapse = "|"))
}
r <- syn(ods[, c("sex", "age", "income", "edu")], numtocat = c("age", "income"), cont.na = list(income = -8),
         seed = 7, print.flag = FALSE)
say("numtocat method\t", paste(names(r$method), r$method, sep = "=", collapse = "|"))
say("numtocat observed values\t", all(r$syn$age %in% ods$age), "\t", all(r$syn$income %in% ods$income))

# 8. rules and rvalues: nociga is -8 for non-smokers
r <- syn(ods[, c("sex", "age", "smoke", "nociga")], rules = list(nociga = "smoke == 'NO'"),
         rvalues = list(nociga = -8), cont.na = list(nociga = -8), seed = 9, print.flag = FALSE)
say("rvalues method\t", paste(names(r$method), r$method, sep = "=", collapse = "|"))
ok <- r$syn$smoke == "NO" & !is.na(r$syn$smoke)
say("rvalues rule holds\t", all(r$syn$nociga[ok] == -8))
say("rvalues minus8 among smokers\t", sum(r$syn$nociga[!ok] == -8, na.rm = TRUE), "\t",
    sum(ods$nociga[ods$smoke == "YES" & !is.na(ods$smoke)] == -8, na.rm = TRUE))

# 9. strata: synthesised by sex, each stratum on its own
r <- syn.strata(ods[, c("sex", "age", "edu", "income")], strata = "sex", seed = 13, print.flag = FALSE,
                tab.strataobs = FALSE, cont.na = list(income = -8))
say("strata rows\t", nrow(r$syn), "\t", paste(names(table(r$syn$sex)), table(r$syn$sex), sep = "=", collapse = "|"))
say("strata sorted\t", !is.unsorted(as.integer(r$syn$sex)))
res <- tryCatch(syn.strata(ods[1:60, c("sex", "age", "edu")], strata = "sex", print.flag = FALSE,
                           tab.strataobs = FALSE), error = function(e) conditionMessage(e))
say("strata small\t", gsub("\n", " ", if (is.character(res)) res else "no error"))
close(txt)
