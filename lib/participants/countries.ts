/**
 * Country data for registration.
 *
 * Sources (checked 2026-11-26):
 * - ISO 3166-1 alpha-2: the 249 officially assigned codes of the ISO 3166
 *   Maintenance Agency (https://www.iso.org/iso-3166-country-codes.html,
 *   Online Browsing Platform https://www.iso.org/obp/ui/#search). Exceptionally,
 *   transitionally, indeterminately reserved and user-assigned codes (e.g. "EU",
 *   "UK", "XK", "ZZ") are NOT included.
 * - ITU Member States: the Wikipedia article "Member states of the
 *   International Telecommunication Union" and the ITU press release below;
 *   the authoritative list is ITU's "Member States" page
 *   (https://www.itu.int/online/mm/scripts/gensel8).
 *   ITU has 194 Member States: the 193 UN member states plus the Vatican City
 *   State (Holy See). Palau, the last UN member outside ITU, acceded on
 *   2024-09-19 as the 194th Member State (ITU press release "The Republic
 *   of Palau becomes ITU's 194th Member State", 2024-09-19,
 *   https://www.itu.int/en/mediacentre/Pages/PR-2024-09-19-the-Republic-of-Palau-becomes-ITUs-194th-Member-State.aspx),
 *   so older "193 Member States" figures are out of date.
 *   Not ITU Member States (among others): Palestine ("PS", observer), Taiwan
 *   ("TW"), Kosovo (no ISO code), Cook Islands ("CK"), Niue ("NU"), Western
 *   Sahara ("EH"), Hong Kong ("HK") and Macao ("MO"), and all dependent
 *   territories (e.g. "GL", "PR", "FO", "AW").
 *
 * ITU_MEMBER_STATE_CODES decides who may register: re-check it against the
 * ITU list whenever membership changes.
 */

/** All officially assigned ISO 3166-1 alpha-2 codes, uppercase, sorted. */
// count: 249
export const ISO_COUNTRY_CODES: readonly string[] = Object.freeze([
  "AD",
  "AE",
  "AF",
  "AG",
  "AI",
  "AL",
  "AM",
  "AO",
  "AQ",
  "AR",
  "AS",
  "AT",
  "AU",
  "AW",
  "AX",
  "AZ",
  "BA",
  "BB",
  "BD",
  "BE",
  "BF",
  "BG",
  "BH",
  "BI",
  "BJ",
  "BL",
  "BM",
  "BN",
  "BO",
  "BQ",
  "BR",
  "BS",
  "BT",
  "BV",
  "BW",
  "BY",
  "BZ",
  "CA",
  "CC",
  "CD",
  "CF",
  "CG",
  "CH",
  "CI",
  "CK",
  "CL",
  "CM",
  "CN",
  "CO",
  "CR",
  "CU",
  "CV",
  "CW",
  "CX",
  "CY",
  "CZ",
  "DE",
  "DJ",
  "DK",
  "DM",
  "DO",
  "DZ",
  "EC",
  "EE",
  "EG",
  "EH",
  "ER",
  "ES",
  "ET",
  "FI",
  "FJ",
  "FK",
  "FM",
  "FO",
  "FR",
  "GA",
  "GB",
  "GD",
  "GE",
  "GF",
  "GG",
  "GH",
  "GI",
  "GL",
  "GM",
  "GN",
  "GP",
  "GQ",
  "GR",
  "GS",
  "GT",
  "GU",
  "GW",
  "GY",
  "HK",
  "HM",
  "HN",
  "HR",
  "HT",
  "HU",
  "ID",
  "IE",
  "IL",
  "IM",
  "IN",
  "IO",
  "IQ",
  "IR",
  "IS",
  "IT",
  "JE",
  "JM",
  "JO",
  "JP",
  "KE",
  "KG",
  "KH",
  "KI",
  "KM",
  "KN",
  "KP",
  "KR",
  "KW",
  "KY",
  "KZ",
  "LA",
  "LB",
  "LC",
  "LI",
  "LK",
  "LR",
  "LS",
  "LT",
  "LU",
  "LV",
  "LY",
  "MA",
  "MC",
  "MD",
  "ME",
  "MF",
  "MG",
  "MH",
  "MK",
  "ML",
  "MM",
  "MN",
  "MO",
  "MP",
  "MQ",
  "MR",
  "MS",
  "MT",
  "MU",
  "MV",
  "MW",
  "MX",
  "MY",
  "MZ",
  "NA",
  "NC",
  "NE",
  "NF",
  "NG",
  "NI",
  "NL",
  "NO",
  "NP",
  "NR",
  "NU",
  "NZ",
  "OM",
  "PA",
  "PE",
  "PF",
  "PG",
  "PH",
  "PK",
  "PL",
  "PM",
  "PN",
  "PR",
  "PS",
  "PT",
  "PW",
  "PY",
  "QA",
  "RE",
  "RO",
  "RS",
  "RU",
  "RW",
  "SA",
  "SB",
  "SC",
  "SD",
  "SE",
  "SG",
  "SH",
  "SI",
  "SJ",
  "SK",
  "SL",
  "SM",
  "SN",
  "SO",
  "SR",
  "SS",
  "ST",
  "SV",
  "SX",
  "SY",
  "SZ",
  "TC",
  "TD",
  "TF",
  "TG",
  "TH",
  "TJ",
  "TK",
  "TL",
  "TM",
  "TN",
  "TO",
  "TR",
  "TT",
  "TV",
  "TW",
  "TZ",
  "UA",
  "UG",
  "UM",
  "US",
  "UY",
  "UZ",
  "VA",
  "VC",
  "VE",
  "VG",
  "VI",
  "VN",
  "VU",
  "WF",
  "WS",
  "YE",
  "YT",
  "ZA",
  "ZM",
  "ZW",
]);

