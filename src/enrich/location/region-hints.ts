/**
 * Region hints from host names and CNAME chains: cloud region names (AWS "eu-central-1", Azure "westeurope" /
 * "weu", Google Cloud "europe-west3") and airport codes CDNs put in edge names ("fra", "ams", "iad"). A hint is
 * evidence beside the geolocation database, not a replacement: names are chosen by operators and can be stale.
 * Airport codes are matched only as a whole name token, optionally with digits ("fra1", "edge-ams-03"), and are
 * marked low confidence.
 */

export interface RegionHint {
  /** The name the hint came from. */
  name: string;
  /** The matched token or region name. */
  token: string;
  region: string;
  /** ISO alpha-2; null for multi-country regions ("eu"). */
  country: string | null;
  kind: 'cloud-region' | 'airport' | 'geo-word';
  confidence: 'medium' | 'low';
}

type Entry = [token: string, region: string, country: string | null];

/** Cloud region identifiers (provider documentation region lists). Matched as whole tokens or name parts. */
const CLOUD_REGIONS: Entry[] = [
  // AWS (docs.aws.amazon.com, "Regions and Availability Zones")
  ['eu-central-1', 'AWS Frankfurt', 'DE'],
  ['eu-central-2', 'AWS Zurich', 'CH'],
  ['eu-west-1', 'AWS Ireland', 'IE'],
  ['eu-west-2', 'AWS London', 'GB'],
  ['eu-west-3', 'AWS Paris', 'FR'],
  ['eu-north-1', 'AWS Stockholm', 'SE'],
  ['eu-south-1', 'AWS Milan', 'IT'],
  ['eu-south-2', 'AWS Spain', 'ES'],
  ['us-east-1', 'AWS N. Virginia', 'US'],
  ['us-east-2', 'AWS Ohio', 'US'],
  ['us-west-1', 'AWS N. California', 'US'],
  ['us-west-2', 'AWS Oregon', 'US'],
  ['ca-central-1', 'AWS Canada Central', 'CA'],
  ['sa-east-1', 'AWS São Paulo', 'BR'],
  ['ap-northeast-1', 'AWS Tokyo', 'JP'],
  ['ap-southeast-1', 'AWS Singapore', 'SG'],
  ['ap-southeast-2', 'AWS Sydney', 'AU'],
  ['ap-south-1', 'AWS Mumbai', 'IN'],
  ['me-central-1', 'AWS UAE', 'AE'],
  ['il-central-1', 'AWS Tel Aviv', 'IL'],
  // Azure (learn.microsoft.com, "Azure regions list")
  ['westeurope', 'Azure West Europe (Netherlands)', 'NL'],
  ['northeurope', 'Azure North Europe (Ireland)', 'IE'],
  ['germanywestcentral', 'Azure Germany West Central (Frankfurt)', 'DE'],
  ['francecentral', 'Azure France Central (Paris)', 'FR'],
  ['swedencentral', 'Azure Sweden Central', 'SE'],
  ['switzerlandnorth', 'Azure Switzerland North (Zurich)', 'CH'],
  ['norwayeast', 'Azure Norway East (Oslo)', 'NO'],
  ['polandcentral', 'Azure Poland Central (Warsaw)', 'PL'],
  ['italynorth', 'Azure Italy North (Milan)', 'IT'],
  ['spaincentral', 'Azure Spain Central (Madrid)', 'ES'],
  ['uksouth', 'Azure UK South (London)', 'GB'],
  ['ukwest', 'Azure UK West (Cardiff)', 'GB'],
  ['eastus', 'Azure East US (Virginia)', 'US'],
  ['eastus2', 'Azure East US 2 (Virginia)', 'US'],
  ['westus', 'Azure West US (California)', 'US'],
  ['westus2', 'Azure West US 2 (Washington)', 'US'],
  ['centralus', 'Azure Central US (Iowa)', 'US'],
  ['southeastasia', 'Azure Southeast Asia (Singapore)', 'SG'],
  ['japaneast', 'Azure Japan East (Tokyo)', 'JP'],
  // Microsoft's short forms in service host names (e.g. "weu-", "neu-").
  ['weu', 'Azure West Europe (Netherlands)', 'NL'],
  ['neu', 'Azure North Europe (Ireland)', 'IE'],
  ['gwc', 'Azure Germany West Central (Frankfurt)', 'DE'],
  ['frc', 'Azure France Central (Paris)', 'FR'],
  ['eus', 'Azure East US (Virginia)', 'US'],
  ['wus', 'Azure West US (California)', 'US'],
  // Google Cloud (cloud.google.com, "Regions and zones")
  ['europe-west1', 'Google Cloud Belgium', 'BE'],
  ['europe-west2', 'Google Cloud London', 'GB'],
  ['europe-west3', 'Google Cloud Frankfurt', 'DE'],
  ['europe-west4', 'Google Cloud Netherlands', 'NL'],
  ['europe-west6', 'Google Cloud Zurich', 'CH'],
  ['europe-west8', 'Google Cloud Milan', 'IT'],
  ['europe-west9', 'Google Cloud Paris', 'FR'],
  ['europe-west10', 'Google Cloud Berlin', 'DE'],
  ['europe-west12', 'Google Cloud Turin', 'IT'],
  ['europe-north1', 'Google Cloud Finland', 'FI'],
  ['europe-central2', 'Google Cloud Warsaw', 'PL'],
  ['europe-southwest1', 'Google Cloud Madrid', 'ES'],
  ['us-central1', 'Google Cloud Iowa', 'US'],
  ['us-east1', 'Google Cloud South Carolina', 'US'],
  ['us-east4', 'Google Cloud N. Virginia', 'US'],
  ['us-west1', 'Google Cloud Oregon', 'US'],
  ['asia-northeast1', 'Google Cloud Tokyo', 'JP'],
];

