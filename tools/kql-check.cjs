#!/usr/bin/env node
'use strict';
/*
 * kql-check: validate KQL (Kusto) query files against a table schema using the
 * official Kusto language service (@kusto/language-service-next, a Bridge.NET
 * build of Microsoft's Kusto.Language library).
 *
 * Usage: node tools/kql-check.cjs --schema <schema.json> <file.kql>...
 *
 * Schema format: {"database": "<name>", "tables": {"<Table>": {"<column>": "<type>"}}}
 * Types: string, datetime, long, int, real, bool, dynamic, timespan, guid, decimal.
 *
 * Reports parser/binder diagnostics and the library's analyzer warnings; diagnostics of
 * severity Suggestion/Information are not shown. Warnings never fail the run.
 *
 * Exit codes: 0 = no errors, 1 = at least one error, 2 = usage / IO / schema problem.
 */
const fs = require('fs');

const USAGE = 'usage: node tools/kql-check.cjs --schema <schema.json> <file.kql>...';

class UsageError extends Error {}      // exit 2
class ArgError extends UsageError {}   // exit 2, and print the usage line

function parseArgs(argv) {
  let schema = null;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (a === '--schema') {
      if (i + 1 >= argv.length) throw new ArgError('--schema needs a value');
      schema = argv[++i];
    } else if (a.startsWith('--schema=')) {
      schema = a.slice('--schema='.length);
    } else if (a === '--') {
      files.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      throw new ArgError(`unknown option: ${a}`);
    } else {
      files.push(a);
    }
  }
  if (!schema) throw new ArgError('missing --schema <schema.json>');
  if (files.length === 0) throw new ArgError('no .kql files given');
  return { schema, files };
}

function loadKusto() {
  // bridge.js installs the Bridge.NET runtime as global.Bridge; the Kusto
  // library then registers itself as global.Kusto (it exports nothing).
  require('@kusto/language-service-next/bridge.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.js');
  if (typeof Kusto === 'undefined' || !Kusto.Language || !Kusto.Language.KustoCode) {
    throw new Error('failed to load Kusto.Language from @kusto/language-service-next');
  }
  return Kusto.Language; // eslint-disable-line no-undef
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e.message}`);
  }
}

function buildGlobals(L, schemaFile) {
  let schema;
  try {
    schema = JSON.parse(readText(schemaFile));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`invalid JSON in schema ${schemaFile}: ${e.message}`);
  }
  const S = L.Symbols;
  const T = S.ScalarTypes;
  const types = {
    string: T.String, datetime: T.DateTime, long: T.Long, int: T.Int, real: T.Real,
    bool: T.Bool, dynamic: T.Dynamic, timespan: T.TimeSpan, guid: T.Guid, decimal: T.Decimal,
  };
  if (!schema || typeof schema !== 'object' || typeof schema.database !== 'string' || !schema.database) {
    throw new UsageError(`schema ${schemaFile}: "database" must be a non-empty string`);
  }
  if (!schema.tables || typeof schema.tables !== 'object' || Array.isArray(schema.tables)) {
    throw new UsageError(`schema ${schemaFile}: "tables" must be an object`);
  }
  const tables = Object.entries(schema.tables).map(([tableName, columns]) => {
    if (!columns || typeof columns !== 'object' || Array.isArray(columns)) {
      throw new UsageError(`schema ${schemaFile}: table ${tableName} must map column names to types`);
    }
    const cols = Object.entries(columns).map(([col, type]) => {
      const t = types[String(type).toLowerCase()];
      if (!t) {
        throw new UsageError(`schema ${schemaFile}: unknown type "${type}" for ${tableName}.${col}`);
      }
      return new S.ColumnSymbol(col, t);
    });
    return new S.TableSymbol.$ctor4(tableName, cols);
  });
  const db = new S.DatabaseSymbol.ctor(schema.database, tables);
  return L.GlobalState.Default.WithDatabase(db);
}

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r' && text[i + 1] !== '\n') starts.push(i + 1);
  }
  return starts;
}

function position(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo] + 1 };
}

function main() {
  let args;
  let L;
  let globals;
  try {
    args = parseArgs(process.argv.slice(2));
    L = loadKusto();
    globals = buildGlobals(L, args.schema);
  } catch (e) {
    console.error(`kql-check: ${e.message}`);
    if (e instanceof ArgError) console.error(USAGE);
    return 2;
  }

  let errors = 0;
  let warnings = 0;
  let ioProblem = false;
  for (const file of args.files) {
    let text;
    try {
      text = readText(file);
    } catch (e) {
      console.error(`kql-check: ${e.message}`);
      ioProblem = true;
      continue;
    }
    const code = L.KustoCode.ParseAndAnalyze(text, globals);
    // Parser/binder diagnostics (syntax, unknown names, type errors) ...
    const diags = Bridge.toArray(code.GetDiagnostics()); // eslint-disable-line no-undef
    // ... plus the built-in analyzers (join without kind, isnull on strings, ...),
    // which only ever report warnings or suggestions.
    try {
      const service = new L.Editor.KustoCodeService.ctor(code);
      diags.push(...Bridge.toArray(service.GetAnalyzerDiagnostics(true))); // eslint-disable-line no-undef
    } catch (e) {
      console.error(`kql-check: ${file}: analyzers failed (${e && e.message}); analyzer warnings skipped`);
    }
    diags.sort((a, b) => a.Start - b.Start);
    const starts = lineStarts(text);
    for (const d of diags) {
      let severity;
      if (d.Severity === L.DiagnosticSeverity.Error) { severity = 'error'; errors++; }
      else if (d.Severity === L.DiagnosticSeverity.Warning) { severity = 'warning'; warnings++; }
      else continue; // suggestions / information are not reported
      const { line, col } = d.HasLocation ? position(starts, d.Start) : { line: 1, col: 1 };
      console.log(`${file}:${line}:${col}: ${severity} ${d.Code}: ${d.Message}`);
    }
  }
  console.log(`kql-check: ${args.files.length} file(s), ${errors} error(s), ${warnings} warning(s)`);
  if (ioProblem) return 2;
  return errors > 0 ? 1 : 0;
}

process.exitCode = main();
