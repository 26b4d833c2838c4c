// Runs once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { tuneDatabase } = await import("@/lib/database-health");
  await tuneDatabase();
  const { ensureFirstAdmin } = await import("@/lib/bootstrap");
  const first = await ensureFirstAdmin();
  if (first.created) {
    if (first.generatedPassword) {
      console.log(
        `\n  First admin created: ${first.email}\n  Password (shown once, change it after signing in): ${first.generatedPassword}\n`,
      );
    } else {
      console.log(`First admin created: ${first.email} (password from ADMIN_PASSWORD)`);
    }
  }
  // The provisioning worker runs in the server process unless separate `npm run worker` processes do it.
  if (process.env.WORKER_IN_PROCESS !== "false") {
    const { startInProcessWorker } = await import("@/lib/provisioning/worker/start-worker");
    startInProcessWorker();
  }
}
