// Loaded before every API and browser test file (node --import, scripts/test-all.sh and scripts/test-web.sh).
// Many test files take China's date when they start ("today": a training session held today from 00:00 to
// 23:59, a check-in or an exam attempt "now", dates compared with what the server computes) and use it for
// up to a few minutes. When China-time midnight falls in between, "today" is yesterday and the test fails
// for a reason no user meets (CI at 23:59 China time, 2026-12-05: tests/api/73 found no 考培冲突 because the
// attempt opened after its session's day). A file that would start in the last five minutes of a China day
// waits here until the next day has begun; no test file runs for five minutes.
const MARGIN_MS = 5 * 60e3;
const left = 86400e3 - ((Date.now() + 8 * 3600e3) % 86400e3);
if (left < MARGIN_MS) {
  process.stderr.write(`tests/midnight.mjs: ${Math.ceil(left / 1000)} s to China-time midnight, waiting for the next day\n`);
  await new Promise((done) => setTimeout(done, left + 5e3));
}
