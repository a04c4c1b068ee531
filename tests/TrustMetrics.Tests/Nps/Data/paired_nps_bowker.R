# Reference for Bowker's symmetry test in tests/TrustMetrics.Tests/Nps/PairedNpsTests.cs.
# Run: Rscript paired_nps_bowker.R > paired_nps_bowker.out   (R 4.2.2, stats::mcnemar.test: Bowker's test for r > 2)
# Rows = wave-1 detractor/passive/promoter, columns = wave 2 (byrow).
show <- function(name, x) {
  t <- mcnemar.test(matrix(x, 3, 3, byrow = TRUE))
  cat(sprintf("%s: statistic = %.15g, df = %d, p = %.15g\n", name, t$statistic, t$parameter, t$p.value))
}
show("T1", c(40, 12, 8, 10, 70, 25, 5, 15, 115))
show("T2", c(1, 0, 2, 0, 1, 1, 1, 0, 2))
show("T7", c(3, 9, 4, 2, 5, 11, 1, 6, 20))
# T3 has an empty pair (passive <-> detractor, passive <-> promoter): R returns NaN; the library drops empty pairs (df = 1).
show("T3", c(1, 0, 3, 0, 0, 0, 1, 0, 1))
t3 <- mcnemar.test(matrix(c(1, 3, 1, 1), 2, 2, byrow = TRUE), correct = FALSE)
cat(sprintf("T3 as 2x2 (detractor/promoter only, correct = FALSE): statistic = %.15g, df = %d, p = %.15g\n", t3$statistic, t3$parameter, t3$p.value))
