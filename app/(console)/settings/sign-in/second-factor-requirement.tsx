import { LocalTime } from "@/components/ui/local-time";
import { currentActor } from "@/lib/authz";
import { can } from "@/lib/permissions";
import { secondFactorRequirementSetting } from "@/lib/sign-in/second-factor-policy";
import { SecondFactorRequirementForm } from "./second-factor-requirement-form";

/** Settings > Sign-in: who must use a second factor (admins change it; others read it). */
export async function SecondFactorRequirementSection() {
  const [setting, actor] = await Promise.all([secondFactorRequirementSetting(), currentActor()]);
  const canWrite = actor ? can(actor.role, "admins:write") : false;
  return (
    <section aria-labelledby="second-factor-heading" className="space-y-3">
      <div>
        <h2 id="second-factor-heading" className="text-lg font-semibold text-slate-900">
          Second factor
        </h2>
        <p className="mt-1 max-w-prose text-sm text-slate-600">
          A second factor is an authenticator app or a passkey, asked for after the password. Operators the requirement covers who have none are
          taken to set one up at their next sign-in, before anything else opens; open sessions carry on until then. Anyone who has a factor is
          asked for it whatever this says.
        </p>
      </div>
      <SecondFactorRequirementForm key={setting.requirement} requirement={setting.requirement} canWrite={canWrite} />
      <p className="text-xs text-slate-500">
        {setting.updatedBy ? (
          <>
            Last changed by {setting.updatedBy}, <LocalTime iso={setting.updatedAt} />.
          </>
        ) : (
          "Not changed yet: the default covers admins."
        )}
      </p>
    </section>
  );
}
