# Reference values for tests/TrustMetrics.Tests/Survival/Cox (R survival 3.5-3).
#   Rscript cox_reference.R > cox_reference.txt     (run in this folder)
# Output: one line per quantity, "key<TAB>v1 v2 ...", numbers with 17 significant digits.
suppressMessages(library(survival))
out <- function(key, v) cat(key, "\t", paste(sprintf("%.17g", as.numeric(v)), collapse = " "), "\n", sep = "")
fitout <- function(key, fit) {
  out(paste0(key, ".coef"), coef(fit))
  out(paste0(key, ".se"), sqrt(diag(fit$var)))
  if (!is.null(fit$naive.var)) out(paste0(key, ".naivese"), sqrt(diag(fit$naive.var)))
  out(paste0(key, ".loglik"), fit$loglik)
  out(paste0(key, ".score"), fit$score)
  out(paste0(key, ".wald"), fit$wald.test)
  out(paste0(key, ".iter"), fit$iter)
  s <- summary(fit)$coefficients
  out(paste0(key, ".z"), s[, "z"])
  out(paste0(key, ".p"), s[, ncol(s)])
  ci <- summary(fit)$conf.int
  out(paste0(key, ".lower"), ci[, "lower .95"])
  out(paste0(key, ".upper"), ci[, "upper .95"])
}
rossi <- read.csv("rossi.csv")
f <- Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio
e <- coxph(f, data = rossi)
fitout("rossi.efron", e)
fitout("rossi.breslow", coxph(f, data = rossi, ties = "breslow"))
# Case weights (deterministic): w = 1 + (row index mod 3) / 2.
rossi$w <- 1 + ((seq_len(nrow(rossi)) - 1) %% 3) / 2
fitout("rossi.weighted", coxph(f, data = rossi, weights = w))
# Clusters (deterministic): rows grouped 4 by 4 in file order.
rossi$cl <- (seq_len(nrow(rossi)) - 1) %/% 4
fitout("rossi.cluster", coxph(f, data = rossi, cluster = cl))
fitout("rossi.robust", coxph(f, data = rossi, robust = TRUE))
# Offset and strata.
rossi$off <- 0.01 * rossi$prio
fitout("rossi.offset", coxph(Surv(week, arrest) ~ fin + age + offset(off), data = rossi))
fitout("rossi.strata", coxph(Surv(week, arrest) ~ fin + age + prio + strata(wexp), data = rossi))
# Residuals of the Efron fit (row order of the file).
out("rossi.efron.martingale", residuals(e, "martingale"))
out("rossi.efron.deviance", residuals(e, "deviance"))
sr <- residuals(e, "score")
out("rossi.efron.score.fin", sr[, "fin"])
out("rossi.efron.score.prio", sr[, "prio"])
sch <- residuals(e, "schoenfeld")
out("rossi.efron.schoenfeld.age", sch[, "age"])
out("rossi.efron.lp", predict(e, type = "lp", reference = "zero"))
# Baseline cumulative hazard at covariates 0 (survfit.coxph, Efron-consistent hazard) and predicted survival.
nd <- rossi[1:3, c("fin", "age", "race", "wexp", "mar", "paro", "prio")]
sf <- survfit(e, newdata = nd)
sm <- summary(sf, times = c(10, 30, 52))
out("rossi.efron.pred.times", sm$time)
for (k in 1:3) {
  out(paste0("rossi.efron.pred", k, ".surv"), sm$surv[, k])
  out(paste0("rossi.efron.pred", k, ".lower"), sm$lower[, k])
  out(paste0("rossi.efron.pred", k, ".upper"), sm$upper[, k])
  out(paste0("rossi.efron.pred", k, ".cumhaz"), sm$cumhaz[, k])
  out(paste0("rossi.efron.pred", k, ".stderr"), sm$std.err[, k])
}
z0 <- as.data.frame(lapply(nd[1, ], function(v) 0))
b0 <- survfit(e, newdata = z0)
out("rossi.efron.base.time", b0$time)
out("rossi.efron.base.cumhaz", b0$cumhaz)
out("rossi.efron.base.stderr", b0$std.err)
bb <- coxph(f, data = rossi, ties = "breslow")
b1 <- survfit(bb, newdata = z0)
out("rossi.breslow.base.cumhaz", b1$cumhaz)
out("rossi.breslow.base.stderr", b1$std.err)
# Concordance and the proportional-hazards test.
cc <- concordance(e)
out("rossi.efron.concordance", c(cc$concordance, sqrt(cc$var)))
zp <- cox.zph(e)
out("rossi.efron.zph.chisq", zp$table[, "chisq"])
out("rossi.efron.zph.df", zp$table[, "df"])
out("rossi.efron.zph.p", zp$table[, "p"])

