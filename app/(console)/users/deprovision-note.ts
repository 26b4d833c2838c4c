/** What deactivating or deleting users does in the apps, said the same way in every confirmation. */
export const DEPROVISION_NOTE =
  "Their accounts in linked apps are deprovisioned as each app is set (deactivated or deleted), once any approval or mass-change hold the change needs is cleared.";
