#!/usr/bin/env node
// Turns Kong 3.9's plugin schemas (src/catalog/schema/kong-plugins-3.9.json) into TypeScript
// interfaces, one per plugin config: src/plugins/gen/plugin-configs.ts; and writes the plugin
// table and the list of rules left to Kong (src/catalog/schema/unchecked-rules.json) into the
// marked sections of docs/reference/plugins.md, and the compact plugin table (by scopes and
// edition) into the marked section of README.md. Deterministic: the output depends only on the
// JSON files, and the code is formatted with the project's Prettier settings.
"use strict";
const fs = require("fs");
const path = require("path");
// Loaded when formatting: Prettier 3 starts with a dynamic import, which Jest cannot run.
const prettier = () => require("prettier");

const root = path.resolve(__dirname, "..");
const schemaFile = path.join(root, "src/catalog/schema/kong-plugins-3.9.json");
const uncheckedFile = path.join(root, "src/catalog/schema/unchecked-rules.json");
const docsFile = path.join(root, "docs/reference/plugins.md");
const readmeFile = path.join(root, "README.md");
const defaultTarget = path.join(root, "src/plugins/gen");
const fileName = "plugin-configs.ts";

function pascal(name) {
  return name
    .split(/[-_]/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
}

function docSafe(text) {
  return String(text).replace(/\*\//g, "*\\/");
}

function literal(value) {
  return JSON.stringify(value);
}

/** The TypeScript type of a field; nested records are emitted as named interfaces. */
function tsType(field, recordName, emit, where) {
  switch (field.type) {
    case "string":
    case "number":
    case "integer": {
      if (field.one_of) return field.one_of.map(literal).join(" | ");
      if (field.type !== "string") return "number";
      // A credential is a Secret, never a literal; a URL or a referenceable field may be either.
      if (requiresSecret(field)) return "Secret";
      return field.referenceable || field.encrypted ? "string | Secret" : "string";
    }
    case "boolean":
      return "boolean";
    case "array":
    case "set": {
      // Kong encrypts an encrypted array element by element.
      const elements = {
        ...field.elements,
        encrypted: field.elements.encrypted ?? field.encrypted,
      };
      const element = tsType(elements, recordName, emit, `each element of ${where}`);
      return /[ |]/.test(element) ? `readonly (${element})[]` : `readonly ${element}[]`;
    }
    case "map":
      return `{ readonly [key: string]: ${tsType(field.values, recordName + "Value", emit, `each value of ${where}`)} }`;
    case "record":
      emit(
        recordName,
        field.fields,
        [
          `The record in ${where}.`,
          ...(field.entity_checks || []).map((check) => `Kong also checks: ${check}`),
          ...(field.source ? [`Source: ${field.source}`] : []),
        ],
        where,
      );
      return recordName;
    default:
      throw new Error(`Unknown Kong field type ${field.type}`);
  }
}

/** The same rule as `requiresSecret` in src/secrets/plugin-secrets.ts. */
function requiresSecret(field) {
  return field.type === "string" && field.encrypted === true && field.typedef !== "typedefs.url";
}

function typeName(field) {
  if (field.type === "array" || field.type === "set") {
    return `${field.type} of ${typeName(field.elements)}`;
  }
  if (field.type === "map") return `map of ${typeName(field.keys)} to ${typeName(field.values)}`;
  return field.type;
}

function rules(field) {
  const lines = [];
  if (field.between) lines.push(`Between ${field.between[0]} and ${field.between[1]}.`);
  if (field.gt !== undefined) lines.push(`Greater than ${field.gt}.`);
  if (field.len_min !== undefined) lines.push(`Length at least ${field.len_min}.`);
  if (field.len_max !== undefined) lines.push(`Length at most ${field.len_max}.`);
  if (field.starts_with !== undefined) lines.push(`Starts with ${literal(field.starts_with)}.`);
  if (field.match !== undefined) {
    lines.push(
      `Matches the Lua pattern \`${field.match}\`${field.err ? ` (else: ${field.err})` : ""}.`,
    );
  }
  for (const rule of field.match_all || []) {
    lines.push(`Matches the Lua pattern \`${rule.pattern}\` (else: ${rule.err}).`);
  }
  for (const rule of field.match_none || []) {
    lines.push(`Does not match the Lua pattern \`${rule.pattern}\` (else: ${rule.err}).`);
  }
  if (field.match_any) {
    const patterns = field.match_any.patterns.map((p) => `\`${p}\``).join(", ");
    lines.push(`Matches one of the Lua patterns ${patterns} (else: ${field.match_any.err}).`);
  }
  if (field.not_one_of) lines.push(`None of ${field.not_one_of.map(literal).join(", ")}.`);
  if (field.is_regex) lines.push("A regular expression.");
  if (field.typedef) lines.push(`Kong typedef: ${field.typedef}.`);
  if (field.custom_validator) lines.push(`Kong also validates: ${field.custom_validator}.`);
  if (requiresSecret(field)) lines.push("A credential: a `Secret` only, never a literal.");
  else if (field.type === "string" && (field.referenceable || field.encrypted))
    lines.push("Takes a `Secret` (a sensitive variable or a Kong vault reference).");
  if (field.encrypted) lines.push("Encrypted at rest by Kong (Enterprise keyring).");
  return lines;
}

function fieldDoc(field) {
  const lines = [];
  if (field.notes) lines.push(`${field.notes}`);
  const required = field.required
    ? field.default !== undefined
      ? ", required (Kong fills in the default)"
      : ", required"
    : "";
  lines.push(`Kong type: ${typeName(field)}${required}.`);
  lines.push(...rules(field));
  for (const [part, label] of [
    ["elements", "Each element"],
    ["keys", "Each key"],
    ["values", "Each value"],
  ]) {
    const sub =
      part === "elements" && field.elements
        ? { ...field.elements, encrypted: field.elements.encrypted ?? field.encrypted }
        : field[part];
    if (!sub) continue;
    for (const line of rules(sub)) lines.push(`${label}: ${line}`);
    if (sub.notes) lines.push(`${label}: ${sub.notes}`);
  }
  if (field.auto) lines.push("Kong generates it when it is missing.");
  if (field.default !== undefined) lines.push(`@default ${literal(field.default)}`);
  if (field.deprecated) lines.push(`@deprecated ${field.deprecated}`);
  return lines;
}

function docBlock(lines, indent) {
  if (lines.length === 0) return "";
  const body = lines.map((line) => `${indent} * ${docSafe(line)}`.trimEnd()).join("\n");
  return `${indent}/**\n${body}\n${indent} */\n`;
}

/** Kong fills in defaults, generates `auto` fields and builds missing records: only the rest is mandatory. */
function isOptional(field) {
  if (field.required !== true || field.default !== undefined || field.auto) return true;
  if (field.type === "record") return Object.values(field.fields).every(isOptional);
  return false;
}

function render(catalog) {
  const blocks = [];
  const emitted = new Set();
  const emit = (name, fields, doc, where) => {
    if (emitted.has(name)) throw new Error(`Duplicate interface name ${name}`);
    emitted.add(name);
    const members = [];
    for (const [fieldName, field] of Object.entries(fields)) {
      const recordName = name.replace(/Config$/, "") + pascal(fieldName) + "Config";
      const type = tsType(field, recordName, emit, `${where}.${fieldName}`);
      const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(fieldName) ? fieldName : literal(fieldName);
      members.push(
        `${docBlock(fieldDoc(field), "  ")}  readonly ${key}${isOptional(field) ? "?" : ""}: ${type};`,
      );
    }
    // A record without fields (acme's storage_config.kong) takes only an empty object.
    blocks.push(
      members.length === 0
        ? `${docBlock(doc, "")}export type ${name} = Readonly<Record<string, never>>;\n`
        : `${docBlock(doc, "")}export interface ${name} {\n${members.join("\n")}\n}\n`,
    );
  };

  const names = Object.keys(catalog.plugins);
  for (const plugin of names) {
    const schema = catalog.plugins[plugin];
    const scopes = ["route", "service", "consumer"].filter((s) => schema.scopes[s]);
    const doc = [
      `Config of the Kong plugin \`${plugin}\` (${schema.edition === "oss" ? "Kong OSS" : "Kong Enterprise only"}${
        schema.handler ? `, priority ${schema.handler.priority}` : ""
      }).`,
      "",
      `Attach to: ${scopes.length ? scopes.join(", ") : "nothing"} (or globally).`,
      `Protocols: ${schema.protocols_allowed.join(", ")}; default ${schema.protocols_default.join(", ")}.`,
    ];
    if (schema.partial) {
      doc.push(
        `Partial: lists ${Object.keys(schema.config).length} of the ${schema.config_field_count_total_3_9} fields of Kong's schema.`,
      );
    }
    for (const check of schema.entity_checks) doc.push(`Kong also checks: ${check}`);
    doc.push(`Source: ${schema.source}`);
    emit(`${pascal(plugin)}PluginConfig`, schema.config, doc, `${plugin} config`);
  }
  const map = names.map((n) => `  readonly ${literal(n)}: ${pascal(n)}PluginConfig;`).join("\n");
  return [
    "// Generated by scripts/generate-plugin-types.js from src/catalog/schema/kong-plugins-3.9.json.",
    `// Kong ${catalog.kong_version}. Do not edit: run \`npm run gen:plugins\`.`,
    "",
    'import type { Secret } from "../../common";',
    "",
    ...blocks,
    "/** Every plugin config, by plugin name. */",
    `export interface PluginConfigs {\n${map}\n}\n`,
    "/** The name of a plugin this project knows. */",
    "export type PluginName = keyof PluginConfigs;",
    "",
  ].join("\n");
}

const SCOPES = ["service", "route", "consumer"];

/** A markdown table cell: pipes escaped, code in backticks. */
function cell(text) {
  return String(text).replace(/\|/g, "\\|");
}

/** The plugin table: every plugin, its edition, where it may be attached, its priority and phases. */
function renderPluginTable(catalog) {
  const rows = Object.keys(catalog.plugins)
    .sort()
    .map((name) => {
      const schema = catalog.plugins[name];
      const scopes = ["global", ...SCOPES.filter((s) => schema.scopes[s])].join(", ");
      const edition = schema.edition === "oss" ? "OSS" : "Enterprise";
      const priority = schema.handler ? String(schema.handler.priority) : "—";
      const phases = schema.handler ? schema.handler.phases.join(", ") : "—";
      return `| \`${name}\` | ${edition} | ${scopes} | ${priority} | ${phases} |`;
    });
  const count = (edition) =>
    Object.values(catalog.plugins).filter((p) => p.edition === edition).length;
  return [
    `Kong ${catalog.kong_version}: ${rows.length} plugins, ${count("oss")} in Kong OSS and ${count("enterprise")} only in Kong Enterprise (an OSS Kong does not have those). A plugin is always allowed globally; the table says which entities an instance may also be scoped to.`,
    "",
    "| Plugin | Edition | Attach to | Priority | Phases |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** Where each unchecked rule of the catalog applies: plugin, place and rule, in catalog order. */
function uncheckedPlaces(catalog, unchecked) {
  const out = [];
  const reasonOf = (text) =>
    unchecked.field_validators[text] ?? unchecked.partly_checked_field_validators[text];
  const walk = (plugin, field, where) => {
    if (field.custom_validator !== undefined && reasonOf(field.custom_validator) !== undefined)
      out.push({
        plugin,
        path: where,
        rule: field.custom_validator,
        reason: reasonOf(field.custom_validator),
      });
    if (field.unique)
      out.push({ plugin, path: where, rule: "unique", reason: unchecked.attributes.unique });
    for (const check of field.entity_checks || []) {
      if (unchecked.entity_checks[check] !== undefined)
        out.push({ plugin, path: where, rule: check, reason: unchecked.entity_checks[check] });
    }
    if (field.elements) walk(plugin, field.elements, `${where}[]`);
    if (field.values) walk(plugin, field.values, `${where}{}`);
    for (const [name, sub] of Object.entries(field.fields || {}))
      walk(plugin, sub, `${where}.${name}`);
  };
  for (const [plugin, schema] of Object.entries(catalog.plugins)) {
    for (const check of schema.entity_checks) {
      if (unchecked.entity_checks[check] !== undefined)
        out.push({ plugin, path: "config", rule: check, reason: unchecked.entity_checks[check] });
    }
    for (const [name, field] of Object.entries(schema.config))
      walk(plugin, field, `config.${name}`);
  }
  return out;
}

/** The rules synth leaves to Kong, one row per rule, with the places it applies to. */
function renderUncheckedRules(catalog, unchecked) {
  const byRule = new Map();
  for (const place of uncheckedPlaces(catalog, unchecked)) {
    const entry = byRule.get(place.rule) || { reason: place.reason, places: [] };
    entry.places.push(`${place.plugin} \`${place.path}\``);
    byRule.set(place.rule, entry);
  }
  // In code spans, so that Markdown shows the summaries' <name> placeholders as written.
  const rows = [...byRule].map(
    ([rule, { reason, places }]) =>
      `| \`${cell(rule)}\` | ${cell(places.join(", "))} | ${cell(reason)} |`,
  );
  return [
    "Every other rule of the catalogue is checked at synth. These are left to Kong, which applies them when Terraform sends the config:",
    "",
    "| Kong's rule (as the catalogue summarises it) | Where | Why synth cannot check it |",
    "| --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/**
 * The README's plugin table: one row per combination of scopes and edition, naming its plugins,
 * so that all of them fit in a few lines (the full table is in docs/reference/plugins.md).
 */
function renderPluginScopes(catalog) {
  const groups = new Map();
  for (const name of Object.keys(catalog.plugins).sort()) {
    const schema = catalog.plugins[name];
    const scopes = ["global", ...SCOPES.filter((s) => schema.scopes[s])].join(" · ");
    const edition = schema.edition === "oss" ? "OSS" : "Enterprise";
    const key = `${scopes} | ${edition}`;
    groups.set(key, [...(groups.get(key) || []), `\`${name}\``]);
  }
  // The widest scope set first, OSS before Enterprise within it.
  const rank = (key) => -2 * key.split(" · ").length + (key.endsWith("| OSS") ? 0 : 1);
  const rows = [...groups]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([key, names]) => `| ${key} | ${names.join(", ")} |`);
  return [
    `The ${Object.keys(catalog.plugins).length} plugins of Kong ${catalog.kong_version}, by where \`addPlugin\` may attach them and the edition that has them ([each plugin](docs/reference/plugins.md)):`,
    "",
    "| Attach to | Edition | Plugins |",
    "| --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** Each generated document and its marked sections: [name, render] pairs. */
const DOCUMENTS = [
  {
    file: docsFile,
    sections: [
      ["plugin-table", renderPluginTable],
      ["unchecked-rules", renderUncheckedRules],
    ],
  },
  { file: readmeFile, sections: [["plugin-scopes", renderPluginScopes]] },
];

function documentOf(file) {
  const document = DOCUMENTS.find((d) => d.file === file);
  if (!document) throw new Error(`${path.relative(root, file)} has no generated sections`);
  return document;
}

function startMarker(name) {
  return `<!-- ${name}: generated by npm run gen:plugins; do not edit -->`;
}

function endMarker(name) {
  return `<!-- end of ${name} -->`;
}

/**
 * A generated document (the docs page unless named) with its marked sections rendered again,
 * formatted as Prettier formats it.
 */
async function renderDocs(markdown, catalog, unchecked, file = docsFile) {
  let text = markdown;
  for (const [name, render] of documentOf(file).sections) {
    const start = text.indexOf(startMarker(name));
    const end = text.indexOf(endMarker(name));
    if (start < 0 || end < start)
      throw new Error(`${path.relative(root, file)} has no ${name} markers`);
    const section = render(catalog, unchecked);
    text = `${text.slice(0, start)}${startMarker(name)}\n\n${section}\n\n${text.slice(end)}`;
  }
  const options = await prettier().resolveConfig(file);
  return prettier().format(text, { ...options, parser: "markdown" });
}

/** Every generated document written again; the ones that exist. */
async function writeDocs(catalog, unchecked) {
  const written = [];
  for (const { file } of DOCUMENTS) {
    if (!fs.existsSync(file)) continue;
    fs.writeFileSync(
      file,
      await renderDocs(fs.readFileSync(file, "utf8"), catalog, unchecked, file),
    );
    written.push(file);
  }
  return written;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

async function generate(targetDir) {
  const catalog = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
  const outFile = path.join(targetDir, fileName);
  const options = await prettier().resolveConfig(path.join(defaultTarget, fileName));
  const text = await prettier().format(render(catalog), { ...options, parser: "typescript" });
  fs.mkdirSync(targetDir, { recursive: true });
  fs.writeFileSync(outFile, text);
  return outFile;
}

module.exports = {
  generate,
  render,
  renderDocs,
  docsFile,
  readmeFile,
  uncheckedPlaces,
  readCatalogs: () => ({ catalog: readJson(schemaFile), unchecked: readJson(uncheckedFile) }),
};

if (require.main === module && process.argv[2] === "--print-docs") {
  // A generated document (the docs page, or the one named from the project root) as
  // `npm run gen:plugins` would write it, for the test that it is current.
  const file = process.argv[3] ? path.resolve(root, process.argv[3]) : docsFile;
  const { catalog, unchecked } = module.exports.readCatalogs();
  Promise.resolve()
    .then(() => renderDocs(fs.readFileSync(file, "utf8"), catalog, unchecked, file))
    .then(
      (markdown) => process.stdout.write(markdown),
      (error) => {
        console.error(`Could not render ${path.relative(root, file)}: ${error.message}`);
        process.exit(1);
      },
    );
} else if (require.main === module) {
  const target = process.argv[2] ? path.resolve(process.argv[2]) : defaultTarget;
  generate(target).then(
    (file) => {
      console.log(`Kong plugin config types written to ${path.relative(root, file)}`);
      // The docs page is the project's own; a target folder (the freshness test) leaves it alone.
      if (process.argv[2]) return undefined;
      return writeDocs(readJson(schemaFile), readJson(uncheckedFile)).then((docs) => {
        for (const doc of docs) console.log(`Plugin table written to ${path.relative(root, doc)}`);
      });
    },
    (error) => {
      console.error(`Could not generate the Kong plugin config types: ${error.message}`);
      process.exit(1);
    },
  );
}
