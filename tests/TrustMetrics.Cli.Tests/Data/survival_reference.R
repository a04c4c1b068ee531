# Reference numbers for tests/TrustMetrics.Cli.Tests/Survival/PublicSurvivalDataTests.cs
# R with survival 3.5-3: Rscript survival_reference.R > survival_reference.txt
library(survival)
cat("survival", as.character(packageVersion("survival")), "\n")
show <- function(name, d, time, event, group) {
  f <- survfit(as.formula(paste0("Surv(", time, ",", event, ") ~ 1")), data = d, conf.type = "log-log")
  t <- summary(f)$table
  cat(sprintf("%s overall: n=%d events=%d median=%.10g lower=%.10g upper=%.10g\n", name, t["n.max"], t["events"], t["median"], t["0.95LCL"], t["0.95UCL"]))
  s <- survdiff(as.formula(paste0("Surv(", time, ",", event, ") ~ ", group)), data = d)
  cat(sprintf("%s by %s: chisq=%.10g df=%d p=%.10g\n", name, group, s$chisq, length(s$n) - 1, pchisq(s$chisq, length(s$n) - 1, lower.tail = FALSE)))
  print(s)
}
show("lung", read.csv("lung.csv"), "time", "status", "sex")
show("rossi", read.csv("rossi.csv"), "week", "arrest", "fin")
show("larynx", read.csv("larynx.csv"), "time", "death", "Stage_IV")
# A group where nobody has churned yet, and a file with no churn at all: survdiff gives chi-squared 0 (p = 1).
d <- data.frame(time = c(1, 2, 5, 3, 4), event = c(1, 0, 1, 0, 0), g = c("a", "a", "a", "b", "b"))
s <- survdiff(Surv(time, event) ~ g, data = d); cat(sprintf("one group without events: chisq=%.10g p=%.10g\n", s$chisq, pchisq(s$chisq, 1, lower.tail = FALSE)))
d <- data.frame(time = c(1, 2, 3, 4), event = c(0, 0, 0, 0), g = c("a", "a", "b", "b"))
s <- survdiff(Surv(time, event) ~ g, data = d); cat(sprintf("no events at all: chisq=%.10g p(1 df)=%.10g\n", s$chisq, pchisq(s$chisq, 1, lower.tail = FALSE)))