/** IATA airport codes CDNs use for edge sites; only as a whole token (with optional digits). */
const AIRPORTS: Entry[] = [
  ['fra', 'Frankfurt', 'DE'],
  ['muc', 'Munich', 'DE'],
  ['ber', 'Berlin', 'DE'],
  ['dus', 'Düsseldorf', 'DE'],
  ['ham', 'Hamburg', 'DE'],
  ['ams', 'Amsterdam', 'NL'],
  ['lhr', 'London', 'GB'],
  ['cdg', 'Paris', 'FR'],
  ['mrs', 'Marseille', 'FR'],
  ['mad', 'Madrid', 'ES'],
  ['mxp', 'Milan', 'IT'],
  ['waw', 'Warsaw', 'PL'],
  ['arn', 'Stockholm', 'SE'],
  ['cph', 'Copenhagen', 'DK'],
  ['hel', 'Helsinki', 'FI'],
  ['osl', 'Oslo', 'NO'],
  ['vie', 'Vienna', 'AT'],
  ['zrh', 'Zurich', 'CH'],
  ['dub', 'Dublin', 'IE'],
  ['bru', 'Brussels', 'BE'],
  ['prg', 'Prague', 'CZ'],
  ['lis', 'Lisbon', 'PT'],
  ['iad', 'Washington DC area', 'US'],
  ['dfw', 'Dallas', 'US'],
  ['sjc', 'San Jose', 'US'],
  ['lax', 'Los Angeles', 'US'],
  ['ord', 'Chicago', 'US'],
  ['atl', 'Atlanta', 'US'],
  ['ewr', 'Newark', 'US'],
  ['jfk', 'New York', 'US'],
  ['yyz', 'Toronto', 'CA'],
  ['gru', 'São Paulo', 'BR'],
  ['nrt', 'Tokyo', 'JP'],
  ['hkg', 'Hong Kong', 'HK'],
  ['sin', 'Singapore', 'SG'],
  ['syd', 'Sydney', 'AU'],
  ['bom', 'Mumbai', 'IN'],
];

const GEO_WORDS: Entry[] = [['eu', 'Europe', null]];

const CLOUD = new Map(CLOUD_REGIONS.map((e) => [e[0], e]));
const AIRPORT = new Map(AIRPORTS.map((e) => [e[0], e]));
const WORDS = new Map(GEO_WORDS.map((e) => [e[0], e]));

/** The patterns, for documentation and `outflow geoip` output. */
export const REGION_PATTERNS = { cloud: CLOUD_REGIONS, airports: AIRPORTS, words: GEO_WORDS } as const;

export function regionHints(names: readonly string[]): RegionHint[] {
  const out: RegionHint[] = [];
  const seen = new Set<string>();
  const push = (name: string, e: Entry, kind: RegionHint['kind'], confidence: RegionHint['confidence']): void => {
    const key = `${e[1]}|${e[2]}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ name, token: e[0], region: e[1], country: e[2], kind, confidence });
  };
  for (const raw of names) {
    const name = raw.toLowerCase().slice(0, 253);
    for (const label of name.split('.')) {
      // Multi-part region ids ("eu-central-1") are found inside a label at '-' boundaries.
      const parts = label.split(/[-_]/);
      for (let i = 0; i < parts.length; i++) {
        for (let len = Math.min(3, parts.length - i); len >= 1; len--) {
          const joined = parts.slice(i, i + len).join('-');
          const hit = CLOUD.get(joined);
          if (hit !== undefined) push(raw, hit, 'cloud-region', 'medium');
        }
        const part = parts[i] ?? '';
        const m = /^([a-z]{2,3})\d{0,3}[a-z]?$/.exec(part);
        const stem = m?.[1];
        if (stem !== undefined) {
          const a = AIRPORT.get(stem);
          if (a !== undefined && (part === stem || /\d/.test(part))) push(raw, a, 'airport', 'low');
          const w = WORDS.get(stem);
          if (w !== undefined && part.length <= 4) push(raw, w, 'geo-word', 'low');
        }
      }
    }
  }
  return out;
}
