"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
} from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";
import { PAGE_SIZES } from "@/lib/list-params";
import type { TablePage } from "./table-page";

export type DataTableProps<T> = {
  /** Accessible name of the table ("Users"). */
  label: string;
  columns: ColumnDef<T, unknown>[];
  /** The rows, total, page number and size, sort and direction, as built by tablePage(). */
  page: TablePage<T>;
  /** Search box label; omit to hide the box. */
  searchLabel?: string;
  getRowId: (row: T) => string;
  /** Names a row for its selection checkbox ("Select ana.lopez"); defaults to the row number. */
  rowLabel?: (row: T) => string;
  /** Extra filter controls (selects) that write their own URL params with useUrlParams(). */
  filters?: ReactNode;
  /** Rendered above the table when rows are selected. */
  bulkActions?: (selectedIds: string[], clear: () => void) => ReactNode;
  /** What an empty result shows (no rows at all vs. no match is the page's call). */
  empty: ReactNode;
};

/** Writes search params and navigates, keeping the rest of the URL. */
export function useUrlParams() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const update = (changes: Record<string, string | undefined>, resetPage = true) => {
    const next = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === "") next.delete(key);
      else next.set(key, value);
    }
    if (resetPage) next.delete("page");
    const qs = next.toString();
    startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  };
  return { update, pending, searchParams };
}

/** The one table of the console: server-side page / size / sort / search, kept in the URL. */
export function DataTable<T>({
  label,
  columns,
  page: { rows, total, page, pageSize, sort, dir },
  searchLabel,
  getRowId,
  rowLabel,
  filters,
  bulkActions,
  empty,
}: DataTableProps<T>) {
  const { update, pending, searchParams } = useUrlParams();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [search, setSearch] = useState(searchParams.get("q") ?? "");

  // Search as the person types, a moment after they stop.
  const urlQuery = searchParams.get("q") ?? "";
  const pushedQuery = useRef(urlQuery);
  useEffect(() => {
    if (search.trim() === urlQuery) return;
    const timer = setTimeout(() => {
      pushedQuery.current = search.trim();
      update({ q: search.trim() || undefined });
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  // The URL changed from elsewhere (Clear filters, back button): show its query in the box.
  useEffect(() => {
    if (urlQuery !== pushedQuery.current) {
      pushedQuery.current = urlQuery;
      setSearch(urlQuery);
    }
  }, [urlQuery]);

  // A new page of rows starts with nothing selected.
  useEffect(() => setRowSelection({}), [rows]);

  const selectable = Boolean(bulkActions);
  const allColumns = useMemo<ColumnDef<T, unknown>[]>(() => {
    if (!selectable) return columns;
    const select: ColumnDef<T, unknown> = {
      id: "_select",
      enableSorting: false,
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label="Select all rows on this page"
          className="size-4"
          checked={table.getIsAllPageRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomePageRowsSelected();
          }}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={rowLabel ? `Select ${rowLabel(row.original)}` : `Select row ${row.index + 1}`}
          className="size-4"
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    };
    return [select, ...columns];
  }, [columns, selectable, rowLabel]);

  // TanStack Table v8 returns fresh functions each render; the React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: allColumns,
    getRowId,
    state: { rowSelection },
    onRowSelectionChange: setRowSelection,
    enableRowSelection: selectable,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: total,
  });

  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const lastPage = Math.max(1, Math.ceil(total / pageSize));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        {searchLabel ? (
          <div className="w-full max-w-xs">
            <label htmlFor="table-search" className="block text-sm font-medium text-slate-700">
              {searchLabel}
            </label>
            <input
              id="table-search"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") update({ q: search.trim() || undefined });
              }}
              className={controlClasses}
              maxLength={200}
            />
          </div>
        ) : null}
        {filters}
      </div>

      {selectable && selectedIds.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-indigo-50 px-3 py-2 text-sm ring-1 ring-indigo-200" role="region" aria-label="Bulk actions">
          <span className="font-medium">{selectedIds.length} selected</span>
          {bulkActions?.(selectedIds, () => setRowSelection({}))}
        </div>
      ) : null}

      <div className={cn("overflow-x-auto rounded-lg border border-slate-200 bg-white", pending && "opacity-60")} aria-busy={pending}>
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label}>
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sortable = header.column.getCanSort() && header.column.id !== "_select";
                  const active = sort === header.column.id;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={active ? (dir === "desc" ? "descending" : "ascending") : undefined}
                      className="px-3 py-2 text-left font-medium whitespace-nowrap text-slate-600"
                    >
                      {header.isPlaceholder ? null : sortable ? (
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 hover:text-slate-900"
                          onClick={() => update({ sort: header.column.id, dir: active && dir === "asc" ? "desc" : "asc" })}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true">{active ? (dir === "desc" ? "↓" : "↑") : "↕"}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={cn(row.getIsSelected() && "bg-indigo-50/50")}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2 align-middle">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <div className="p-4">{empty}</div> : null}
      </div>

      <nav className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600" aria-label={`${label} pages`}>
        <p aria-live="polite">
          {total === 0 ? "No results" : `Showing ${from.toLocaleString("en-US")}–${to.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`}
        </p>
        <div className="flex items-center gap-2">
          <label htmlFor="table-page-size">Rows per page</label>
          <select
            id="table-page-size"
            className="rounded-md border border-slate-300 bg-white px-2 py-1"
            value={pageSize}
            onChange={(e) => update({ size: e.target.value })}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
          <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => update({ page: String(page - 1) }, false)}>
            Previous
          </Button>
          <span>
            Page {page} of {lastPage.toLocaleString("en-US")}
          </span>
          <Button variant="secondary" size="sm" disabled={page >= lastPage} onClick={() => update({ page: String(page + 1) }, false)}>
            Next
          </Button>
        </div>
      </nav>
    </div>
  );
}
