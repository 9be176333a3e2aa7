// The per-identity aggregation LinkGuard's plan starts from, done by DuckDB on the same export file:
// Connections rows of MICROSOFT.DEVICES, identity = (hub, deviceId, moduleId) from properties_s, per identity
// the rows, the 409002/400027 conflicts, the drops (deviceDisconnect with an error code) and the first and last
// TimeGenerated (parsed; rows whose time or properties do not parse are left out, as plan skips them). Prints one line: format, rows, identities, identities with conflicts, seconds.
//   node tools/bench/duckdb-aggregate.mjs csv|az-json|query-json FILE [THREADS]
import { DuckDBInstance } from '@duckdb/node-api';

const [format, file, threads = '2'] = process.argv.slice(2);
if (!format || !file) {
  console.error('usage: node duckdb-aggregate.mjs csv|az-json|query-json FILE [THREADS]');
  process.exit(2);
}
const quoted = `'${file.replaceAll("'", "''")}'`;
// One relation with the same five inputs, whatever the export format.
const rows = {
  'csv': `SELECT "TimeGenerated [UTC]" AS t, Category AS category, ResourceProvider AS provider,
                 OperationName AS operation, ResultType AS result, properties_s AS props, _ResourceId AS hub,
                 try_strptime("TimeGenerated [UTC]", '%m/%d/%Y, %-I:%M:%S.%g %p') AS ts
          FROM read_csv(${quoted}, header = true, all_varchar = true)`,
  'az-json': `SELECT TimeGenerated AS t, Category AS category, ResourceProvider AS provider, OperationName AS operation,
                     ResultType AS result, properties_s AS props, _ResourceId AS hub, TRY_CAST(TimeGenerated AS TIMESTAMP) AS ts
              FROM read_json(${quoted}, format = 'array', columns = {TimeGenerated: 'VARCHAR', Category: 'VARCHAR',
                   ResourceProvider: 'VARCHAR', OperationName: 'VARCHAR', ResultType: 'VARCHAR',
                   properties_s: 'VARCHAR', _ResourceId: 'VARCHAR'})`,
  // The query API's {"tables":[{"columns":[...],"rows":[[...]]}]} is one JSON object: DuckDB reads it whole
  // (maximum_object_size), then unnests; cells by position (TimeGenerated 2, Category 4, ResourceProvider 7,
  // OperationName 10, ResultType 11, properties_s 15, _ResourceId 18; the columns of every AzureDiagnostics export).
  'query-json': `SELECT r[2] AS t, r[4] AS category, r[7] AS provider, r[10] AS operation, r[11] AS result,
                        r[15] AS props, r[18] AS hub, TRY_CAST(r[2] AS TIMESTAMP) AS ts
                 FROM (SELECT unnest(tb.rows) AS r FROM (SELECT unnest(tables) AS tb
                       FROM read_json(${quoted}, format = 'unstructured', maximum_object_size = 4000000000,
                            columns = {tables: 'STRUCT(name VARCHAR, rows VARCHAR[][])[]'})))`,
}[format];
if (!rows) {
  console.error(`unknown format '${format}' (csv, az-json, query-json)`);
  process.exit(2);
}
const sql = `
  WITH r AS (${rows}),
  c AS (SELECT lower(hub) AS hub, try(json_extract_string(props, '$.deviceId')) AS device,
               coalesce(try(json_extract_string(props, '$.moduleId')), '') AS module, operation, result, ts
        FROM r WHERE category = 'Connections' AND provider = 'MICROSOFT.DEVICES'),
  per AS (SELECT hub, device, module, count(*) AS n,
                 count(*) FILTER (WHERE result IN ('409002', '400027')) AS conflicts,
                 count(*) FILTER (WHERE operation = 'deviceDisconnect' AND result <> '') AS drops,
                 min(ts) AS first, max(ts) AS last
          FROM c WHERE device IS NOT NULL AND ts IS NOT NULL GROUP BY ALL)
  SELECT sum(n)::BIGINT AS rows, count(*)::BIGINT AS identities,
         count(*) FILTER (WHERE conflicts > 0)::BIGINT AS conflicted, count(first)::BIGINT AS timed FROM per`;

const start = process.hrtime.bigint();
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const [row] = reader.getRowObjectsJS();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`duckdb format=${format} rows=${row.rows} identities=${row.identities} conflicted=${row.conflicted} `
  + `timed=${row.timed} seconds=${seconds.toFixed(3)}`);
