import type { ReactNode } from "react";
import { SettingsNav } from "./settings-nav";

/** Settings sections share one sub-navigation: Admins, Slack, Data retention. */
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SettingsNav />
      {children}
    </>
  );
}
