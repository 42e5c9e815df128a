# The reference for bench/dispatch.sh: clue::solve_LSAP (Hungarian method) on the per-slot cost matrices
# bench_dispatch --ref DIR writes (rows: units of demand, columns: supervisors, -1: not allowed). Prints
# the total distance and the seconds spent in solve_LSAP alone (reading the files excluded).
suppressMessages(library(clue))
args <- commandArgs(trailingOnly = TRUE)
files <- sort(list.files(args[1], pattern = "^slot[0-9]+\\.csv$", full.names = TRUE))
total <- 0; secs <- 0; short <- 0
for (f in files) {
  m <- as.matrix(read.csv(f, header = FALSE))
  big <- 1e9
  m[m < 0] <- big
  t0 <- proc.time()[["elapsed"]]
  a <- solve_LSAP(m)
  secs <- secs + proc.time()[["elapsed"]] - t0
  chosen <- m[cbind(seq_len(nrow(m)), as.integer(a))]
  short <- short + sum(chosen >= big)
  total <- total + sum(chosen[chosen < big])
}
cat(sprintf("clue_seconds=%.3f total_m=%.0f short=%d slots=%d\n", secs, total, short, length(files)))
