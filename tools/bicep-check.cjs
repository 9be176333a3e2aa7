#!/usr/bin/env node
'use strict';
/*
 * bicep-check: parse Bicep files with the tree-sitter Bicep grammar (tree-sitter-bicep's WASM build,
 * loaded by web-tree-sitter) and report what can be checked without the Bicep compiler:
 *
 *   syntax       ERROR and MISSING nodes of the parse
 *   module       a local module path ('modules/x.bicep') that does not exist
 *   load         a loadTextContent/loadJsonContent/... path that does not exist
 *   module-param a parameter passed to a local module that it does not declare, or a required one
 *                (no default, not nullable) that is not passed
 *   module-output  <module>.outputs.<name> where the module declares no such output
 *   undeclared   a symbol used in an expression that is declared nowhere in scope (typos)
 *   duplicate    two top-level declarations with the same name
 *
 * Usage: node tools/bicep-check.cjs <file.bicep|directory>...     (directories: every *.bicep below)
 *        node tools/bicep-check.cjs --ast <file.bicep|directory>...  (parse trees as JSON {file: tree}, for tests)
 *
 * Each problem prints as <file>:<line>:<col>: error <code>: <message>, then a summary line.
 * Exit codes: 0 no problems, 1 at least one problem, 2 usage / IO problem.
 */
const fs = require('fs');
const path = require('path');

const USAGE = 'usage: node tools/bicep-check.cjs [--ast] <file.bicep|dir>...';
const LOAD_FUNCTIONS = new Set(['loadTextContent', 'loadJsonContent', 'loadYamlContent', 'loadFileAsBase64']);
const NAMESPACES = new Set(['az', 'sys']);
const DECLARATIONS = new Set(['parameter_declaration', 'variable_declaration', 'resource_declaration',
  'module_declaration', 'output_declaration', 'type_declaration', 'metadata_declaration']);
const REFERENCEABLE = new Set(['parameter_declaration', 'variable_declaration', 'resource_declaration',
  'module_declaration', 'type_declaration']);
const TYPE_NODES = new Set(['type', 'union_type', 'nullable_type', 'array_type', 'parameterized_type',
  'parenthesized_type', 'negated_type', 'type_arguments', 'nullable_return_type']);

class UsageError extends Error {}

