# Reference numbers for TrustMetrics.Weighting (raking): R survey::rake + svymean.
# Run from this folder: Rscript raking-reference.R > raking-reference.out
suppressMessages(library(survey))
cat("R", R.version$major, ".", R.version$minor, " survey ", as.character(packageVersion("survey")), "\n", sep = "")
options(digits = 17)

# --- synthetic set: 3 margins, seeded ---
set.seed(20261206)
n <- 3000
region <- sample(c("north", "south", "east", "west"), n, replace = TRUE, prob = c(.4, .3, .2, .1))
age <- sample(c("18-29", "30-44", "45-59", "60+", "unknown"), n, replace = TRUE, prob = c(.35, .3, .2, .1, .05))
channel <- sample(c("app", "web", "store"), n, replace = TRUE, prob = c(.5, .3, .2))
lin <- 0.3 * (region == "north") - 0.4 * (age == "60+") + 0.5 * (channel == "store") + rnorm(n)
nps <- pmin(10, pmax(0, round(7.5 + 1.8 * lin)))
csat <- pmin(5, pmax(1, round(3.8 + 0.9 * lin + rnorm(n, sd = .5))))
ces <- pmin(7, pmax(1, round(4.8 + 1.2 * lin + rnorm(n, sd = .7))))
synth <- data.frame(id = 1:n, region, age, channel, nps, csat, ces)
write.csv(synth, "synthetic-3-margins.csv", row.names = FALSE, quote = FALSE)
synthMargins <- data.frame(
  variable = c(rep("region", 4), rep("age", 5), rep("channel", 3)),
  level = c("north", "south", "east", "west", "18-29", "30-44", "45-59", "60+", "unknown", "app", "web", "store"),
  share = c(.25, .25, .25, .25, .2, .25, .25, .25, .05, .4, .35, .25))
write.csv(synthMargins, "synthetic-margins.csv", row.names = FALSE, quote = FALSE)

# --- the sample company's survey: segment x channel margins ---
sample <- read.csv("sample-survey.csv", stringsAsFactors = FALSE)
sampleMargins <- data.frame(
  variable = c(rep("segment", 3), rep("channel", 4)),
  level = c("Consumer", "SMB", "Enterprise", "app", "phone", "store", "web"),
  share = c(.55, .30, .15, .30, .15, .20, .35))
write.csv(sampleMargins, "sample-margins.csv", row.names = FALSE, quote = FALSE)

rakeOn <- function(d, margins) {
  vars <- unique(margins$variable)
  des <- svydesign(ids = ~1, data = d, weights = ~rep(1, nrow(d)))
  sm <- lapply(vars, function(v) as.formula(paste0("~", v)))
  pm <- lapply(vars, function(v) {
    m <- margins[margins$variable == v, ]
    df <- data.frame(m$level, m$share * nrow(d)); names(df) <- c(v, "Freq"); df
  })
  rake(des, sm, pm, control = list(epsilon = 1e-15, maxit = 1000))
}

report <- function(label, d, margins, metric, threshold = NA) {
  d <- d[!is.na(d[[metric]]), ]
  r <- rakeOn(d, margins)
  w <- weights(r)
  fixed <- svydesign(ids = ~1, data = d, weights = ~w)
  cat("\n## ", label, " ", metric, " (n = ", nrow(d), ")\n", sep = "")
  cat("sum w:", format(sum(w), digits = 17), " sum w^2:", format(sum(w^2), digits = 17), "\n")
  cat("kish n_eff:", format(sum(w)^2 / sum(w^2), digits = 17), " deff:", format(nrow(d) * sum(w^2) / sum(w)^2, digits = 17), "\n")
  cat("w[1:5]:", format(w[1:5], digits = 17), "\n")
  show <- function(name, y) {
    d$y <- y; r <- update(r, y = y); fixed <- update(fixed, y = y)
    a <- svymean(~y, r); b <- svymean(~y, fixed)
    cat(sprintf("%s mean %.17g raked_se %.17g fixed_se %.17g\n", name, coef(a), SE(a), SE(b)))
  }
  if (metric == "nps") {
    show("nps", 100 * (d$nps >= 9) - 100 * (d$nps <= 6))
  } else {
    show("topbox", 100 * (d[[metric]] >= threshold))
    show("mean", d[[metric]])
  }
}

for (m in c("nps", "csat", "ces")) report("synthetic", synth, synthMargins, m, c(nps = NA, csat = 4, ces = 5)[[m]])
for (m in c("nps", "csat", "ces")) report("sample", sample, sampleMargins, m, c(nps = NA, csat = 4, ces = 5)[[m]])
