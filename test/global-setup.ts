import { dropTestDatabase } from "../scripts/test-db.mjs";

/** Drops the run's database when the tests end (kept with KEEP_TEST_DB=1 for debugging). */
export default function setup() {
  return () => {
    if (process.env.DATABASE_URL && !process.env.KEEP_TEST_DB) dropTestDatabase(process.env.DATABASE_URL);
  };
}
