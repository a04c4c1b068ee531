# IPCW Brier score, integrated Brier score and decile calibration of a Cox model on a holdout (R survival 3.5-3; R has no
# brier() in this version, so the formulas are written out). Data: rossi.csv, rows 1-300 train, rows 301-432 holdout.
# Run: Rscript brier_reference.R > brier_reference.txt
suppressMessages(library(survival))
rossi <- read.csv("rossi.csv")
train <- rossi[1:300, ]
test <- rossi[301:432, ]
fit <- coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = train, ties = "efron")
# S(t | x_i) for each holdout row, a step function over the training event times
sf <- survfit(fit, newdata = test)
S <- function(t) { k <- findInterval(t, sf$time); if (k == 0) rep(1, nrow(test)) else sf$surv[k, ] }
# G: Kaplan-Meier of the holdout's censoring times
gf <- survfit(Surv(week, 1 - arrest) ~ 1, data = test)
G <- function(t) { k <- findInterval(t, gf$time); if (k == 0) 1 else gf$surv[k] }
Gminus <- function(t) { k <- findInterval(t, gf$time, left.open = TRUE); if (k == 0) 1 else gf$surv[k] }
T <- test$week; d <- test$arrest
brier <- function(t) {
  s <- S(t)
  ev <- (T <= t & d == 1); al <- (T > t)
  w1 <- ifelse(ev, s^2 / sapply(T, Gminus), 0)
  w2 <- ifelse(al, (1 - s)^2 / G(t), 0)
  mean(w1 + w2)
}
times <- c(0, 5, 10, 12, 20, 26, 30, 40, 49.5, 51, 52)
bs <- sapply(times, brier)
out <- function(key, v) cat(key, "\t", paste(formatC(v, digits = 17, format = "g"), collapse = " "), "\n", sep = "")
out("brier.times", times)
out("brier.scores", bs)
# IBS: exact integral of the step function over jump points (training event times, holdout times) below tau
ibs <- function(tau) {
  u <- sort(unique(c(0, sf$time[sf$time < tau & sf$time > 0], T[T < tau & T > 0])))
  nxt <- c(u[-1], tau)
  sum(sapply(u, brier) * (nxt - u)) / tau
}
out("ibs.taus", c(26, 50))
out("ibs.values", c(ibs(26), ibs(50)))
# Calibration at horizon 26 and 52: deciles of predicted risk, rank "first"
for (h in c(26, 52)) {
  pred <- S(h)
  risk <- 1 - pred
  g <- ceiling(10 * rank(risk, ties.method = "first") / length(risk))
  pm <- numeric(10); ob <- numeric(10); lo <- numeric(10); up <- numeric(10); nn <- numeric(10)
  for (k in 1:10) {
    sel <- g == k
    km <- summary(survfit(Surv(T[sel], d[sel]) ~ 1, conf.type = "log"), times = h, extend = TRUE)
    nn[k] <- sum(sel); pm[k] <- mean(pred[sel]); ob[k] <- km$surv; lo[k] <- km$lower; up[k] <- km$upper
  }
  out(paste0("cal", h, ".customers"), nn)
  out(paste0("cal", h, ".predicted"), pm)
  out(paste0("cal", h, ".observed"), ob)
  out(paste0("cal", h, ".lower"), lo)
  out(paste0("cal", h, ".upper"), up)
}
out("coef", coef(fit))
