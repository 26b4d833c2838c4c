import type { Page } from "@/lib/list-params";

/**
 * One page of a list as a table shows it: what a lib list function returns, plus the sort,
 * direction and search that produced it. Pages hand it to a table as one prop.
 */
export type TablePage<T> = Page<T> & { sort?: string; dir?: "asc" | "desc"; q?: string };

/**
 * Joins a lib list result with the parsed list params behind it. The parsed (not the raw URL)
 * sort counts: an unknown key fell back to the default, and the header arrow must show that one.
 */
export function tablePage<T>(page: Page<T>, params: { sort: string; dir: "asc" | "desc"; q?: string }): TablePage<T> {
  return { ...page, sort: params.sort, dir: params.dir, q: params.q };
}
