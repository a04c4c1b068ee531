# McDonald's omega (one-factor ML) reference values for OmegaReferenceTests.cs.
# Run: Rscript omega.R > omega.Rout   (R 4.x, psych 2.2.9, stats::factanal)
# Writes ../OmegaSeededData.cs (the seeded data set as a C# literal).
suppressMessages(library(psych))
om <- function(L, psi) sum(L)^2 / (sum(L)^2 + sum(psi))
X_trust5 <- as.matrix(read.csv("/work/shared/reference/trust-index-scripts/trust5.csv")[, -1])
# Pingouin cronbach_alpha data set, wide (trust-index.md §2.2 (A)).
X_ping <- matrix(c(3,2,4,1,4,5,1,4,3,2, 5,4,6,3,5,1,2,5,5,5, 7,3,5,5,6,4,3,3,6,5, 2,4,3,3,2,2,2,6,6,3, 6,5,6,5,4,4,4,6,7,5,
 1,2,3,4,2,5,2,3,5,2, 4,3,5,3,5,2,1,2,4,3, 2,4,4,3,7,2,2,4,6,5, 6,5,5,5,1,6,5,2,3,2, 5,4,6,4,3,5,3,1,7,2,
 4,3,5,2,5,3,2,3,4,1, 4,2,3,2,5,3,4,2,3,4, 5,5,6,2,3,3,2,4,4,5, 6,5,5,4,2,2,1,4,6,5, 4,3,5,5,3,1,3,2,3,4), ncol = 10, byrow = TRUE)
# Seeded congeneric one-factor data: 400 respondents, 6 items on a 1-7 scale, one reverse-keyed item (item 6, to be reversed
# as 8 - x before the fit, as the trust index does).
set.seed(20261206)
n <- 400; lambda <- c(0.8, 0.7, 0.6, 0.75, 0.5, 0.65)
f <- rnorm(n)
Z <- sapply(lambda, function(l) l * f + sqrt(1 - l^2) * rnorm(n))
X_seed <- Z; X_seed[] <- pmin(7, pmax(1, round(4 + 1.4 * Z)))
X_seed[, 6] <- 8 - X_seed[, 6]            # stored reverse-keyed
X_fit <- X_seed; X_fit[, 6] <- 8 - X_fit[, 6]
lines <- apply(X_seed, 1, function(r) paste0("        ", paste(r, collapse = ", "), ","))
writeLines(c("namespace TrustMetrics.Tests.TrustIndex;", "",
  "/// <summary>Seeded one-factor data written by Data/omega.R (set.seed(20261206)): 400 rows × 6 items, item 6 reverse-keyed.</summary>",
  "internal static class OmegaSeededData", "{", "    public static readonly double[] Rows =", "    [", lines, "    ];", "}"),
  "../OmegaSeededData.cs")
for (case in list(list("trust5", X_trust5), list("pingouin", X_ping), list("seeded (item 6 reversed)", X_fit))) {
  X <- case[[2]]; R <- cor(X)
  cat("\n==", case[[1]], "n =", nrow(X), "\n")
  d <- factanal(covmat = R, factors = 1, n.obs = nrow(X))
  t <- factanal(covmat = R, factors = 1, n.obs = nrow(X), control = list(opt = list(factr = 10, maxit = 100000)))
  p <- fa(R, nfactors = 1, fm = "ml", n.obs = nrow(X))
  Lp <- as.vector(p$loadings)
  for (x in list(list("factanal default", as.vector(d$loadings), d$uniquenesses),
                 list("factanal factr=10", as.vector(t$loadings), t$uniquenesses),
                 list("psych::fa ml (psi = 1 - L^2)", Lp, 1 - Lp^2))) {
    L <- x[[2]]; if (sum(L) < 0) L <- -L
    cat(sprintf("%-30s omega %.12f\n  loadings %s\n  psi      %s\n", x[[1]], om(L, x[[3]]),
      paste(sprintf("%.12f", L), collapse = " "), paste(sprintf("%.12f", x[[3]]), collapse = " ")))
  }
}
cat("\n"); cat(R.version.string, "psych", as.character(packageVersion("psych")), "\n")
