# Reference values for the RMST difference between two groups: R survival 3.5-3 under R 4.2.2.
# survRM2 is not packaged for Debian here (apt-cache search r-cran-survrm2: nothing), so, as survRM2::rmst2 does, each group's
# RMST and SE come from print(survfit(...), rmean = tau) (the table of summary(..., rmean = tau)), and the difference,
# SE = sqrt(se1^2 + se2^2), z and the two-sided p are computed from them here.
# Run from this folder: Rscript rmst-difference.R > rmst-difference.txt
library(survival)
cat("R", R.version$major, R.version$minor, " survival", as.character(packageVersion("survival")), "\n")
out <- function(x) trimws(formatC(x, digits = 17, format = "g"))
diff_rmst <- function(label, d, g1, g2, tau) {
  s1 <- summary(survfit(Surv(time, event) ~ 1, data = d[d$group == g1, ]), rmean = tau)$table
  s2 <- summary(survfit(Surv(time, event) ~ 1, data = d[d$group == g2, ]), rmean = tau)$table
  delta <- s1[["rmean"]] - s2[["rmean"]]
  se <- sqrt(s1[["se(rmean)"]]^2 + s2[["se(rmean)"]]^2)
  z <- delta / se
  cat(label, "tau =", tau, ": rmst1 =", out(s1[["rmean"]]), " se1 =", out(s1[["se(rmean)"]]), " rmst2 =", out(s2[["rmean"]]),
      " se2 =", out(s2[["se(rmean)"]]), " diff =", out(delta), " se =", out(se), " z =", out(z), " p =", out(2 * pnorm(-abs(z))),
      " lower =", out(delta - qnorm(0.975) * se), " upper =", out(delta + qnorm(0.975) * se), "\n")
}
w <- read.csv("../../Data/waltons_dataset.csv")
diff_rmst("waltons control - miR-137", data.frame(time = w$T, event = w$E, group = w$group), "control", "miR-137", 60)
sim <- read.csv("log-rank-simulated.csv")
diff_rmst("simulated plan a - b", data.frame(time = sim$time, event = sim$event, group = sim$plan), "a", "b", 40)
diff_rmst("simulated plan a - c", data.frame(time = sim$time, event = sim$event, group = sim$plan), "a", "c", 40)
