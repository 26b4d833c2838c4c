import type { ApprovalRule } from "@/lib/schemas/policy";

/** A policy as the Policies list shows it. */
export type PolicySummary = {
  id: string;
  name: string;
  appId: string;
  appName: string;
  /** The first few groups by name; `groupCount` says how many there are in all. */
  groups: { id: string; name: string }[];
  groupCount: number;
  loginMethod: string;
  enabled: boolean;
  approvalRule: ApprovalRule;
  createdAt: Date;
};

/** A policy as the Edit form and the delete confirmation need it. */
export type PolicyDetail = {
  id: string;
  name: string;
  appId: string;
  appName: string;
  groups: { id: string; name: string }[];
  loginMethod: string;
  enabled: boolean;
  approvalRule: ApprovalRule;
  createdAt: Date;
  updatedAt: Date;
};

/** What the Add/Edit form offers to choose from. */
export type PolicyFormOptions = {
  apps: { id: string; name: string; kind: string }[];
  groups: { id: string; name: string; memberCount: number }[];
};
