import type pg from "pg";
export declare function createPgPool(config: pg.PoolConfig, schema?: string): pg.Pool;
