# Reference vectors for MultipleComparisons.HolmAdjust (tests/TrustMetrics.Tests/MultipleComparisonsTests.cs).
# R p.adjust(p, "holm"). Run (tests/TrustMetrics.Tests/Data): Rscript holm-reference.R > holm-reference.txt
cases <- list(
  c(0.01, 0.04, 0.03, 0.005),
  c(0.2, 0.2, 0.01, 0.5, 0.03),
  c(1e-10, 0.049, 0.051, 0.9, 1, 0),
  c(0.3),
  c(0.012, 0.012, 0.012, 0.6, 0.0001, 0.04, 0.021, 0.33)
)
for (p in cases) {
  cat("p =", format(p, digits = 17), "\n")
  cat("holm =", format(p.adjust(p, "holm"), digits = 17), "\n")
}
cat(R.version.string, "\n")
