// Regenerates lib/participants/un-country-names.json and un-regions.json: the names of countries and areas as
// the United Nations writes them, in its six official languages, and the M49 region (Africa, Americas, Asia,
// Europe, Oceania) of each, with the regions' names, from the UN Statistics Division's M49 table
// ("Standard country or area codes for statistical use", https://unstats.un.org/unsd/methodology/m49/overview/).
// lib/participants/un-country-names.md says where the current file came from: DataHub's copies of the six
// CSV files (commit 25c1991e72a75b8ce494822b50cc6154bdc61a25), read one by one from the stored public copy of
// those files at that commit, which is what the JSON's "via" says.
//
// 1. On that page, download the table once per language (one tab each for Arabic, Chinese, English,
//    French, Russian and Spanish, each with a CSV download) into one folder outside the repository
//    (the CSV files are not committed), named ar.csv, zh.csv, en.csv, fr.csv, ru.csv and es.csv
//    (UNSD-ar.csv … UNSD-cn.csv, as DataHub's country-codes data package keeps them, are accepted too).
// 2. node --import tsx scripts/un-country-names.ts <folder> --retrieved YYYY-MM-DD [--via "how the files were obtained"]
// 3. Review the diff, update un-country-names.md, and run tests/unit/countries.test.ts: it fails on a
//    correction in lib/participants/country-names.ts that the new table has made redundant.
import fs from "node:fs/promises";
import path from "node:path";

const LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh"] as const;
type Language = (typeof LANGUAGES)[number];

const OUTPUT = path.resolve(import.meta.dirname, "../lib/participants/un-country-names.json");
const REGIONS_OUTPUT = path.resolve(import.meta.dirname, "../lib/participants/un-regions.json");
const CODE_COLUMN = "ISO-alpha2 Code";
const NAME_COLUMN = "Country or Area";
const REGION_CODE_COLUMN = "Region Code";
const REGION_NAME_COLUMN = "Region Name";

type Region = { code: string; name: string };

function usage(message: string): never {
  console.error(
    `${message}\nusage: node --import tsx scripts/un-country-names.ts <folder> --retrieved YYYY-MM-DD [--via "how the files were obtained"]`,
  );
  process.exit(2);
}

function parseArguments(argv: readonly string[]): { folder: string; retrieved: string; via: string | undefined } {
  let folder: string | undefined;
  let retrieved: string | undefined;
  let via: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === "--retrieved") retrieved = argv[++index];
    else if (argument === "--via") via = argv[++index];
    else if (argument !== undefined && !argument.startsWith("--") && folder === undefined) folder = argument;
    else usage(`unexpected argument ${argument}`);
  }
  if (folder === undefined) usage("missing <folder>");
  if (retrieved === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(retrieved)) usage("--retrieved YYYY-MM-DD is required");
  return { folder, retrieved, via };
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF); the delimiter is "," or ";", whichever the header uses. */
function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const headerLine = body.slice(0, body.search(/\r?\n/));
  const delimiter = (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index];
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && body[index + 1] === "\n") index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ""));
}

async function readTable(
  folder: string,
  language: Language,
): Promise<{ file: string; names: Map<string, string>; regions: Map<string, Region | undefined> }> {
  const candidates = [`${language}.csv`, `UNSD-${language}.csv`];
  if (language === "zh") candidates.push("cn.csv", "UNSD-cn.csv");
  for (const candidate of candidates) {
    const file = path.join(folder, candidate);
    let text: string;
    try {
      text = await fs.readFile(file, "utf8");
    } catch {
      continue;
    }
    const [header, ...rows] = parseCsv(text);
    const codeIndex = header?.indexOf(CODE_COLUMN) ?? -1;
    const nameIndex = header?.indexOf(NAME_COLUMN) ?? -1;
    const regionCodeIndex = header?.indexOf(REGION_CODE_COLUMN) ?? -1;
    const regionNameIndex = header?.indexOf(REGION_NAME_COLUMN) ?? -1;
    if (codeIndex < 0 || nameIndex < 0) throw new Error(`${file}: no "${CODE_COLUMN}" and "${NAME_COLUMN}" columns`);
    if (regionCodeIndex < 0 || regionNameIndex < 0)
      throw new Error(`${file}: no "${REGION_CODE_COLUMN}" and "${REGION_NAME_COLUMN}" columns`);
    const names = new Map<string, string>();
    const regions = new Map<string, Region | undefined>();
    for (const cells of rows) {
      const code = cells[codeIndex]?.trim() ?? "";
      const name = cells[nameIndex]?.trim() ?? "";
      if (code === "") continue; // M49 areas without an ISO 3166-1 code (e.g. Sark)
      if (!/^[A-Z]{2}$/.test(code)) throw new Error(`${file}: "${code}" is not an ISO 3166-1 alpha-2 code`);
      if (name === "") throw new Error(`${file}: no name for ${code}`);
      if (names.has(code)) throw new Error(`${file}: ${code} appears twice`);
      names.set(code, name);
      const regionCode = cells[regionCodeIndex]?.trim() ?? "";
      const regionName = cells[regionNameIndex]?.trim() ?? "";
      // Antarctica (AQ) belongs to no region.
      if (regionCode !== "" && (!/^\d{3}$/.test(regionCode) || regionName === "")) throw new Error(`${file}: bad region for ${code}`);
      regions.set(code, regionCode === "" ? undefined : { code: regionCode, name: regionName });
    }
    return { file, names, regions };
  }
  throw new Error(`${folder}: none of ${candidates.join(", ")}`);
}

