"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const SECTIONS = [
  { href: "/settings", label: "Admins" },
  { href: "/settings/sign-in", label: "Sign-in" },
  { href: "/settings/slack", label: "Slack" },
  { href: "/settings/retention", label: "Data retention" },
] as const;

/** The Settings sub-navigation; the current section is marked for screen readers too. */
export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings sections" className="mb-6 border-b border-slate-200">
      {SECTIONS.map((s) => {
        const current = s.href === "/settings" ? pathname === "/settings" : pathname.startsWith(s.href);
        return (
          <Link
            key={s.href}
            href={s.href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium",
              current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
            )}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
