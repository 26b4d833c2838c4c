import { Badge } from "@/components/ui/badge";
import { APPROVAL_STATUS_LABELS, type ApprovalStatus } from "@/lib/schemas/approval";

const TONES = { pending: "warning", approved: "success", denied: "danger", expired: "neutral", cancelled: "neutral" } as const;

/** An approval request's status; a two-approver request shows how many approvals it has. */
export function ApprovalStatusBadge({ status, approvals, requiredApprovals }: { status: string; approvals: number; requiredApprovals: number }) {
  const known = status in TONES ? (status as ApprovalStatus) : null;
  const label = known ? APPROVAL_STATUS_LABELS[known] : status;
  const count = status === "pending" && requiredApprovals > 1 ? ` (${approvals} of ${requiredApprovals} approvals)` : "";
  return <Badge tone={known ? TONES[known] : "neutral"}>{`${label}${count}`}</Badge>;
}
