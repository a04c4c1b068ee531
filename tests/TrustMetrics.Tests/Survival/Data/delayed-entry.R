# Reference values for delayed entry (left truncation): R survival 3.5-3, survfit(Surv(start, stop, event) ~ 1).
# Run from this folder: Rscript delayed-entry.R > delayed-entry.txt
# Writes delayed-entry-<data>-<conf>.csv (KM) and delayed-entry-<data>-na.csv (Nelson–Aalen, ctype 1 and 2) with 17 digits.
library(survival)
cat("R", R.version$major, R.version$minor, " survival", as.character(packageVersion("survival")), "\n")

aids <- read.delim("multicenter_aids_cohort.tsv")           # lifelines' multicenter_aids_cohort.tsv: entry W, exit T, event D
set.seed(20261206)
n <- 300
entry <- round(rexp(n, 1 / 3), 1)                          # rounded to 0.1: many ties among entries and exits
stay <- round(rexp(n, 1 / 8), 1) + 0.1
cens <- round(runif(n, 0, 25), 1) + 0.1
exit <- entry + pmin(stay, cens)
event <- as.integer(stay <= cens)
sim <- data.frame(start = entry, stop = round(exit, 1), event = event)
write.csv(sim, "delayed-entry-simulated.csv", row.names = FALSE)

sets <- list(aids = data.frame(start = aids$W, stop = aids$T, event = aids$D), simulated = sim)
out <- function(x) trimws(formatC(x, digits = 17, format = "g"))
for (name in names(sets)) {
  d <- sets[[name]]
  for (conf in c("log-log", "log", "plain")) {
    f <- survfit(Surv(start, stop, event) ~ 1, data = d, conf.type = conf)
    tab <- data.frame(time = out(f$time), n_risk = f$n.risk, n_event = f$n.event, n_censor = f$n.censor,
                      surv = out(f$surv), std_err = out(f$std.err), lower = out(f$lower), upper = out(f$upper))
    write.csv(tab, sprintf("delayed-entry-%s-%s.csv", name, conf), row.names = FALSE, quote = FALSE)
    cat(name, conf, ": rows", nrow(tab), " events", sum(f$n.event), "\n")
    if (conf == "log-log") print(summary(f, times = quantile(d$stop, c(.25, .5, .75))), digits = 10)
  }
  f1 <- survfit(Surv(start, stop, event) ~ 1, data = d, ctype = 1)
  f2 <- survfit(Surv(start, stop, event) ~ 1, data = d, ctype = 2)
  tab <- data.frame(time = out(f1$time), n_risk = f1$n.risk, cumhaz1 = out(f1$cumhaz), std_chaz1 = out(f1$std.chaz),
                    cumhaz2 = out(f2$cumhaz), std_chaz2 = out(f2$std.chaz))
  write.csv(tab, sprintf("delayed-entry-%s-na.csv", name), row.names = FALSE, quote = FALSE)
  s <- summary(survfit(Surv(start, stop, event) ~ 1, data = d, conf.type = "log-log"), rmean = 5)$table
  cat(name, "rmean(5) =", out(s[["rmean"]]), " se =", out(s[["se(rmean)"]]), " median =", out(s[["median"]]),
      " lcl =", out(s[["0.95LCL"]]), " ucl =", out(s[["0.95UCL"]]), "\n")
}
