# Reference numbers of synthpop's utility.tables / utility.tab and compare(stat = "counts") for
# tests/test_utility.py, on synthetic sets made by tests/r/cart_utility_reference.R (run that
# first). synthpop 1.9-3, R 4.2. Run from the repository root:
#   R_LIBS=/path/to/rlib Rscript tests/r/utility_tables_reference.R
# Writes tests/r/cart_utility/tables_reference.csv (data, table, pMSE, S_pMSE, df: every
# two-way table and every one-way table) and tests/r/cart_utility/counts_reference.csv
# (compare's counts of the factors of SD2011's 15 variables).
suppressMessages(library(synthpop))
out <- "tests/r/cart_utility"

read_like <- function(file, like) {
  d <- read.csv(file, stringsAsFactors = FALSE, na.strings = "NA")
  for (v in names(like)) if (is.factor(like[[v]]))
    d[[v]] <- factor(d[[v]], levels = levels(like[[v]]), ordered = is.ordered(like[[v]]))
  d[names(like)]
}
source("tests/r/course_data.R")
sd15 <- load_sd2011()[, vars15]
boys <- load_boys()
boys$tv <- as.numeric(boys$tv)

rows <- list()
for (s in list(list(name = "sd2011", data = sd15, cont.na = list(income = -8)),
               list(name = "boys", data = boys, cont.na = NULL))) {
  syn11 <- read_like(file.path(out, sprintf("%s_syn_11.csv", s$name)), s$data)
  for (tables in c("twoway", "oneway")) {
    u <- utility.tables(syn11, s$data, cont.na = s$cont.na, tables = tables, plot = FALSE,
                        print.flag = FALSE, compare.synorig = FALSE)
    tabs <- as.data.frame(u$tabs)
    rows[[length(rows) + 1]] <- data.frame(data = s$name, table = rownames(tabs), pMSE = tabs$pMSE,
                                           S_pMSE = tabs$S_pMSE, df = tabs$df)
  }
}
write.csv(do.call(rbind, rows), file.path(out, "tables_reference.csv"), row.names = FALSE)

syn11 <- read_like(file.path(out, "sd2011_syn_11.csv"), sd15)
factors <- names(sd15)[sapply(sd15, is.factor)]
counts <- compare(syn11, sd15, vars = factors, stat = "counts", print.flag = FALSE, plot = FALSE)
tables <- do.call(c, counts$tables)   # one list of tables per page of plots (4 variables each)
tab <- do.call(rbind, lapply(names(tables), function(v) {
  t <- tables[[v]]
  data.frame(variable = v, level = ifelse(is.na(colnames(t)), "NA", colnames(t)),
             observed = unname(t[1, ]), synthetic = unname(t[2, ]), row.names = NULL)
}))
write.csv(tab, file.path(out, "counts_reference.csv"), row.names = FALSE)
