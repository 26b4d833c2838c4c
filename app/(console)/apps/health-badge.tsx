import { Badge } from "@/components/ui/badge";
import type { AppHealth } from "@/lib/apps/types";

const HEALTH: Record<AppHealth, { label: string; tone: "neutral" | "success" | "danger" | "warning" }> = {
  unverified: { label: "Unverified", tone: "neutral" },
  connected: { label: "Connected", tone: "success" },
  error: { label: "Error", tone: "danger" },
  quarantined: { label: "Quarantined", tone: "warning" },
  reconnect_needed: { label: "Reconnect needed", tone: "warning" },
};

/** The app's health as a badge. */
export function HealthBadge({ health }: { health: AppHealth }) {
  return <Badge tone={HEALTH[health].tone}>{HEALTH[health].label}</Badge>;
}
