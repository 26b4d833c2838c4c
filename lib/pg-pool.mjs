// A node-postgres pool for Prisma's PostgreSQL driver adapter.
//
// @prisma/adapter-pg 6.19 cannot map some catalog types (`name`, `"char"`, ...) that the schema
// engine reads during `migrate deploy` / `db push` ("Column type 'name' could not be
// deserialized", prisma/orm#27403). They are text on the wire, so the client reports them as text.
import pg from "pg";

const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
// "char", name, regproc, pg_node_tree, regclass, regtype, void -> text; their arrays -> text[].
const AS_TEXT = new Set([18, 19, 24, 194, 2205, 2206, 2278]);
const AS_TEXT_ARRAY = new Set([1002, 1003, 1008, 2210, 2211]);

function catalogTypesAsText(result) {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of r?.fields ?? []) {
      if (AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
      else if (AS_TEXT_ARRAY.has(field.dataTypeID)) field.dataTypeID = TEXT_ARRAY_OID;
    }
  }
  return result;
}

class CatalogTypesAsTextClient extends pg.Client {
  query(config, values, callback) {
    if (config && typeof config.submit === "function") return super.query(config, values, callback);
    if (typeof values === "function") {
      callback = values;
      values = undefined;
    }
    if (typeof callback === "function") {
      return super.query(config, values, (error, result) => callback(error, error ? result : catalogTypesAsText(result)));
    }
    const pending = super.query(config, values);
    return pending && typeof pending.then === "function" ? pending.then(catalogTypesAsText) : pending;
  }
}

/**
 * A pg.Pool whose clients report `name` columns as text. With `schema`, every connection's
 * search_path is that schema, so migrations and queries both land in it.
 */
export function createPgPool(config, schema) {
  const options = schema ? `-c search_path="${schema.replace(/"/g, '""')}"` : config.options;
  return new pg.Pool({ ...config, ...(options ? { options } : {}), Client: CatalogTypesAsTextClient });
}
