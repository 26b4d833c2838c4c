import { dropTestDatabase } from "../scripts/test-db.mjs";

export default function teardown() {
  if (process.env.E2E_DATABASE_URL && !process.env.KEEP_TEST_DB) dropTestDatabase(process.env.E2E_DATABASE_URL);
}
