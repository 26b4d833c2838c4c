// Shared shapes of the provisioning engine: the planner's inputs and outputs, app settings as
// stored on App rows, and job/event vocabularies. Pure types and constants (no server-only), so
// pages, lib and tests can share them.
import type { MappingRule } from "@/lib/scim/mapping";

export const APP_KINDS = ["slack", "scim"] as const;
export type AppKind = (typeof APP_KINDS)[number];

/** Provisioning features an admin enables per app (App.features JSON). */
export type AppFeatures = {
  createUsers: boolean;
  updateUsers: boolean;
  deactivateUsers: boolean;
  deleteUsers: boolean;
  pushGroups: boolean;
};
export const DEFAULT_FEATURES: AppFeatures = {
  createUsers: true,
  updateUsers: true,
  deactivateUsers: true,
  deleteUsers: false,
  pushGroups: false,
};

export const DEPROVISION_MODES = ["deactivate", "delete"] as const;
export type DeprovisionMode = (typeof DEPROVISION_MODES)[number];

/** What the engine needs to know about an app (parsed from its row; no credentials). */
export type AppSettings = {
  id: string;
  name: string;
  kind: AppKind;
  features: AppFeatures;
  deprovisionMode: DeprovisionMode;
  mapping: MappingRule[];
};

export const ACCOUNT_STATES = ["pending", "active", "deactivated", "deleted", "gone", "failed"] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

export const USER_OPERATIONS = ["create", "update", "deactivate", "reactivate", "delete"] as const;
export type UserOperation = (typeof USER_OPERATIONS)[number];
export const GROUP_OPERATIONS = ["group_push", "group_delete"] as const;
export type GroupOperation = (typeof GROUP_OPERATIONS)[number];
export type JobOperation = UserOperation | GroupOperation;

export const JOB_STATUSES = ["pending_approval", "queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const EVENT_OUTCOMES = ["success", "failed", "retrying", "skipped", "pending_approval", "approved", "denied"] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

/** One user's situation in one app, as the planner sees it. */
export type UserPlanInput = {
  /** Active and member of a group of an enabled policy of the app. */
  inScope: boolean;
  /** The user's account link in the app, if any. */
  account: { state: AccountState; remoteId: string | null; lastPushedHash: string | null } | null;
  /** Hash of the SCIM resource the mapping produces now (lib/provisioning/hash.ts). */
  desiredHash: string;
  features: AppFeatures;
  deprovisionMode: DeprovisionMode;
};

/** The planner's answer for one user in one app: an operation, or nothing to do. */
export type UserPlan = { operation: UserOperation; reason: string } | null;

/** Counts per operation for an impact preview ("Slack: 120 creates, 3 deactivations"). */
export type ImpactSummary = {
  appId: string;
  appName: string;
  counts: Record<UserOperation, number>;
  /** Up to 50 affected users per operation, for the preview's list. */
  samples: Record<UserOperation, { userId: string; userName: string }[]>;
};
