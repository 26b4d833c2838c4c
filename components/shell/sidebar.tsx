"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { cn } from "@/components/ui/cn";

/** Sidebar navigation; collapses behind a menu button on small screens. */
export function Sidebar({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="fixed top-3 left-3 z-40 rounded-md bg-white px-3 py-2 text-sm shadow ring-1 ring-slate-200 md:hidden"
        aria-expanded={open}
        aria-controls="console-nav"
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      <nav
        id="console-nav"
        aria-label="Main"
        className={cn(
          "fixed inset-y-0 left-0 z-30 w-60 border-r border-slate-200 bg-white px-3 pt-16 pb-4 md:static md:block md:pt-4",
          open ? "block" : "hidden",
        )}
      >
        <p className="mb-4 px-3 text-sm font-semibold tracking-wide text-indigo-700 uppercase">Identity Console</p>
        <ul className="space-y-1">
          {items.map((item) => {
            const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  onClick={() => setOpen(false)}
                  className={cn(
                    "block rounded-md px-3 py-2 text-sm",
                    active ? "bg-indigo-50 font-medium text-indigo-800" : "text-slate-700 hover:bg-slate-100",
                  )}
                >
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}
