import type { ReactNode } from "react";

/** The centred card of the sign-in pages. */
export function AuthCard({ title, description, children, wide }: { title: string; description?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-8">
      <div className={`w-full ${wide ? "max-w-xl" : "max-w-sm"} rounded-lg border border-slate-200 bg-white p-8 shadow-sm`}>
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {description ? <p className="mt-1 mb-6 text-sm text-slate-600">{description}</p> : <div className="mb-6" />}
        {children}
      </div>
    </main>
  );
}
