# psych::alpha on a response file; prints the time and alpha.   Usage: Rscript psych_alpha.R RESPONSES.csv
args <- commandArgs(TRUE)
suppressMessages(library(psych))
X <- as.matrix(read.csv(args[1])[, -1])
t <- system.time(a <- psych::alpha(X, warnings = FALSE, check.keys = FALSE))[["elapsed"]]
cat(sprintf("psych_seconds=%.2f alpha=%.6f\n", t, a$total$raw_alpha))
write.csv(data.frame(item = colnames(X), alpha_drop = a$alpha.drop$raw_alpha, r_drop = a$item.stats$r.drop),
          "psych_alpha_items.csv", row.names = FALSE)
