# Reference values for competing risks: R survival 3.5-3 (Aalen–Johansen, multi-state survfit) and cmprsk 2.2-11 (Gray's test,
# Debian r-cran-cmprsk) under R 4.2.2. Run from this folder: Rscript competing-risks.R > competing-risks.txt
# Writes competing-risks-simulated.csv (the data) and competing-risks-aj-<conf>.csv (pstate, std.err, lower, upper per cause).
library(survival)
library(cmprsk)
cat("R", R.version$major, R.version$minor, " survival", as.character(packageVersion("survival")),
    " cmprsk", as.character(packageVersion("cmprsk")), "\n")
out <- function(x) trimws(formatC(x, digits = 17, format = "g"))

# Seeded simulation: 300 customers, 3 plans; monthly churn times (ties) from two causes, voluntary and payment (failure),
# censored by a uniform follow-up.
set.seed(20261206)
n <- 300
plan <- sample(c("basic", "plus", "pro"), n, replace = TRUE)
vol <- rexp(n, ifelse(plan == "basic", 1 / 20, ifelse(plan == "plus", 1 / 30, 1 / 28)))
pay <- rexp(n, ifelse(plan == "pro", 1 / 60, 1 / 35))
follow <- runif(n, 6, 48)
t <- pmin(vol, pay, follow)
cause <- ifelse(t == follow, "", ifelse(vol < pay, "voluntary", "payment"))
sim <- data.frame(plan = plan, time = ceiling(t), cause = cause)
write.csv(sim, "competing-risks-simulated.csv", row.names = FALSE, quote = FALSE)
status <- factor(ifelse(sim$cause == "", "censored", sim$cause), levels = c("censored", "payment", "voluntary"))

for (conf in c("log-log", "log", "plain")) {
  f <- survfit(Surv(time, status) ~ 1, data = sim, conf.type = conf)
  cat("states:", f$states, " conf:", conf, " rows:", length(f$time), "\n")
  tab <- data.frame(time = f$time, n_risk = f$n.risk[, 1],
                    payment = out(f$pstate[, 2]), payment_se = out(f$std.err[, 2]),
                    payment_lower = out(f$lower[, 2]), payment_upper = out(f$upper[, 2]),
                    voluntary = out(f$pstate[, 3]), voluntary_se = out(f$std.err[, 3]),
                    voluntary_lower = out(f$lower[, 3]), voluntary_upper = out(f$upper[, 3]),
                    stay = out(f$pstate[, 1]))
  write.csv(tab, sprintf("competing-risks-aj-%s.csv", conf), row.names = FALSE, quote = FALSE)
}
print(summary(survfit(Surv(time, status) ~ 1, data = sim), times = c(6, 12, 24)), digits = 10)

# Gray's test across plans, each cause, rho = 0 (default) and rho = 1; and two plans only.
code <- ifelse(sim$cause == "", 0, ifelse(sim$cause == "payment", 1, 2))
for (rho in c(0, 1)) {
  ci <- cuminc(sim$time, code, sim$plan, cencode = 0, rho = rho)
  cat("cuminc plans rho =", rho, ": payment stat =", out(ci$Tests[1, "stat"]), " p =", out(ci$Tests[1, "pv"]), " df =", ci$Tests[1, "df"],
      "; voluntary stat =", out(ci$Tests[2, "stat"]), " p =", out(ci$Tests[2, "pv"]), "\n")
}
two <- sim$plan != "pro"
ci <- cuminc(sim$time[two], code[two], sim$plan[two], cencode = 0)
cat("cuminc basic vs plus: payment stat =", out(ci$Tests[1, "stat"]), " p =", out(ci$Tests[1, "pv"]),
    "; voluntary stat =", out(ci$Tests[2, "stat"]), " p =", out(ci$Tests[2, "pv"]), "\n")

# Hand-sized case (also in the tests): times 1..6, two groups.
small <- data.frame(time = c(1, 2, 2, 3, 4, 5, 1, 2, 3, 3, 5, 6), code = c(1, 2, 1, 0, 1, 2, 2, 1, 0, 1, 2, 1), g = rep(c("x", "y"), each = 6))
ci <- cuminc(small$time, small$code, small$g, cencode = 0)
cat("small: cause 1 stat =", out(ci$Tests[1, "stat"]), " p =", out(ci$Tests[1, "pv"]), "; cause 2 stat =", out(ci$Tests[2, "stat"]), "\n")
