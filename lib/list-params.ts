import { z } from "zod";

export const PAGE_SIZES = [25, 50, 100] as const;

export type ListParams<S extends string> = { page: number; pageSize: number; sort: S; dir: "asc" | "desc"; q: string };

type RawParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Parses page / size / sort / dir / q from a page's searchParams. Sort keys are whitelisted;
 * anything unknown falls back to the defaults instead of failing the page.
 */
export function parseListParams<S extends string>(
  raw: RawParams,
  options: { sortKeys: readonly [S, ...S[]]; defaultSort: S; defaultDir?: "asc" | "desc" },
): ListParams<S> {
  const schema = z.object({
    page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
    size: z.coerce
      .number()
      .int()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
      .catch(PAGE_SIZES[0]),
    sort: z.enum(options.sortKeys).catch(options.defaultSort),
    dir: z.enum(["asc", "desc"]).catch(options.defaultDir ?? "asc"),
    q: z.string().trim().max(200).catch(""),
  });
  const parsed = schema.parse({
    page: first(raw.page) ?? 1,
    size: first(raw.size) ?? PAGE_SIZES[0],
    sort: first(raw.sort) ?? options.defaultSort,
    dir: first(raw.dir) ?? options.defaultDir ?? "asc",
    q: first(raw.q) ?? "",
  });
  return { page: parsed.page, pageSize: parsed.size, sort: parsed.sort as S, dir: parsed.dir, q: parsed.q };
}

/** Reads one string search param. */
export function param(raw: RawParams, key: string): string | undefined {
  const value = first(raw[key]);
  return value === undefined || value === "" ? undefined : value;
}

/** A page of rows plus the total, as every list in lib returns. */
export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number };
