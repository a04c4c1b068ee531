#!/usr/bin/env Rscript
# One whole process for outside timing: read the (start, stop] CSV, one coxph (Efron ties), print coefficients.
#   Rscript cox_tv_once.R file.csv      (columns: id,start,stop,event,x1..xk)
suppressMessages(library(survival))
a <- commandArgs(trailingOnly = TRUE)
d <- read.csv(a[1])
xs <- setdiff(names(d), c("id", "start", "stop", "event"))
f <- as.formula(paste("Surv(start, stop, event) ~", paste(xs, collapse = " + ")))
t0 <- proc.time()[["elapsed"]]
fit <- coxph(f, data = d, ties = "efron")
t1 <- proc.time()[["elapsed"]]
cat(nrow(d), sprintf("%.10g", coef(fit)), sprintf("loglik %.10g", fit$loglik[2]), sprintf("coxph %.2f s", t1 - t0), "\n")