const { folder, retrieved, via } = parseArguments(process.argv.slice(2));
const tables = new Map<Language, Map<string, string>>();
const regionTables = new Map<Language, Map<string, Region | undefined>>();
for (const language of LANGUAGES) {
  const { file, names, regions } = await readTable(folder, language);
  console.log(`${language}: ${names.size} names from ${file}`);
  tables.set(language, names);
  regionTables.set(language, regions);
}

const english = tables.get("en") ?? new Map<string, string>();
const codes = [...english.keys()].sort();
for (const [language, names] of tables) {
  const missing = codes.filter((code) => !names.has(code));
  const extra = [...names.keys()].filter((code) => !english.has(code));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`${language} differs from en: missing ${missing.join(" ") || "none"}, extra ${extra.join(" ") || "none"}`);
  }
}

const output = {
  source:
    "United Nations Statistics Division, Standard country or area codes for statistical use (M49), column 'Country or Area' of its six language versions, https://unstats.un.org/unsd/methodology/m49/overview/",
  retrieved,
  ...(via === undefined ? {} : { via }),
  generator: "scripts/un-country-names.ts",
  names: Object.fromEntries(
    codes.map((code) => [code, Object.fromEntries(LANGUAGES.map((language) => [language, tables.get(language)?.get(code) ?? ""]))]),
  ),
};
await fs.writeFile(OUTPUT, `${JSON.stringify(output, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}: ${codes.length} countries or areas × ${LANGUAGES.length} languages`);

// The regions, in the table's order, each with its name in the six languages and its countries or areas.
const regionsByCode = new Map<string, { code: string; names: Record<Language, string>; countries: string[] }>();
for (const code of english.keys()) {
  const regionCode = regionTables.get("en")?.get(code)?.code;
  if (regionCode === undefined) continue;
  let region = regionsByCode.get(regionCode);
  if (region === undefined) {
    const names = Object.fromEntries(LANGUAGES.map((language) => [language, ""])) as Record<Language, string>;
    region = { code: regionCode, names, countries: [] };
    regionsByCode.set(regionCode, region);
  }
  region.countries.push(code);
  for (const language of LANGUAGES) {
    const entry = regionTables.get(language)?.get(code);
    if (entry?.code !== regionCode) throw new Error(`${language}: ${code} is not in region ${regionCode} as in en`);
    if (region.names[language] === "") region.names[language] = entry.name;
    else if (region.names[language] !== entry.name) throw new Error(`${language}: region ${regionCode} has two names`);
  }
}
const regionsOutput = {
  source:
    "United Nations Statistics Division, Standard country or area codes for statistical use (M49), columns 'Region Code' and 'Region Name' of its six language versions, https://unstats.un.org/unsd/methodology/m49/overview/",
  retrieved,
  ...(via === undefined ? {} : { via }),
  generator: "scripts/un-country-names.ts",
  regions: [...regionsByCode.values()].map((region) => ({ ...region, countries: region.countries.sort() })),
};
await fs.writeFile(REGIONS_OUTPUT, `${JSON.stringify(regionsOutput, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), REGIONS_OUTPUT)}: ${regionsByCode.size} regions`);
