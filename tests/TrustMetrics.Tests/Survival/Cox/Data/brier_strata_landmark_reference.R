# IPCW Brier score, integrated Brier score and decile calibration of Cox models on a holdout, (1) stratified and
# (2) (start, stop] with a time-varying covariate scored at a landmark (conditional Brier score of Schoop, Graf & Schumacher
# 2008, Biometrics 64:603-610; van Houwelingen & Putter 2012, "Dynamic Prediction in Clinical Survival Analysis", ch. 7).
# R survival 3.5-3 for the fits and survfit(fit, newdata) predictions; riskRegression 2022.11.28 (Debian r-cran-riskregression)
# Score(..., metrics = "brier", cens.model = "km") as the independent Brier implementation; the formulas of Graf et al. 1999
# are also written out by hand.
# heart.csv is survival::heart (Stanford heart transplant data, Crowley & Hu 1977, as shipped with R survival 3.5-3), written by
#   Rscript -e 'h<-survival::heart; h$transplant<-as.integer(as.character(h$transplant)); write.csv(h[,c("id","start","stop","event","age","year","surgery","transplant")], "heart.csv", row.names=FALSE, quote=FALSE)'
# Run (in this folder): Rscript brier_strata_landmark_reference.R > brier_strata_landmark_reference.txt
suppressMessages({ library(survival); library(riskRegression) })
out <- function(key, v) cat(key, "\t", paste(formatC(v, digits = 17, format = "g"), collapse = " "), "\n", sep = "")

# Plain IPCW Brier (Graf et al. 1999) given a prediction matrix S[i, k] = S(times[k] | x_i), observed (T, d), among the rows
# given; G is the reverse Kaplan-Meier estimate of the censoring distribution of those rows (pooled over strata), with an event
# tied with a censoring taken to come first, so it leaves the censoring risk set (prodlim(reverse = TRUE), the convention of
# riskRegression and pec): G(t) = prod over censoring times c <= t of 1 - #censored at c / (#{T >= c} - #events at c).
brier_plain <- function(S, times, T, d) {
  ct <- sort(unique(T[d == 0]))
  gs <- cumprod(sapply(ct, function(c) 1 - sum(T == c & d == 0) / (sum(T >= c) - sum(T == c & d == 1))))
  G <- function(t) { k <- findInterval(t, ct); if (k == 0) 1 else gs[k] }
  Gm <- function(t) { k <- findInterval(t, ct, left.open = TRUE); if (k == 0) 1 else gs[k] }
  GT <- sapply(T, Gm)
  sapply(seq_along(times), function(k) {
    t <- times[k]; s <- S[, k]
    mean(ifelse(T <= t & d == 1, s^2 / GT, 0) + ifelse(T > t, (1 - s)^2 / G(t), 0))
  })
}
# Exact integral of BS over (from, tau] divided by (tau - from): BS is a step function with jumps at the model's event times
# and the observed times.
ibs_plain <- function(Sfun, T, d, jumps, from, tau) {
  u <- sort(unique(c(from, jumps[jumps > from & jumps < tau], T[T > from & T < tau])))
  nxt <- c(u[-1], tau)
  bs <- brier_plain(Sfun(u), u, T, d)
  sum(bs * (nxt - u)) / (tau - from)
}
calibration <- function(pred, T, d, h, prefix) {
  g <- ceiling(10 * rank(1 - pred, ties.method = "first") / length(pred))
  nn <- pm <- ob <- lo <- up <- numeric(10)
  for (k in 1:10) {
    sel <- g == k
    km <- summary(survfit(Surv(T[sel], d[sel]) ~ 1, conf.type = "log"), times = h, extend = TRUE)
    nn[k] <- sum(sel); pm[k] <- mean(pred[sel]); ob[k] <- km$surv; lo[k] <- km$lower; up[k] <- km$upper
  }
  out(paste0(prefix, ".customers"), nn); out(paste0(prefix, ".predicted"), pm); out(paste0(prefix, ".observed"), ob)
  out(paste0(prefix, ".lower"), lo); out(paste0(prefix, ".upper"), up)
}

