# Reference values for the weighted, stratified and pairwise log-rank tests: R survival 3.5-3 (survdiff) under R 4.2.2.
# Run from this folder: Rscript log-rank.R > log-rank.txt
# survdiff(rho = ρ) covers G(ρ, 0). For γ > 0 (not in survdiff) fh() below computes the Fleming–Harrington G(ρ, γ) statistic
# explicitly (Fleming & Harrington 1991, Counting Processes and Survival Analysis, §7.3, eq. 7.3.4 with weights
# Ŝ(t−)^ρ(1 − Ŝ(t−))^γ, Ŝ the pooled Kaplan–Meier curve within the stratum); it is checked against survdiff for γ = 0 first.
library(survival)
cat("R", R.version$major, R.version$minor, " survival", as.character(packageVersion("survival")), "\n")
out <- function(x) trimws(formatC(x, digits = 17, format = "g"))

fh <- function(time, event, group, strata = rep(1, length(time)), rho = 0, gamma = 0) {
  group <- factor(group); k <- nlevels(group)
  U <- numeric(k); V <- matrix(0, k, k); E <- numeric(k)
  for (s in unique(strata)) {
    ti <- time[strata == s]; ev <- event[strata == s]; g <- as.integer(group[strata == s])
    S <- 1                                             # pooled KM just before the current time, Ŝ(t−)
    for (t in sort(unique(ti[ev == 1]))) {
      atrisk <- ti >= t
      n <- sum(atrisk); d <- sum(ti == t & ev == 1)
      nk <- tabulate(g[atrisk], k); dk <- tabulate(g[ti == t & ev == 1], k)
      w <- S^rho * (1 - S)^gamma
      U <- U + w * (dk - d * nk / n)
      E <- E + w * d * nk / n
      if (n > 1) V <- V + w^2 * d * (n - d) / (n - 1) * (diag(nk / n, k) - outer(nk / n, nk / n))
      S <- S * (1 - d / n)
    }
  }
  keep <- which(E > 0)[-1]
  chisq <- if (length(keep) > 0) sum(solve(V[keep, keep, drop = FALSE], U[keep]) * U[keep]) else 0
  list(score = U, var = V, chisq = chisq, df = length(keep), p = pchisq(chisq, length(keep), lower.tail = FALSE))
}

# Seeded simulation: 3 plans, 2 channels (strata), whole-day times with many ties; plan b churns faster early, c late.
set.seed(20261206)
n <- 240
plan <- sample(c("a", "b", "c"), n, replace = TRUE)
channel <- sample(c("web", "store"), n, replace = TRUE, prob = c(0.6, 0.4))
rate <- ifelse(plan == "b", 1 / 20, 1 / 35) * ifelse(channel == "store", 0.7, 1)
t <- ceiling(ifelse(plan == "c", 10 + rexp(n, 1 / 25), rexp(n, rate)))
cens <- ceiling(runif(n, 5, 80))
sim <- data.frame(plan = plan, channel = channel, time = pmin(t, cens), event = as.integer(t <= cens))
write.csv(sim, "log-rank-simulated.csv", row.names = FALSE, quote = FALSE)

show <- function(label, x) cat(label, ": chisq =", out(x$chisq), " df =", x$df, " p =", out(x$p), " score =", out(x$score), "\n")
for (rho in c(0, 1, 0.5)) {
  sd <- survdiff(Surv(time, event) ~ plan, data = sim, rho = rho)
  cat("survdiff plan rho =", rho, ": chisq =", out(sd$chisq), " p =", out(pchisq(sd$chisq, 2, lower.tail = FALSE)),
      " obs-exp =", out(sd$obs - sd$exp), " var diag =", out(diag(sd$var)), "\n")
  show(sprintf("fh plan rho = %g gamma = 0 (check)", rho), fh(sim$time, sim$event, sim$plan, rho = rho))
}
for (rg in list(c(0, 1), c(1, 1), c(0.5, 2))) {
  show(sprintf("fh plan rho = %g gamma = %g", rg[1], rg[2]), fh(sim$time, sim$event, sim$plan, rho = rg[1], gamma = rg[2]))
}
# Stratified by channel.
st <- survdiff(Surv(time, event) ~ plan + strata(channel), data = sim)
cat("survdiff plan + strata(channel): chisq =", out(st$chisq), " p =", out(pchisq(st$chisq, 2, lower.tail = FALSE)), "\n")
show("fh plan + strata(channel) (check)", fh(sim$time, sim$event, sim$plan, sim$channel))
st1 <- survdiff(Surv(time, event) ~ plan + strata(channel), data = sim, rho = 1)
cat("survdiff plan + strata(channel) rho = 1: chisq =", out(st1$chisq), "\n")
show("fh plan + strata(channel) rho = 0 gamma = 1", fh(sim$time, sim$event, sim$plan, sim$channel, 0, 1))

# Pairwise: survdiff on each pair's subset, then p.adjust(method = "holm") (survminer::pairwise_survdiff does the same).
pairs <- combn(c("a", "b", "c"), 2)
for (rho in c(0, 1)) {
  p <- apply(pairs, 2, function(pr) {
    x <- survdiff(Surv(time, event) ~ plan, data = sim[sim$plan %in% pr, ], rho = rho)
    pchisq(x$chisq, 1, lower.tail = FALSE)
  })
  chi <- apply(pairs, 2, function(pr) survdiff(Surv(time, event) ~ plan, data = sim[sim$plan %in% pr, ], rho = rho)$chisq)
  cat("pairwise rho =", rho, ": pairs", apply(pairs, 2, paste, collapse = "-"), " chisq =", out(chi), " p =", out(p),
      " holm =", out(p.adjust(p, method = "holm")), "\n")
}

# Regimes (dd.csv, lifelines; 6 groups): G(1, 0) and G(0, 1).
dd <- read.csv("../../Data/dd.csv")
sd <- survdiff(Surv(duration, observed) ~ regime, data = dd, rho = 1)
cat("dd regime rho = 1: chisq =", out(sd$chisq), "\n")
show("dd regime rho = 0 gamma = 1", fh(dd$duration, dd$observed, dd$regime, rho = 0, gamma = 1))

# Edge: no event at all.
x <- survdiff(Surv(c(1, 2, 3, 4), c(0, 0, 0, 0)) ~ c(1, 1, 2, 2))
cat("no events: chisq =", x$chisq, " (R prints df -1, p NA)\n")
