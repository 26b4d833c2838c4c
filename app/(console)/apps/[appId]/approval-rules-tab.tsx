// Slot on the app page: the app's approval rules (issue 7), with add, edit and delete for admins.
import { EmptyState } from "@/components/ui/empty-state";
import { describeRule } from "@/lib/approvals/rule-text";
import { listApprovalRules, listRulePolicyOptions } from "@/lib/approvals/rules";
import { ApprovalRuleForm } from "./approval-rule-form";
import { ApprovalRuleActions } from "./approval-rule-row";

/** The app's approval rules: which changes wait for an approver, where they are asked, for how long. */
export async function ApprovalRulesTab({ appId, canWrite }: { appId: string; canWrite: boolean }) {
  const [rules, policies] = await Promise.all([listApprovalRules(appId), listRulePolicyOptions(appId)]);
  return (
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-slate-600">
        A change this app&apos;s rules cover waits as <strong>pending approval</strong> until an approver says yes, in Slack or on the Approvals page.
        One request covers one change. Policies can also ask for approval with their own setting.
      </p>
      {rules.length === 0 ? (
        <EmptyState title="No approval rules">
          <p>{canWrite ? "Every change reaches the app without asking. Add a rule below to make sensitive changes wait for an approver." : "Every change reaches the app without asking. An admin can add rules here."}</p>
        </EmptyState>
      ) : (
        <table className="w-full max-w-5xl text-sm" aria-label="Approval rules">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="py-2 pr-4 font-medium">Applies to</th>
              <th className="py-2 pr-4 font-medium">Needs approval</th>
              <th className="py-2 pr-4 font-medium">Channel</th>
              <th className="py-2 pr-4 font-medium">Waits</th>
              <th className="py-2 pr-4 font-medium">Status</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rules.map((rule) => (
              <tr key={rule.id}>
                <td className="py-2 pr-4">{rule.policyId ? `Policy ${rule.policyName ?? "(deleted)"}` : "Every change"}</td>
                <td className="py-2 pr-4">
                  {describeRule(rule)}
                  {rule.twoApproversForDelete ? <span className="block text-xs text-slate-500">Deletes need two approvers</span> : null}
                </td>
                <td className="py-2 pr-4">{rule.channel ?? "Default channel"}</td>
                <td className="py-2 pr-4">{rule.timeoutHours} h</td>
                <td className="py-2 pr-4">{rule.enabled ? "On" : "Off"}</td>
                <td className="py-2">{canWrite ? <ApprovalRuleActions appId={appId} rule={rule} policies={policies} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite ? (
        <section className="max-w-2xl rounded-lg border border-slate-200 bg-white p-5" aria-label="Add an approval rule">
          <h2 className="mb-4 text-base font-semibold text-slate-900">Add an approval rule</h2>
          <ApprovalRuleForm appId={appId} rule={null} policies={policies} />
        </section>
      ) : null}
    </div>
  );
}