/** ISO 3166-1 alpha-2 codes of the ITU Member States, uppercase, sorted. */
// count: 194
export const ITU_MEMBER_STATE_CODES: readonly string[] = Object.freeze([
  "AD",
  "AE",
  "AF",
  "AG",
  "AL",
  "AM",
  "AO",
  "AR",
  "AT",
  "AU",
  "AZ",
  "BA",
  "BB",
  "BD",
  "BE",
  "BF",
  "BG",
  "BH",
  "BI",
  "BJ",
  "BN",
  "BO", // Bolivia (Plurinational State of)
  "BR",
  "BS",
  "BT",
  "BW",
  "BY",
  "BZ",
  "CA",
  "CD", // Democratic Republic of the Congo
  "CF",
  "CG", // Republic of the Congo
  "CH",
  "CI", // Côte d'Ivoire
  "CL",
  "CM",
  "CN",
  "CO",
  "CR",
  "CU",
  "CV", // Cabo Verde
  "CY",
  "CZ", // Czech Republic (Czechia)
  "DE",
  "DJ",
  "DK",
  "DM",
  "DO",
  "DZ",
  "EC",
  "EE",
  "EG",
  "ER",
  "ES",
  "ET",
  "FI",
  "FJ",
  "FM", // Micronesia (Federated States of)
  "FR",
  "GA",
  "GB",
  "GD",
  "GE",
  "GH",
  "GM",
  "GN",
  "GQ",
  "GR",
  "GT",
  "GW",
  "GY",
  "HN",
  "HR",
  "HT",
  "HU",
  "ID",
  "IE",
  "IL",
  "IN",
  "IQ",
  "IR", // Iran (Islamic Republic of)
  "IS",
  "IT",
  "JM",
  "JO",
  "JP",
  "KE",
  "KG",
  "KH",
  "KI",
  "KM",
  "KN",
  "KP", // Democratic People's Republic of Korea
  "KR", // Republic of Korea
  "KW",
  "KZ",
  "LA", // Lao People's Democratic Republic
  "LB",
  "LC",
  "LI", // Liechtenstein: ITU Member State since 1963-07-25 (UN member only since 1990)
  "LK",
  "LR",
  "LS",
  "LT",
  "LU",
  "LV",
  "LY",
  "MA",
  "MC",
  "MD", // Republic of Moldova
  "ME",
  "MG",
  "MH",
  "MK", // North Macedonia
  "ML",
  "MM", // Myanmar
  "MN",
  "MR",
  "MT",
  "MU",
  "MV",
  "MW",
  "MX",
  "MY",
  "MZ",
  "NA",
  "NE",
  "NG",
  "NI",
  "NL",
  "NO",
  "NP",
  "NR",
  "NZ",
  "OM",
  "PA",
  "PE",
  "PG",
  "PH",
  "PK",
  "PL",
  "PT",
  "PW", // Palau: ITU Member State since 2024-09-19 (the 194th)
  "PY",
  "QA",
  "RO",
  "RS",
  "RU",
  "RW",
  "SA",
  "SB",
  "SC",
  "SD",
  "SE",
  "SG",
  "SI",
  "SK",
  "SL",
  "SM",
  "SN",
  "SO",
  "SR",
  "SS", // South Sudan: ITU Member State since 2011
  "ST",
  "SV",
  "SY", // Syrian Arab Republic
  "SZ", // Eswatini (formerly Swaziland)
  "TD",
  "TG",
  "TH",
  "TJ",
  "TL", // Timor-Leste
  "TM",
  "TN",
  "TO",
  "TR", // Türkiye
  "TT",
  "TV",
  "TZ", // United Republic of Tanzania
  "UA",
  "UG",
  "US",
  "UY",
  "UZ",
  "VA", // Vatican City State (Holy See): ITU Member State but not a UN member
  "VC",
  "VE", // Venezuela (Bolivarian Republic of)
  "VN", // Viet Nam
  "VU",
  "WS",
  "YE",
  "ZA",
  "ZM",
  "ZW",
]);

