// Writes one line per failed or flaky test (passed only on a retry) to TEST_OUTCOME_FILE, so
// `npm test` can name them in its final summary: the tail of a long CI log then says what broke.
import fs from "node:fs";
import path from "node:path";
import type { Reporter, TestCase } from "vitest/node";

export default class OutcomeReporter implements Reporter {
  onTestCaseResult(testCase: TestCase) {
    const file = process.env.TEST_OUTCOME_FILE;
    if (!file) return;
    const result = testCase.result();
    const flaky = testCase.diagnostic()?.flaky ?? false;
    if (result.state !== "failed" && !flaky) return;
    const where = path.relative(process.cwd(), testCase.module.moduleId);
    const firstError = result.state === "failed" ? (result.errors?.[0]?.message ?? "").split("\n")[0].slice(0, 300) : "";
    const line = result.state === "failed" ? `FAILED ${where} › ${testCase.fullName}: ${firstError}` : `FLAKY (passed on retry) ${where} › ${testCase.fullName}`;
    fs.appendFileSync(file, `${line}\n`);
  }
}
