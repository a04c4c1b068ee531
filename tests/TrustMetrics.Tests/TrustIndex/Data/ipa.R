# Importance-performance analysis (Martilla & James 1977) reference for ImportancePerformanceReferenceTests.
# Run: Rscript ipa.R > ipa.Rout   (data: /work/shared/reference/trust-index-scripts/drivers.csv, 12 respondents, 1-7 scale)
# importance = Johnson (2000) relative weight (same rw() as trust-index-scripts/kda.R), performance = 100*(mean-1)/6 (mean)
# or 100*share(score >= 6) (top-two box); cut-points = driver means (or 50 = scale midpoint).
options(digits=15)
cat(R.version.string, "\n")
rw <- function(X, y) {
  R <- cor(X); rxy <- cor(X, y)
  e <- eigen(R, symmetric=TRUE)
  Lam <- e$vectors %*% diag(sqrt(e$values)) %*% t(e$vectors)
  beta <- solve(Lam, rxy)
  list(raw=as.vector((Lam^2) %*% (beta^2)), R2=sum(beta^2))
}
# A value at its cut counts as high, up to a relative 1e-12 (ties from rounding of the mean fall the same way every time).
high <- function(x, cut) x >= cut - 1e-12 * max(1, abs(cut))
quadrant <- function(imp, perf, ci, cp) ifelse(high(imp, ci), ifelse(high(perf, cp), "keep up the good work", "concentrate here"),
                                              ifelse(high(perf, cp), "possible overkill", "low priority"))
ipa <- function(X, y, perf, cut, label) {
  imp <- numeric(ncol(X)); keep <- apply(X, 2, sd) > 0          # a constant driver explains nothing: importance 0
  a <- rw(X[, keep, drop=FALSE], y); imp[keep] <- a$raw
  ci <- mean(imp); cp <- if (cut == "midpoint") 50 else mean(perf)
  cat(sprintf("\n== %s\nR2 = %.12g ; cutImportance = %.12g ; cutPerformance = %.12g\n", label, a$R2, ci, cp))
  q <- quadrant(imp, perf, ci, cp)
  for (j in 1:ncol(X)) cat(sprintf("%-15s importance %.12g  performance %.12g  %s\n", colnames(X)[j], imp[j], perf[j], q[j]))
}
d <- read.csv("/work/shared/reference/trust-index-scripts/drivers.csv")
X <- as.matrix(d[, 2:6]); y <- d$trust
mean100 <- 100 * (colMeans(X) - 1) / 6
topbox <- 100 * colMeans(X >= 6)
ipa(X, y, mean100, "means", "drivers.csv, performance = mean (0-100), cut = driver means")
ipa(X, y, topbox, "means", "drivers.csv, performance = top-two box (>= 6 of 7, %), cut = driver means")
ipa(X, y, mean100, "midpoint", "drivers.csv, performance = mean (0-100), cut = scale midpoint 50")
Xc <- X; Xc[, "expertise"] <- 5
ipa(Xc, y, 100 * (colMeans(Xc) - 1) / 6, "means", "drivers.csv with expertise constant (5), performance = mean, cut = driver means")
