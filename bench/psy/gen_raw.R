# Option-letter responses for the collusion benchmark: N candidates x K four-option items (key A..D by
# item), answers by a 2PL for the key and fixed distractor shares, 5 copying pairs. Fixed seed.
# Usage: Rscript gen_raw.R N K RAW.csv KEY.csv
args <- commandArgs(TRUE); n <- as.integer(args[1]); k <- as.integer(args[2])
set.seed(20250601)
a <- runif(k, 0.7, 2); b <- rnorm(k); key <- (seq_len(k) - 1) %% 4
th <- rnorm(n)
P <- plogis(outer(th, a) - matrix(a * b, n, k, byrow = TRUE))
right <- matrix(runif(n * k), n, k) < P
d <- matrix(sample(1:3, n * k, TRUE, prob = c(.5, .3, .2)), n, k)
X <- ifelse(right, matrix(key, n, k, byrow = TRUE), (matrix(key, n, k, byrow = TRUE) + d) %% 4)
for (c in 1:5) { s <- c * 10; t <- n - c * 10; m <- runif(k) < 0.6; X[t, m] <- X[s, m] }
L <- matrix(LETTERS[X + 1], n, k); L[matrix(runif(n * k), n, k) < 0.01] <- ""
colnames(L) <- paste0("i", seq_len(k))
write.csv(data.frame(person = paste0("c", seq_len(n)), L), args[3], row.names = FALSE, quote = FALSE)
write.csv(data.frame(item = colnames(L), key = LETTERS[key + 1]), args[4], row.names = FALSE, quote = FALSE)
