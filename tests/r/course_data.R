# The course's data as the R reference scripts read them (sourced by them): boys with its
# ordered Tanner stages and regions, and SD2011 with the factor levels synthlab ships.
load_boys <- function() {
  boys <- read.csv("synthlab/data/boys.csv", stringsAsFactors = FALSE)
  boys$gen <- factor(boys$gen, levels = paste0("G", 1:5), ordered = TRUE)
  boys$phb <- factor(boys$phb, levels = paste0("P", 1:6), ordered = TRUE)
  boys$reg <- factor(boys$reg, levels = c("north", "east", "west", "south", "city"))
  boys
}
load_sd2011 <- function() {
  d <- read.csv("synthlab/data/sd2011.csv", stringsAsFactors = FALSE, na.strings = "NA")
  levs <- read.csv("synthlab/data/sd2011_levels.csv", stringsAsFactors = FALSE)
  for (v in unique(levs$variable)) d[[v]] <- factor(d[[v]], levels = levs$level[levs$variable == v])
  d
}
vars15 <- c("sex", "age", "edu", "marital", "income", "ls", "depress", "trust", "nofriend",
            "smoke", "nociga", "wkabint", "height", "weight", "bmi")
