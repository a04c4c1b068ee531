# End-to-end reference for `trustmetrics nps --paired` on the sample company (tests/TrustMetrics.Cli.Tests, PairedNps tests).
# Run from the repository root: Rscript tests/TrustMetrics.Tests/Nps/Data/paired_nps_sample.R > tests/TrustMetrics.Tests/Nps/Data/paired_nps_sample.out
# R 4.2.2: merge() on respondent_id, table(), stats::mcnemar.test (Bowker), the multinomial variance c'(diag(p) - pp')c/n.
w1 <- read.csv("src/TrustMetrics.Cli/Sample/survey.csv")
w2 <- read.csv("src/TrustMetrics.Cli/Sample/survey_wave2.csv")
m <- merge(w1[!is.na(w1$nps), c("respondent_id", "nps")], w2[!is.na(w2$nps), c("respondent_id", "nps")], by = "respondent_id", suffixes = c("1", "2"))
cat3 <- function(s) factor(ifelse(s <= 6, "detractor", ifelse(s >= 9, "promoter", "passive")), levels = c("detractor", "passive", "promoter"))
tab <- table(before = cat3(m$nps1), after = cat3(m$nps2))
print(tab)
n <- nrow(m)
cat(sprintf("n = %d, unmatched wave 1 = %d, unmatched wave 2 = %d\n", n, sum(!is.na(w1$nps)) - n + sum(is.na(w1$nps)), nrow(w2) - n))
s <- c(-1, 0, 1)
cc <- as.vector(outer(s, s, function(a, b) b - a))  # column-major like as.vector(tab): c_ij = s_j - s_i
p <- as.vector(tab) / n
delta <- sum(cc * p)
v <- as.numeric(t(cc) %*% (diag(p) - p %*% t(p)) %*% cc) / n
nps <- function(x) 100 * (mean(x >= 9) - mean(x <= 6))
cat(sprintf("NPS1 = %.15g, NPS2 = %.15g, delta = %.15g, paired SE = %.15g\n", nps(m$nps1), nps(m$nps2), 100 * delta, 100 * sqrt(v)))
z <- qnorm(0.975)
cat(sprintf("wald 95%% = [%.15g, %.15g], wald p = %.15g\n", 100 * (delta - z * sqrt(v)), 100 * (delta + z * sqrt(v)), 2 * pnorm(-abs(delta / sqrt(v)))))
t <- mcnemar.test(tab)
cat(sprintf("Bowker: statistic = %.15g, df = %d, p = %.15g\n", t$statistic, t$parameter, t$p.value))
