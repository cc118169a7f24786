// Preloaded into a child process (`node --import ./test/support/max-rss.mjs …`): at exit, writes the
// process's peak resident set size in bytes to the file named by LIS_MAX_RSS_FILE, so that a parent can
// measure a real CLI run's memory from outside it.
import { writeFileSync } from "node:fs";

const file = process.env.LIS_MAX_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