const ISO_COUNTRY_CODE_SET: ReadonlySet<string> = new Set(ISO_COUNTRY_CODES);
const ITU_MEMBER_STATE_CODE_SET: ReadonlySet<string> = new Set(
  ITU_MEMBER_STATE_CODES,
);

/** True if `code` (case-insensitive) is the alpha-2 code of an ITU Member State. */
export function isItuMemberState(code: string): boolean {
  return ITU_MEMBER_STATE_CODE_SET.has(code.toUpperCase());
}

/** True if `code` (case-insensitive) is an officially assigned ISO 3166-1 alpha-2 code. */
export function isIsoCountryCode(code: string): boolean {
  return ISO_COUNTRY_CODE_SET.has(code.toUpperCase());
}

const displayNamesCache = new Map<string, Intl.DisplayNames>();

function getDisplayNames(locale: string): Intl.DisplayNames {
  let displayNames = displayNamesCache.get(locale);
  if (displayNames === undefined) {
    displayNames = new Intl.DisplayNames([locale], { type: "region" });
    displayNamesCache.set(locale, displayNames);
  }
  return displayNames;
}

/**
 * Localized name of the region `code` in `locale`, e.g. ("DE", "fr") -> "Allemagne".
 * Falls back to `code` when no name is available or when `code` or `locale` is invalid.
 */
export function countryName(code: string, locale: string): string {
  try {
    return getDisplayNames(locale).of(code.toUpperCase()) ?? code;
  } catch {
    // RangeError: malformed locale or region code.
    return code;
  }
}

const collatorCache = new Map<string, Intl.Collator>();

function getCollator(locale: string): Intl.Collator {
  let collator = collatorCache.get(locale);
  if (collator === undefined) {
    try {
      collator = new Intl.Collator(locale);
    } catch {
      // RangeError: malformed locale; use the runtime default.
      collator = new Intl.Collator();
    }
    collatorCache.set(locale, collator);
  }
  return collator;
}

/** `{ code, name }` options for a country picker, sorted by localized name. */
export function countryOptions(
  locale: string,
  codes: readonly string[] = ISO_COUNTRY_CODES,
): { code: string; name: string }[] {
  const collator = getCollator(locale);
  return codes
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