# lung: complete cases of the columns used (167 of 228 rows); status already 1 = death.
lung <- read.csv("lung.csv")
lc <- lung[complete.cases(lung[, c("time", "status", "age", "sex", "ph.ecog", "ph.karno", "wt.loss", "inst")]), ]
out("lung.n", nrow(lc))
fl <- coxph(Surv(time, status) ~ age + sex + ph.ecog + ph.karno + wt.loss, data = lc)
fitout("lung.efron", fl)
fitout("lung.breslow", coxph(Surv(time, status) ~ age + sex + ph.ecog + ph.karno + wt.loss, data = lc, ties = "breslow"))
fitout("lung.cluster", coxph(Surv(time, status) ~ age + sex + ph.ecog + ph.karno + wt.loss, data = lc, cluster = inst))
fitout("lung.strata", coxph(Surv(time, status) ~ age + ph.ecog + ph.karno + wt.loss + strata(sex), data = lc))
cl <- concordance(fl)
out("lung.efron.concordance", c(cl$concordance, sqrt(cl$var)))
zl <- cox.zph(fl)
out("lung.efron.zph.chisq", zl$table[, "chisq"])
# ph.ecog as a factor: one term with df = levels - 1.
lc$ecog <- factor(lc$ph.ecog)
ff <- coxph(Surv(time, status) ~ age + sex + ecog, data = lc)
fitout("lung.factor", ff)
zf <- cox.zph(ff)
out("lung.factor.zph.chisq", zf$table[, "chisq"])
out("lung.factor.zph.df", zf$table[, "df"])

# larynx: stage dummies and age.
lx <- read.csv("larynx.csv")
fx <- coxph(Surv(time, death) ~ age + Stage_II + Stage_III + Stage_IV, data = lx)
fitout("larynx.efron", fx)
fitout("larynx.breslow", coxph(Surv(time, death) ~ age + Stage_II + Stage_III + Stage_IV, data = lx, ties = "breslow"))
out("larynx.efron.concordance", c(concordance(fx)$concordance, sqrt(concordance(fx)$var)))
out("larynx.efron.zph.chisq", cox.zph(fx)$table[, "chisq"])

# Delayed entry: multicenter AIDS cohort, entry W, exit T (years from diagnosis), death D; covariate AIDSY.
aids <- read.delim("multicenter_aids_cohort.tsv")
fa <- coxph(Surv(W, T, D) ~ AIDSY, data = aids)
fitout("aids.efron", fa)
fitout("aids.breslow", coxph(Surv(W, T, D) ~ AIDSY, data = aids, ties = "breslow"))
out("aids.efron.martingale", residuals(fa, "martingale"))
out("aids.efron.scoreresid", residuals(fa, "score"))
ba <- survfit(fa, newdata = data.frame(AIDSY = 1990))
out("aids.efron.pred.time", ba$time)
out("aids.efron.pred.surv", ba$surv)
out("aids.efron.pred.stderr", ba$std.err)
out("aids.efron.concordance", c(concordance(fa)$concordance, sqrt(concordance(fa)$var)))
out("aids.efron.zph.chisq", cox.zph(fa)$table[, "chisq"])

# Separation: a covariate that predicts the event perfectly at every event time.
sep <- data.frame(time = 1:20, event = rep(c(1, 0), 10), x = c(rep(1, 10), rep(0, 10)), z = ((1:20 * 7) %% 11) / 5 - 1)
sep$x[sep$event == 0 & sep$time < 12] <- 0   # x = 1 only for the events at times 1, 3, 5, 7, 9: every risk set up to time 9 is separated
fs <- withCallingHandlers(coxph(Surv(time, event) ~ z + x, data = sep), warning = function(w) { cat("warning\t", conditionMessage(w), "\n", sep = ""); invokeRestart("muffleWarning") })
fitout("sep", fs)