async function loadParser() {
  const Parser = require('web-tree-sitter');
  await Parser.init();
  const wasm = require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm');
  const language = await Parser.Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e.message}`);
  }
}

function bicepFiles(args) {
  const files = [];
  const walk = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      throw new UsageError(`cannot read ${p}: ${e.message}`);
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) {
        if (entry !== 'node_modules' && !entry.startsWith('.')) {
          const child = path.join(p, entry);
          if (fs.statSync(child).isDirectory() || entry.endsWith('.bicep')) walk(child);
        }
      }
    } else {
      files.push(p);
    }
  };
  args.forEach(walk);
  return files;
}

/** The value of a string literal without interpolation, or null. */
function literal(node) {
  if (!node || node.type !== 'string') return null;
  if (node.namedChildren.some((c) => c.type === 'interpolation')) return null;
  const raw = node.text;
  if (raw.startsWith("'''")) return raw.slice(3, -3);
  return raw.slice(1, -1).replace(/\\(.)/g, (m, c) => ({ n: '\n', r: '\r', t: '\t', $: '$' }[c] ?? c));
}

function declaredName(declaration) {
  const id = declaration.namedChildren.find((c) => c.type === 'identifier');
  return id ? id.text : null;
}

/** The object body of a resource or module declaration (inside `if (...)` or `[for ...: {...}]` too). */
function bodyObject(declaration) {
  for (const c of declaration.namedChildren) {
    if (c.type === 'object') return c;
    if (c.type === 'if_statement') return c.namedChildren.find((x) => x.type === 'object') || null;
    if (c.type === 'for_statement') {
      const body = c.childForFieldName('body');
      if (body && body.type === 'object') return body;
      if (body && body.type === 'if_statement') return body.namedChildren.find((x) => x.type === 'object') || null;
    }
  }
  return null;
}

function propertyKey(prop) {
  const key = prop.namedChildren[0];
  if (!key) return null;
  if (key.type === 'string') return literal(key);
  return key.text;
}

function property(object, name) {
  if (!object) return null;
  for (const prop of object.namedChildren) {
    if (prop.type === 'object_property' && propertyKey(prop) === name) return prop.namedChildren[1] || null;
  }
  return null;
}

/** Parameters and outputs a local module file declares. */
function moduleInterface(parser, file, cache) {
  if (cache.has(file)) return cache.get(file);
  const tree = parser.parse(readText(file));
  const params = new Map();
  const outputs = new Set();
  for (const node of tree.rootNode.namedChildren) {
    if (node.type === 'parameter_declaration') {
      const type = node.namedChildren.find((c) => c.type === 'type');
      const nullable = !!(type && type.namedChildren.some((c) => c.type === 'nullable_type'));
      const hasDefault = node.namedChildren.length > 2 || (node.namedChildren.length === 2 && !type);
      params.set(declaredName(node), { required: !hasDefault && !nullable });
    } else if (node.type === 'output_declaration') {
      outputs.add(declaredName(node));
    }
  }
  const result = { params, outputs };
  cache.set(file, result);
  return result;
}

function position(node) {
  return { line: node.startPosition.row + 1, col: node.startPosition.column + 1 };
}

class FileCheck {
  constructor(parser, file, interfaces) {
    this.parser = parser;
    this.file = file;
    this.dir = path.dirname(file);
    this.interfaces = interfaces;
    this.problems = [];
  }

  report(node, code, message) {
    const { line, col } = position(node);
    this.problems.push({ line, col, text: `${this.file}:${line}:${col}: error ${code}: ${message}` });
  }

  run() {
    const tree = this.parser.parse(readText(this.file));
    this.syntax(tree.rootNode);
    if (this.problems.length > 0) return this.problems; // references are meaningless in a broken tree
    const symbols = this.topLevelSymbols(tree.rootNode);
    this.modules = new Map();
    for (const node of tree.rootNode.namedChildren) {
      if (node.type === 'module_declaration') this.moduleDeclaration(node);
    }
    this.walk(tree.rootNode, [symbols]);
    return this.problems.sort((a, b) => a.line - b.line || a.col - b.col);
  }

  syntax(node) {
    if (node.isMissing) {
      this.report(node, 'syntax', `missing ${node.type}`);
      return;
    }
    if (node.type === 'ERROR') {
      const snippet = node.text.split(/\r?\n/)[0].slice(0, 60);
      this.report(node, 'syntax', `cannot parse '${snippet}'`);
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) this.syntax(child);
  }

  topLevelSymbols(root) {
    const symbols = new Set();
    const seen = new Map();
    const add = (name, node) => {
      if (!name) return;
      if (seen.has(name)) this.report(node, 'duplicate', `'${name}' is declared twice (first on line ${seen.get(name)})`);
      else seen.set(name, position(node).line);
      symbols.add(name);
    };
    for (const node of root.namedChildren) {
      if (REFERENCEABLE.has(node.type)) add(declaredName(node), node);
      else if (node.type === 'user_defined_function') add(node.childForFieldName('name').text, node);
      else if (node.type === 'import_functionality' || node.type === 'import_statement'
        || node.type === 'import_with_statement') {
        node.namedChildren.filter((c) => c.type === 'identifier').forEach((c) => add(c.text, c));
      }
    }
    // Nested (child) resources are referenced by their own name inside the parent's body.
    for (const nested of root.descendantsOfType('resource_declaration')) {
      if (nested.parent && nested.parent.type === 'object_property') symbols.add(declaredName(nested));
    }
    return symbols;
  }

  moduleDeclaration(node) {
    const name = declaredName(node);
    const pathNode = node.namedChildren.find((c) => c.type === 'string');
    const target = literal(pathNode);
    if (target === null || /^(br[:/]|ts[:/])/.test(target)) return;
    const file = path.resolve(this.dir, target);
    if (!fs.existsSync(file)) {
      this.report(pathNode, 'module', `module file '${target}' does not exist`);
      return;
    }
    let iface;
    try {
      iface = moduleInterface(this.parser, file, this.interfaces);
    } catch (e) {
      this.report(pathNode, 'module', e.message);
      return;
    }
    this.modules.set(name, { target, iface });
    const params = property(bodyObject(node), 'params');
    if (!params || params.type !== 'object') {
      if (!params) {
        for (const [p, info] of iface.params) {
          if (info.required) this.report(node, 'module-param', `module '${name}' (${target}) needs parameter '${p}'`);
        }
      }
      return;
    }
    const passed = new Set();
    for (const prop of params.namedChildren) {
      if (prop.type !== 'object_property') continue;
      const key = propertyKey(prop);
      passed.add(key);
      if (!iface.params.has(key)) {
        this.report(prop, 'module-param', `module '${name}' (${target}) has no parameter '${key}'`);
      }
    }
    for (const [p, info] of iface.params) {
      if (info.required && !passed.has(p)) {
        this.report(params, 'module-param', `module '${name}' (${target}) needs parameter '${p}'`);
      }
    }
  }

  walk(node, scopes) {
    switch (node.type) {
      case 'for_statement': {
        const local = new Set();
        const init = node.childForFieldName('initializer');
        if (init && init.type === 'identifier') local.add(init.text);
        const params = node.namedChildren.find((c) => c.type === 'for_loop_parameters');
        if (params) params.namedChildren.forEach((c) => local.add(c.text));
        const body = node.childForFieldName('body');
        for (const child of node.namedChildren) {
          if ((init && child.id === init.id) || (params && child.id === params.id)) continue;
          this.walk(child, body && child.id === body.id ? [...scopes, local] : scopes);
        }
        return;
      }
      case 'lambda_expression': {
        const [head, ...rest] = node.namedChildren;
        const local = new Set();
        if (head && head.type === 'identifier') local.add(head.text);
        if (head && head.type === 'parenthesized_expression') head.namedChildren.forEach((c) => local.add(c.text));
        rest.forEach((c) => this.walk(c, [...scopes, local]));
        return;
      }
      case 'user_defined_function': {
        const local = new Set();
        const params = node.namedChildren.find((c) => c.type === 'parameters');
        if (params) params.namedChildren.forEach((p) => local.add(declaredName(p)));
        const body = node.namedChildren[node.namedChildren.length - 1];
        this.walk(body, [...scopes, local]);
        return;
      }
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        const args = node.childForFieldName('arguments');
        if (fn && fn.type !== 'identifier') this.walk(fn, scopes);
        if (fn && fn.type === 'identifier' && LOAD_FUNCTIONS.has(fn.text) && args) this.loadPath(fn.text, args);
        if (args) this.walk(args, scopes);
        return;
      }
      case 'object_property': {
        // The key is a name, not a reference; the value is an expression (or a nested resource).
        node.namedChildren.slice(1).forEach((c) => this.walk(c, scopes));
        return;
      }
      case 'member_expression': {
        this.moduleOutput(node);
        this.walk(node.childForFieldName('object'), scopes);
        return;
      }
      case 'resource_expression': {
        this.walk(node.childForFieldName('object'), scopes);
        return;
      }
      case 'identifier': {
        this.reference(node, scopes);
        return;
      }
      default:
        break;
    }
    if (TYPE_NODES.has(node.type) || node.type === 'import_functionality' || node.type === 'import_statement'
      || node.type === 'import_with_statement' || node.type === 'assert_statement') {
      return;
    }
    const children = node.namedChildren;
    const skipFirst = DECLARATIONS.has(node.type) || node.type === 'parameter';
    children.forEach((child, i) => {
      if (skipFirst && i === 0 && child.type === 'identifier') return;
      this.walk(child, scopes);
    });
  }

  reference(node, scopes) {
    const name = node.text;
    if (NAMESPACES.has(name)) return;
    // The grammar splits a call that starts an array item, `[\n  f().x\n]`, into `f` and `().x`.
    const next = node.nextSibling;
    if (next && next.startIndex === node.endIndex && next.text.startsWith('(')) return;
    if (scopes.some((s) => s.has(name))) return;
    this.report(node, 'undeclared', `'${name}' is not declared`);
  }

  loadPath(fn, args) {
    const first = args.namedChildren[0];
    const target = literal(first);
    if (target === null) return;
    if (!fs.existsSync(path.resolve(this.dir, target))) {
      this.report(first, 'load', `${fn}: file '${target}' does not exist`);
    }
  }

  moduleOutput(node) {
    // <module>.outputs.<name>, or <module>[i].outputs.<name>
    const middle = node.childForFieldName('object');
    if (!middle || middle.type !== 'member_expression') return;
    if (middle.childForFieldName('property').text !== 'outputs') return;
    let symbol = middle.childForFieldName('object');
    if (symbol.type === 'subscript_expression') symbol = symbol.childForFieldName('object');
    if (symbol.type !== 'identifier' || !this.modules.has(symbol.text)) return;
    const { target, iface } = this.modules.get(symbol.text);
    const output = node.childForFieldName('property').text;
    if (!iface.outputs.has(output)) {
      this.report(node.childForFieldName('property'), 'module-output',
        `module '${symbol.text}' (${target}) has no output '${output}'`);
    }
  }
}

function astJson(node, field) {
  const out = { type: node.type, line: node.startPosition.row + 1 };
  if (field) out.field = field;
  if (node.namedChildCount === 0) out.text = node.text;
  if (node.type === 'string') out.value = literal(node);
  const children = [];
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child.isNamed) children.push(astJson(child, node.fieldNameForChild(i)));
  }
  if (children.length > 0) out.children = children;
  return out;
}

async function main(argv) {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help') {
    console.log(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let parser;
  try {
    parser = await loadParser();
  } catch (e) {
    console.error(`bicep-check: cannot load the Bicep grammar (npm ci --prefix tools): ${e.message}`);
    return 2;
  }
  try {
    if (argv[0] === '--ast') {
      const files = bicepFiles(argv.slice(1));
      if (files.length === 0) throw new UsageError('--ast: no .bicep files found');
      const trees = {};
      let broken = false;
      for (const file of files) {
        const tree = parser.parse(readText(file));
        trees[file] = astJson(tree.rootNode, null);
        broken = broken || tree.rootNode.hasError;
      }
      process.stdout.write(JSON.stringify(trees));
      return broken ? 1 : 0;
    }
    const files = bicepFiles(argv);
    if (files.length === 0) throw new UsageError('no .bicep files found');
    const interfaces = new Map();
    let problems = 0;
    for (const file of files) {
      for (const p of new FileCheck(parser, file, interfaces).run()) {
        console.log(p.text);
        problems++;
      }
    }
    console.log(`bicep-check: ${files.length} file(s), ${problems} problem(s)`);
    return problems > 0 ? 1 : 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`bicep-check: ${e.message}`);
    console.error(USAGE);
    return 2;
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
  console.error(`bicep-check: ${e.stack || e}`);
  process.exitCode = 2;
});
