import { listOwnPasskeys } from "@/lib/operator-factors/passkeys-manage";
import { PasskeysTable } from "./passkeys-table";

/** Your account > Passkeys: the operator's passkeys and security keys, to add, rename and remove. */
export async function PasskeysSection() {
  const passkeys = await listOwnPasskeys();
  return (
    <section aria-labelledby="passkeys-heading" className="space-y-4">
      <div>
        <h2 id="passkeys-heading" className="text-lg font-semibold text-slate-900">
          Passkeys
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Sign in without a password with a passkey, or use one (or a security key) as the second step after your password.
        </p>
      </div>
      <PasskeysTable passkeys={passkeys} />
    </section>
  );
}
