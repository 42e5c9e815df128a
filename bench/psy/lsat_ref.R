# Reference values for tests/unit/test_psy.c: eRm's Rasch CML on the LSAT-6 and LSAT-7 pattern tables
# (Bock & Lieberman 1970; counts as in mirt's LSAT6/LSAT7 and the OpenBUGS "LSAT" example).
# Usage: Rscript bench/psy/lsat_ref.R
suppressMessages(library(eRm))
pat <- as.matrix(expand.grid(rep(list(0:1), 5))[, 5:1])  # rows 00000, 00001, ..., 11111 (item 1 leftmost)
lsat6 <- c(3, 6, 2, 11, 1, 1, 3, 4, 1, 8, 0, 16, 0, 3, 2, 15, 10, 29, 14, 81, 3, 28, 15, 80, 16, 56, 21, 173, 11, 61, 28, 298)
lsat7 <- c(12, 19, 1, 7, 3, 19, 3, 17, 10, 5, 3, 7, 7, 23, 8, 28, 7, 39, 11, 34, 14, 51, 15, 90, 6, 25, 7, 35, 18, 136, 32, 308)
for (nm in c("lsat6", "lsat7")) {
  X <- pat[rep(1:32, get(nm)), ]
  m <- RM(X)
  cat(nm, "difficulty (= -betapar):", sprintf("%.6f", -m$betapar), "\n")
  cat(nm, "se:", sprintf("%.6f", m$se.beta), "\n")
  cat(nm, "conditional loglik:", sprintf("%.6f", m$loglik), "\n")
}
suppressMessages(library(psych))
for (nm in c("lsat6", "lsat7")) {
  X <- pat[rep(1:32, get(nm)), ]
  a <- psych::alpha(as.data.frame(X), warnings = FALSE)
  cat(nm, "raw_alpha:", sprintf("%.6f", a$total$raw_alpha), "\n")
  cat(nm, "alpha if dropped:", sprintf("%.6f", a$alpha.drop$raw_alpha), "\n")
  cat(nm, "r.drop:", sprintf("%.6f", a$item.stats$r.drop), "\n")
  cat(nm, "raw.r (point-biserial):", sprintf("%.6f", a$item.stats$raw.r), "\n")
}
