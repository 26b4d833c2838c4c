// What an approval request shows (console page and Slack message): the shape of ApprovalRequest.detail
// and the plain-words summary. Pure, so pages, the Slack message builder and tests share it.

/** One changed attribute: dotted SCIM path, old value, new value (null when absent). */
export type DetailChange = { path: string; from: unknown; to: unknown };

/** One affected user; `changes` is known for creates and updates of small changes. */
export type DetailUser = { id: string; userName: string; email: string; displayName: string; operation: string; changes?: DetailChange[] };

/** ApprovalRequest.detail: capped lists, exact counts. */
export type ApprovalDetail = {
  users: DetailUser[];
  groups: { id: string; name: string; operation: string }[];
  /** Operations per kind over the whole change ("create": 120). */
  counts: Record<string, number>;
  /** Subjects left out of the lists above because of the cap. */
  more: number;
  /** The attribute changes when the change touches one user. */
  changes: DetailChange[];
};

/** How many users and groups a request lists; the counts stay exact. */
export const DETAIL_LIST_CAP = 50;
/** Up to this many users, a request lists each user's attribute changes. */
export const DETAIL_CHANGES_CAP = 20;

/** Parses a stored detail, tolerating rows written before a field existed. */
export function parseDetail(text: string | null | undefined): ApprovalDetail {
  const empty: ApprovalDetail = { users: [], groups: [], counts: {}, more: 0, changes: [] };
  if (!text) return empty;
  try {
    const value = JSON.parse(text) as Partial<ApprovalDetail>;
    return {
      users: Array.isArray(value.users) ? value.users : [],
      groups: Array.isArray(value.groups) ? value.groups : [],
      counts: value.counts && typeof value.counts === "object" ? value.counts : {},
      more: typeof value.more === "number" ? value.more : 0,
      changes: Array.isArray(value.changes) ? value.changes : [],
    };
  } catch {
    return empty;
  }
}

const VERBS: Record<string, string> = {
  create: "Create",
  update: "Update",
  deactivate: "Deactivate",
  reactivate: "Reactivate",
  delete: "Delete",
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The request's headline: "Create 120 accounts in Slack", "Delete the account of jdoe in HR", "Push 2 groups to Slack". */
export function summarize(appName: string, ops: { operation: string; label: string; subjectType: string }[]): string {
  const users = ops.filter((o) => o.subjectType === "user");
  const groups = ops.filter((o) => o.subjectType === "group");
  const kinds = [...new Set(users.map((o) => o.operation))];
  const parts: string[] = [];
  if (users.length > 0 && kinds.length === 1) {
    const verb = VERBS[kinds[0]] ?? "Change";
    parts.push(users.length === 1 ? `${verb} the account of ${users[0].label} in ${appName}` : `${verb} ${plural(users.length, "account", "accounts")} in ${appName}`);
  } else if (users.length > 0) {
    const counts = kinds.map((k) => `${users.filter((o) => o.operation === k).length} ${k}`).join(", ");
    parts.push(`Change ${plural(users.length, "account", "accounts")} in ${appName} (${counts})`);
  }
  if (groups.length > 0) {
    const removing = groups.every((g) => g.operation === "group_delete");
    const what = groups.length === 1 ? `group ${groups[0].label}` : plural(groups.length, "group", "groups");
    parts.push(removing ? `Remove ${what} from ${appName}` : `Push ${what} to ${appName}`);
  }
  return parts.join("; ");
}

/** The main operation of a change: the most frequent one. */
export function mainOperation(ops: { operation: string }[]): string {
  const counts = new Map<string, number>();
  for (const o of ops) counts.set(o.operation, (counts.get(o.operation) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "update";
}
