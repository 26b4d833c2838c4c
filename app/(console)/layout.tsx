import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Sidebar } from "@/components/shell/sidebar";
import { NAV_ITEMS } from "@/components/shell/nav";
import { Button } from "@/components/ui/button";
import { Toaster } from "@/components/ui/toast";
import { currentActor, currentSession } from "@/lib/authz";
import Link from "next/link";
import { can, ROLE_LABELS } from "@/lib/permissions";
import { signOutAction } from "./sign-out-action";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) {
    // A sign-in that still owes its second factor or enrolment continues there; nothing else opens.
    const session = await currentSession();
    redirect(session?.stage === "enrol" ? "/enrol" : session?.stage === "second-factor" ? "/login/second-factor" : "/login");
  }
  const items = NAV_ITEMS.filter((item) => can(actor.role, item.permission));
  return (
    <Toaster>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <div className="flex min-h-screen">
        <Sidebar items={items.map(({ href, label }) => ({ href, label }))} />
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex items-center justify-end gap-4 border-b border-slate-200 bg-white px-4 py-3 md:px-8">
            <div className="text-right text-sm">
              <p className="font-medium text-slate-900">
                <Link href="/account" className="hover:underline">
                  {actor.name}
                </Link>
              </p>
              <p className="text-slate-600">
                {actor.email} · <span data-testid="current-role">{ROLE_LABELS[actor.role]}</span>
              </p>
            </div>
            <form action={signOutAction}>
              <Button type="submit" variant="secondary" size="sm">
                Sign out
              </Button>
            </form>
          </header>
          <main id="main" className="flex-1 px-4 py-6 md:px-8">
            {children}
          </main>
        </div>
      </div>
    </Toaster>
  );
}