## (1) Stratified: rossi.csv rows 1-300 train, 301-432 holdout, strata(wexp), Efron ties.
rossi <- read.csv("rossi.csv"); train <- rossi[1:300, ]; test <- rossi[301:432, ]
fit <- coxph(Surv(week, arrest) ~ fin + age + race + mar + paro + prio + strata(wexp), data = train, ties = "efron", x = TRUE, y = TRUE)
out("strata.coef", coef(fit))
# S(t | x_i) from each row's own stratum: survfit(fit, newdata = row) (one curve, the row's stratum)
curves <- lapply(seq_len(nrow(test)), function(i) survfit(fit, newdata = test[i, ]))
Sfun <- function(times) sapply(times, function(t) sapply(curves, function(sf) { k <- findInterval(t, sf$time); if (k == 0) 1 else sf$surv[k] }))
times <- c(0, 5, 10, 12, 20, 26, 30, 40, 49.5, 51, 52)
bs <- brier_plain(Sfun(times), times, test$week, test$arrest)
cat("# max |survfit per row - riskRegression::predictRisk| =", max(abs(Sfun(times[times > 0]) - (1 - predictRisk(fit, newdata = test, times = times[times > 0])))), "\n")
out("strata.brier.times", times); out("strata.brier.scores", bs)
sc <- Score(list(cox = fit), formula = Hist(week, arrest) ~ 1, data = test, times = times[times > 0], metrics = "brier",
            null.model = FALSE, cens.model = "km", conf.int = FALSE)
out("strata.brier.riskRegression", sc$Brier$score$Brier)
cat("# max |plain - riskRegression::Score| =", max(abs(bs[times > 0] - sc$Brier$score$Brier)), "\n")
jumps <- unique(unlist(lapply(curves, function(sf) sf$time)))
out("strata.ibs.taus", c(26, 50))
out("strata.ibs.values", c(ibs_plain(Sfun, test$week, test$arrest, jumps, 0, 26), ibs_plain(Sfun, test$week, test$arrest, jumps, 0, 50)))
for (h in c(26, 52)) calibration(Sfun(h)[, 1], test$week, test$arrest, h, paste0("strata.cal", h))

## (2) (start, stop] with the time-varying covariate transplant: survival::heart (heart.csv here), even ids holdout, odd train.
heart <- read.csv("heart.csv")
htrain <- heart[heart$id %% 2 == 1, ]; htest <- heart[heart$id %% 2 == 0, ]
hfit <- coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = htrain, ties = "efron")
out("heart.coef", coef(hfit))
for (s in c(0, 30)) {
  # subjects under observation just after the landmark: a row with start <= s < stop; covariates of that row held fixed
  cover <- htest[htest$start <= s & htest$stop > s, ]
  last <- do.call(rbind, lapply(split(htest, htest$id), function(r) r[which.max(r$stop), ]))
  last <- last[match(cover$id, last$id), ]
  T <- last$stop; d <- last$event
  hc <- lapply(seq_len(nrow(cover)), function(i) survfit(hfit, newdata = cover[i, ]))
  # conditional survival S(t | s) = S(t) / S(s) = exp(-(H(t) - H(s)) exp(eta))
  Sat <- function(sf, t) { k <- findInterval(t, sf$time); if (k == 0) 1 else sf$surv[k] }
  Scond <- function(times) sapply(times, function(t) sapply(hc, function(sf) Sat(sf, t) / Sat(sf, s)))
  p <- paste0("heart.s", s)
  times <- c(s, s + 10, s + 30, s + 60, s + 100, s + 200, s + 365)
  bs <- brier_plain(Scond(times), times, T, d)
  out(paste0(p, ".n"), nrow(cover)); out(paste0(p, ".brier.times"), times); out(paste0(p, ".brier.scores"), bs)
  # riskRegression::Score on the landmark data set (time measured from s), predicted risks 1 - S(t | s) given as a matrix
  lm <- data.frame(time = T - s, status = d)
  tt <- times[-1] - s
  sc <- Score(list(lm = 1 - Scond(times[-1])), formula = Hist(time, status) ~ 1, data = lm, times = tt, metrics = "brier",
              null.model = FALSE, cens.model = "km", conf.int = FALSE)
  out(paste0(p, ".brier.riskRegression"), sc$Brier$score$Brier)
  cat("# max |plain - riskRegression::Score| =", max(abs(bs[-1] - sc$Brier$score$Brier)), "\n")
  jumps <- unique(unlist(lapply(hc, function(sf) sf$time)))
  out(paste0(p, ".ibs.taus"), c(s + 100, s + 365))
  out(paste0(p, ".ibs.values"), c(ibs_plain(Scond, T, d, jumps, s, s + 100), ibs_plain(Scond, T, d, jumps, s, s + 365)))
  calibration(Scond(s + 100)[, 1], T, d, s + 100, paste0(p, ".cal"))
}
