# Reference for the report section "Who is at risk and why" (CoxSectionTests): R survival 3.5-3 coxph on the embedded
# sample company's customers.csv (src/TrustMetrics.Cli/Sample/customers.csv).
# Duration = months (days / 30.4375) from start to end, or to the observation date (latest date in the file) if active;
# event = end present. Segment as a factor (first sorted level = reference), Efron ties.
# Run from the repository root: Rscript tests/TrustMetrics.Cli.Tests/Data/cox_report/cox_sample_reference.R
library(survival)
cat("survival", as.character(packageVersion("survival")), "\n")
d <- read.csv("src/TrustMetrics.Cli/Sample/customers.csv", stringsAsFactors = FALSE)
d$start <- as.Date(d$start); d$end <- as.Date(ifelse(d$end == "", NA, d$end))
asof <- max(c(d$end, d$start), na.rm = TRUE)
d$months <- as.numeric(ifelse(is.na(d$end), asof, d$end) - as.numeric(d$start)) / 30.4375
d$churned <- as.integer(!is.na(d$end))
d$segment <- factor(d$segment, levels = sort(unique(d$segment)))
cat("as of", format(asof), " n", nrow(d), " events", sum(d$churned), " zero durations", sum(d$months == 0), "\n")
fit <- coxph(Surv(months, churned) ~ segment, data = d, ties = "efron")
options(digits = 15)
print(summary(fit))
print(coef(fit)); print(sqrt(diag(vcov(fit))))
print(exp(confint(fit)))
cat("loglik", sprintf("%.12f", fit$loglik), "\n")
cc <- concordance(fit); cat("concordance", sprintf("%.12f", cc$concordance), "se", sprintf("%.12f", sqrt(cc$var)), "\n")
z <- cox.zph(fit, transform = "km"); print(z$table, digits = 12)
# Signup cohort (months since the first signup) added: is it meaningful?
d$cohort <- as.numeric(d$start - min(d$start)) / 30.4375
fit2 <- coxph(Surv(months, churned) ~ segment + cohort, data = d, ties = "efron")
print(summary(fit2)); print(cox.zph(fit2))
