import type { Metadata } from "next";
import { tablePage } from "@/components/data-table/table-page";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditFilterOptions } from "@/lib/audit-log/list-audit-filter-options";
import { listAuditLog } from "@/lib/audit-log/list-audit-log";
import { parseListParams } from "@/lib/list-params";
import { pageActor } from "@/lib/page-guard";
import { AUDIT_SORT_KEYS, parseAuditFilters } from "@/lib/schemas/audit";
import { AuditTable } from "./audit-table";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await pageActor("audit:read");
  const raw = await searchParams;
  const params = parseListParams(raw, { sortKeys: AUDIT_SORT_KEYS, defaultSort: "at", defaultDir: "desc" });
  const filters = parseAuditFilters(raw);
  const [page, options] = await Promise.all([listAuditLog(params, filters), listAuditFilterOptions()]);
  const filtered = Boolean(filters.actorId || filters.action || filters.range || filters.from || filters.to);
  const empty = filtered ? (
    <EmptyState title="No entries match these filters">
      <p>Widen the time range, pick another actor or action, or clear the filters.</p>
    </EmptyState>
  ) : (
    <EmptyState title="Nothing recorded yet">
      <p>
        Every change an admin makes (to users, groups, apps, policies and console operators) lands here: who made it, when, and what
        changed from before to after. Make a change and it shows up at the top.
      </p>
    </EmptyState>
  );
  return (
    <>
      <PageHeader title="Audit log" description="Every admin change, newest first. Times are in your time zone; hover a time for the exact UTC instant." />
      <AuditTable page={tablePage(page, params)} options={options} empty={empty} />
    </>
  );
}
