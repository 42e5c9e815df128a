# Many-facet Rasch by conditional maximum likelihood in eRm, for the cross-check of `jineng psy mfrm`.
# The partial credit many-facet model is a linear partial credit model (LPCM) over "virtual items", one per
# examiner x criterion: P(X = h) ∝ exp(h θ + β_vh) with β_vh = -h δ_i - h α_j - Σ_{l<=h} τ_il, written as
# β = W η with severities, difficulties and each criterion's thresholds summing to zero (the last of each
# is minus the sum of the others). Prints the CML severities and difficulties as facet,id,measure.
# Usage: Rscript erm_mfrm.R RATINGS.csv OUT.csv
suppressMessages(library(eRm))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
ex <- unique(d$examiner); cr <- unique(d$criterion); ca <- unique(d$candidate)
J <- length(ex); I <- length(cr)
d$j <- match(d$examiner, ex); d$i <- match(d$criterion, cr); d$v <- (d$j - 1) * I + d$i
m <- tapply(d$score, d$i, max)                      # categories 0..m_i per criterion
for (v in unique(d$v)) {                            # every virtual item must show every category
  s <- d$score[d$v == v]; i <- (v - 1) %% I + 1
  if (!all(0:m[i] %in% s)) stop(sprintf("virtual item %d lacks a category; use more ratings", v))
}
vs <- sort(unique(d$v))
X <- matrix(NA_integer_, length(ca), length(vs))
X[cbind(match(d$candidate, ca), match(d$v, vs))] <- d$score
# columns of eta: alpha_1..alpha_{J-1}, delta_1..delta_{I-1}, tau_{i,1..m_i-1} for each i
ntau <- sum(m - 1); np <- (J - 1) + (I - 1) + ntau
toff <- (J - 1) + (I - 1) + c(0, cumsum(m - 1))[1:I]
W <- NULL
for (v in vs) {
  j <- (v - 1) %/% I + 1; i <- (v - 1) %% I + 1
  for (h in 1:m[i]) {
    w <- numeric(np)
    if (j < J) w[j] <- -h else w[1:(J - 1)] <- h
    if (i < I) w[J - 1 + i] <- -h else w[J - 1 + 1:(I - 1)] <- h
    if (h < m[i]) w[toff[i] + 1:h] <- -1
    W <- rbind(W, w)
  }
}
# eRm's LPCM expects the first category parameter to be the origin (its own PCM design has a zero first
# row); the conditional likelihood does not change when h times that row is taken from every row (the
# persons' θ absorb it), so the first row is made zero that way.
h <- unlist(lapply(vs, function(v) 1:m[(v - 1) %% I + 1]))
W <- W - outer(h, W[1, ])
t0 <- proc.time()[["elapsed"]]
fit <- LPCM(X, W = W, se = FALSE, sum0 = FALSE)
secs <- proc.time()[["elapsed"]] - t0
eta <- fit$etapar
alpha <- c(eta[1:(J - 1)], -sum(eta[1:(J - 1)]))
delta <- c(eta[J - 1 + 1:(I - 1)], -sum(eta[J - 1 + 1:(I - 1)]))
out <- rbind(data.frame(facet = "examiner", id = ex, measure = alpha),
             data.frame(facet = "criterion", id = cr, measure = delta))
write.csv(out, args[2], row.names = FALSE, quote = FALSE)
cat(sprintf("erm_seconds=%.2f loglik=%.3f iterations=%s persons=%d virtual_items=%d\n", secs, fit$loglik,
            fit$iter, nrow(X), ncol(X)))
