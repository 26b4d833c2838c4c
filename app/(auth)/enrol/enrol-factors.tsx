import Link from "next/link";
import { totpEnrolmentStatus } from "@/lib/operator-factors/totp-enrolment";
import { EnrolTotp } from "./enrol-totp";
import { PasskeyEnrolment } from "./passkey-enrolment";

/** Enrolment: an authenticator app (with recovery codes) or a passkey; either one finishes the sign-in. */
export async function EnrolFactors({ next }: { email: string; next?: string }) {
  const status = await totpEnrolmentStatus();
  if (status.totpOn && !status.confirmedHere) {
    return (
      <p className="text-sm text-slate-600">
        An authenticator app was set up for you in another sign-in. <Link href="/login" className="underline">Sign in again</Link> and enter a code from
        it.
      </p>
    );
  }
  return <EnrolTotp next={next} confirmedHere={status.confirmedHere} alternative={<PasskeyEnrolment next={next} />} />;
}
