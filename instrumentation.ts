// Runs once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { tuneDatabase } = await import("@/lib/database-health");
  await tuneDatabase();
  const { ensureFirstAdmin } = await import("@/lib/bootstrap");
  const first = await ensureFirstAdmin();
  if (first.created) {
    // The generated password goes to a file only its owner can read, never to the log.
    if (first.passwordFile) {
      console.log(`\n  First admin created: ${first.email}\n  Its password is in ${first.passwordFile} (readable only by you); delete the file once you have signed in.\n`);
    } else {
      console.log(`First admin created: ${first.email} (password from ADMIN_PASSWORD)`);
    }
  }
  // The provisioning worker runs in the server process unless separate `npm run worker` processes do it.
  if (process.env.WORKER_IN_PROCESS !== "false") {
    const { startInProcessWorker } = await import("@/lib/background/in-process");
    startInProcessWorker();
  }
}
