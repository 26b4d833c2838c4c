import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";
import { can } from "@/lib/permissions";
import { UserDetailActions } from "../user-actions";
import { AppAccountsSection } from "./app-accounts-section";
import { loadUser } from "./load-user";

export const metadata: Metadata = { title: "User" };

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-900 sm:col-span-2 sm:mt-0">{children ?? <span className="text-slate-400">—</span>}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={id} className="mb-2 text-base font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await pageActor("users:read");
  const user = await loadUser((await params).userId);
  const custom = Object.entries(user.customAttributes);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/users" className="text-indigo-700 hover:underline">
          ← Users
        </Link>
      </p>
      <PageHeader
        title={user.displayName}
        description={
          <span className="inline-flex items-center gap-2">
            {user.userName} {user.active ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Deactivated</Badge>}
          </span>
        }
        actions={can(actor.role, "users:write") ? <UserDetailActions user={{ id: user.id, userName: user.userName, displayName: user.displayName, active: user.active }} /> : undefined}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Attributes">
          <dl className="divide-y divide-slate-100">
            <Item label="User name">{user.userName}</Item>
            <Item label="Primary email">{user.email}</Item>
            <Item label="First name">{user.firstName}</Item>
            <Item label="Last name">{user.lastName}</Item>
            <Item label="Display name">{user.displayName}</Item>
            <Item label="Title">{user.title}</Item>
            <Item label="Department">{user.department}</Item>
            <Item label="Phone">{user.phone}</Item>
            <Item label="Employee number">{user.employeeNumber}</Item>
            <Item label="Manager">
              {user.manager ? (
                <Link href={`/users/${user.manager.id}`} className="text-indigo-700 hover:underline">
                  {user.manager.displayName} ({user.manager.userName})
                </Link>
              ) : null}
            </Item>
            <Item label="External id">{user.externalId}</Item>
            <Item label="Created">{dateTime.format(new Date(user.createdAt))} UTC</Item>
            <Item label="Last changed">{dateTime.format(new Date(user.updatedAt))} UTC</Item>
          </dl>
        </Section>
        <div className="space-y-6">
          <Section title="Custom attributes">
            {custom.length === 0 ? (
              <p className="text-sm text-slate-600">No custom attributes.</p>
            ) : (
              <dl className="divide-y divide-slate-100">
                {custom.map(([key, value]) => (
                  <Item key={key} label={key}>
                    {value}
                  </Item>
                ))}
              </dl>
            )}
          </Section>
          <Section title="Groups">
            {user.groups.length === 0 ? (
              <p className="text-sm text-slate-600">Not in any group yet. Groups decide which apps a user is provisioned to.</p>
            ) : (
              <ul className="flex flex-wrap gap-2">
                {user.groups.map((g) => (
                  <li key={g.id}>
                    <Link href={`/groups/${g.id}`} className="inline-block rounded-full bg-slate-100 px-3 py-1 text-sm text-indigo-700 hover:underline">
                      {g.name}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title="App accounts">
            <AppAccountsSection userId={user.id} canProvision={can(actor.role, "provisioning:retry")} />
          </Section>
        </div>
      </div>
    </>
  );
}
