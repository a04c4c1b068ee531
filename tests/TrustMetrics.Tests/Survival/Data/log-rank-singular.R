# Log-rank tests with many one-subject groups and singular variance matrices (tests/TrustMetrics.Tests/Survival/LogRankSingularTests.cs).
# R 4.x, survival 3.5-3.   Rscript log-rank-singular.R > log-rank-singular.txt
suppressMessages(library(survival))
cat("survival", as.character(packageVersion("survival")), "\n")
# 1) 20 one-subject groups s01..s20 all churning at t = 1 beside a group 'big' (times 1..6): V non-singular, R's survdiff works.
d1 <- rbind(data.frame(time = 1, event = 1, g = sprintf("s%02d", 1:20)),
            data.frame(time = 1:6, event = c(1, 1, 0, 1, 1, 0), g = "big"))
r1 <- survdiff(Surv(time, event) ~ g, data = d1)
cat("singletons chisq", sprintf("%.17g", r1$chisq), "df", sum(r1$exp > 0) - 1, "\n")
# 2) everybody churns at one time (V = 0): survdiff fails; the generalized-inverse statistic is 0 on 0 df.
d3 <- data.frame(time = 5, event = 1, g = c("a", "b"))
r3 <- try(survdiff(Surv(time, event) ~ g, data = d3), silent = TRUE)
# 3) the same with 1,001 one-subject groups all churning at t = 1 (a --group on an id column): survdiff fails the same way.
d4 <- data.frame(time = 1, event = 1, g = sprintf("g%04d", 1:1001))
r4 <- try(survdiff(Surv(time, event) ~ g, data = d4), silent = TRUE)
cat("1001 at once: survdiff", if (inherits(r4, "try-error")) conditionMessage(attr(r4, "condition")) else "works", "\n")
cat("all at once: survdiff", if (inherits(r3, "try-error")) "fails (exactly singular)" else "works", "\n")
