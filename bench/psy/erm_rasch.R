# eRm::RM (CML) on a response file; prints the time, and difficulties (= -betapar, sum zero) to OUT.
# Usage: Rscript erm_rasch.R RESPONSES.csv OUT.csv [N_ROWS]
args <- commandArgs(TRUE)
suppressMessages(library(eRm))
nr <- if (length(args) >= 3) as.integer(args[3]) else -1L
X <- as.matrix(read.csv(args[1], nrows = nr)[, -1])
t <- system.time(m <- RM(X, se = TRUE))[["elapsed"]]
write.csv(data.frame(item = colnames(X), b = -m$betapar, se = m$se.beta), args[2], row.names = FALSE)
cat(sprintf("erm_seconds=%.2f persons=%d items=%d loglik=%.6f\n", t, nrow(X), ncol(X), m$loglik))
