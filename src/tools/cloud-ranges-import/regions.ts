/**
 * Region name → ISO 3166-1 country, one table per provider, from each provider's own list of regions and where
 * they are. A region missing from its table gives no country (the importer counts it and the table marks it
 * "unknown-region"): a new region must be added here by hand, after reading the provider's page, not guessed.
 */

export interface RegionTable {
  /** The provider's page that says where each region is. */
  documentation: string;
  countries: Readonly<Record<string, string>>;
}

/** AWS Regions (the `region` field of ip-ranges.json, and `network_border_group` when it equals the region). */
export const AWS_REGIONS: RegionTable = {
  documentation: 'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html',
  countries: {
    'af-south-1': 'ZA', // Cape Town
    'ap-east-1': 'HK',
    'ap-east-2': 'TW', // Taipei
    'ap-northeast-1': 'JP', // Tokyo
    'ap-northeast-2': 'KR', // Seoul
    'ap-northeast-3': 'JP', // Osaka
    'ap-south-1': 'IN', // Mumbai
    'ap-south-2': 'IN', // Hyderabad
    'ap-southeast-1': 'SG',
    'ap-southeast-2': 'AU', // Sydney
    'ap-southeast-3': 'ID', // Jakarta
    'ap-southeast-4': 'AU', // Melbourne
    'ap-southeast-5': 'MY', // Malaysia
    'ap-southeast-6': 'NZ', // New Zealand
    'ap-southeast-7': 'TH', // Thailand
    'ca-central-1': 'CA',
    'ca-west-1': 'CA', // Calgary
    'cn-north-1': 'CN', // Beijing
    'cn-northwest-1': 'CN', // Ningxia
    'eu-central-1': 'DE', // Frankfurt
    'eu-central-2': 'CH', // Zurich
    'eu-north-1': 'SE', // Stockholm
    'eu-south-1': 'IT', // Milan
    'eu-south-2': 'ES', // Spain
    'eu-west-1': 'IE', // Ireland
    'eu-west-2': 'GB', // London
    'eu-west-3': 'FR', // Paris
    'eusc-de-east-1': 'DE', // AWS European Sovereign Cloud, Brandenburg
    'il-central-1': 'IL', // Tel Aviv
    'me-central-1': 'AE', // UAE
    'me-south-1': 'BH', // Bahrain
    'mx-central-1': 'MX', // Mexico (Central)
    'sa-east-1': 'BR', // São Paulo
    'us-east-1': 'US',
    'us-east-2': 'US',
    'us-gov-east-1': 'US',
    'us-gov-west-1': 'US',
    'us-west-1': 'US',
    'us-west-2': 'US',
  },
};

/**
 * AWS Local Zones and Wavelength Zones (network border groups such as "us-east-1-bue-1" or
 * "eu-central-1-wl1-muc-wlz-1"), by the city code in the name: a zone can be in another country than its parent
 * region (Buenos Aires under us-east-1, Warsaw under eu-central-1).
 */
export const AWS_ZONE_CITIES: RegionTable = {
  documentation: 'https://aws.amazon.com/about-aws/global-infrastructure/localzones/locations/',
  countries: {
    akl: 'NZ', // Auckland
    ath: 'GR', // Athens
    atl: 'US',
    ber: 'DE', // Berlin (Wavelength)
    bkk: 'TH', // Bangkok
    bna: 'US',
    bos: 'US',
    bue: 'AR', // Buenos Aires
    ccu: 'IN', // Kolkata
    chi: 'US',
    cjj: 'KR', // Daejeon (Wavelength)
    clt: 'US',
    cph: 'DK', // Copenhagen
    del: 'IN', // Delhi
    den: 'US',
    dfw: 'US',
    dtm: 'DE', // Dortmund (Wavelength)
    dtw: 'US',
    ham: 'DE', // Hamburg
    han: 'VN', // Hanoi
    hel: 'FI', // Helsinki
    hnl: 'US',
    iah: 'US',
    ist: 'TR', // Istanbul
    jan: 'US',
    kix: 'JP', // Osaka (Wavelength)
    las: 'US',
    lax: 'US',
    lim: 'PE', // Lima
    los: 'NG', // Lagos
    man: 'GB', // Manchester (Wavelength)
    mci: 'US',
    mct: 'OM', // Muscat
    mia: 'US',
    mnl: 'PH', // Manila
    msp: 'US',
    muc: 'DE', // Munich (Wavelength)
    nrt: 'JP', // Tokyo (Wavelength)
    nyc: 'US',
    pdx: 'US',
    per: 'AU', // Perth
    phl: 'US',
    phx: 'US',
    qro: 'MX', // Querétaro
    scl: 'CL', // Santiago
    sea: 'US',
    sfo: 'US',
    sin: 'SG',
    tpa: 'US',
    tpe: 'TW', // Taipei
    was: 'US',
    waw: 'PL', // Warsaw
  },
};

/** Google Cloud regions (the `scope` field of cloud.json; "global" has no country). */
export const GOOGLE_REGIONS: RegionTable = {
  documentation: 'https://cloud.google.com/compute/docs/regions-zones',
  countries: {
    'africa-south1': 'ZA', // Johannesburg
    'asia-east1': 'TW', // Changhua County
    'asia-east2': 'HK',
    'asia-northeast1': 'JP', // Tokyo
    'asia-northeast2': 'JP', // Osaka
    'asia-northeast3': 'KR', // Seoul
    'asia-south1': 'IN', // Mumbai
    'asia-south2': 'IN', // Delhi
    'asia-southeast1': 'SG',
    'asia-southeast2': 'ID', // Jakarta
    'australia-southeast1': 'AU', // Sydney
    'australia-southeast2': 'AU', // Melbourne
    'europe-central2': 'PL', // Warsaw
    'europe-north1': 'FI', // Hamina
    'europe-north2': 'SE', // Stockholm
    'europe-southwest1': 'ES', // Madrid
    'europe-west1': 'BE', // St. Ghislain
    'europe-west2': 'GB', // London
    'europe-west3': 'DE', // Frankfurt
    'europe-west4': 'NL', // Eemshaven
    'europe-west6': 'CH', // Zurich
    'europe-west8': 'IT', // Milan
    'europe-west9': 'FR', // Paris
    'europe-west10': 'DE', // Berlin
    'europe-west12': 'IT', // Turin
    'me-central1': 'QA', // Doha
    'me-central2': 'SA', // Dammam
    'me-west1': 'IL', // Tel Aviv
    'northamerica-northeast1': 'CA', // Montréal
    'northamerica-northeast2': 'CA', // Toronto
    'northamerica-south1': 'MX', // Querétaro
    'southamerica-east1': 'BR', // São Paulo
    'southamerica-west1': 'CL', // Santiago
    'us-central1': 'US',
    'us-central2': 'US',
    'us-east1': 'US',
    'us-east4': 'US',
    'us-east5': 'US',
    'us-east7': 'US',
    'us-south1': 'US',
    'us-west1': 'US',
    'us-west2': 'US',
    'us-west3': 'US',
    'us-west4': 'US',
    'us-west8': 'US',
  },
};

/** Azure regions (the `region` property of a service tag; tags without one have no country). */
export const AZURE_REGIONS: RegionTable = {
  documentation: 'https://learn.microsoft.com/azure/reliability/regions-list',
  countries: {
    australiacentral: 'AU',
    australiacentral2: 'AU',
    australiaeast: 'AU',
    australiasoutheast: 'AU',
    austriaeast: 'AT',
    belgiumcentral: 'BE',
    brazilne: 'BR',
    brazilse: 'BR',
    brazilsouth: 'BR',
    canadacentral: 'CA',
    canadaeast: 'CA',
    centralfrance: 'FR', // France Central, Paris
    centralindia: 'IN',
    centralus: 'US',
    centraluseuap: 'US',
    chilec: 'CL', // Chile Central
    eastasia: 'HK',
    eastus: 'US',
    eastus2: 'US',
    eastus2euap: 'US',
    germanyn: 'DE', // Germany North
    germanywc: 'DE', // Germany West Central, Frankfurt
    indonesiacentral: 'ID',
    israelcentral: 'IL',
    israelnorthwest: 'IL',
    italynorth: 'IT',
    japaneast: 'JP',
    japanwest: 'JP',
    jioindiacentral: 'IN',
    jioindiawest: 'IN',
    koreacentral: 'KR',
    koreasouth: 'KR',
    malaysiasouth: 'MY',
    malaysiawest: 'MY',
    mexicocentral: 'MX',
    newzealandnorth: 'NZ',
    northcentralus: 'US',
    northeurope: 'IE', // Ireland
    norwaye: 'NO',
    norwayw: 'NO',
    polandcentral: 'PL',
    qatarcentral: 'QA',
    southafricanorth: 'ZA',
    southafricawest: 'ZA',
    southcentralus: 'US',
    southcentralus2: 'US',
    southeastasia: 'SG',
    southeastus: 'US',
    southeastus3: 'US',
    southfrance: 'FR', // France South, Marseille
    southindia: 'IN',
    spaincentral: 'ES',
    swedencentral: 'SE',
    swedensouth: 'SE',
    switzerlandn: 'CH',
    switzerlandw: 'CH',
    taiwannorth: 'TW',
    taiwannorthwest: 'TW',
    uaecentral: 'AE',
    uaenorth: 'AE',
    uksouth: 'GB',
    ukwest: 'GB',
    westcentralus: 'US',
    westeurope: 'NL', // Netherlands
    westindia: 'IN',
    westus: 'US',
    westus2: 'US',
    westus3: 'US',
  },
};

/** Oracle Cloud Infrastructure regions (the `region` of public_ip_ranges.json). */
export const ORACLE_REGIONS: RegionTable = {
  documentation: 'https://docs.oracle.com/en-us/iaas/Content/General/Concepts/regions.htm',
  countries: {
    'af-johannesburg-1': 'ZA',
    'ap-batam-1': 'ID',
    'ap-chuncheon-1': 'KR',
    'ap-hyderabad-1': 'IN',
    'ap-melbourne-1': 'AU',
    'ap-mumbai-1': 'IN',
    'ap-osaka-1': 'JP',
    'ap-seoul-1': 'KR',
    'ap-singapore-1': 'SG',
    'ap-singapore-2': 'SG',
    'ap-sydney-1': 'AU',
    'ap-tokyo-1': 'JP',
    'ca-montreal-1': 'CA',
    'ca-toronto-1': 'CA',
    'eu-amsterdam-1': 'NL',
    'eu-frankfurt-1': 'DE',
    'eu-jovanovac-1': 'RS', // Serbia
    'eu-madrid-1': 'ES',
    'eu-marseille-1': 'FR',
    'eu-milan-1': 'IT',
    'eu-paris-1': 'FR',
    'eu-stockholm-1': 'SE',
    'eu-zurich-1': 'CH',
    'il-jerusalem-1': 'IL',
    'me-abudhabi-1': 'AE',
    'me-dubai-1': 'AE',
    'me-jeddah-1': 'SA',
    'me-riyadh-1': 'SA',
    'mx-monterrey-1': 'MX',
    'mx-queretaro-1': 'MX',
    'sa-bogota-1': 'CO',
    'sa-santiago-1': 'CL',
    'sa-saopaulo-1': 'BR',
    'sa-valparaiso-1': 'CL',
    'sa-vinhedo-1': 'BR',
    'uk-cardiff-1': 'GB',
    'uk-london-1': 'GB',
    'us-abilene-1': 'US',
    'us-ashburn-1': 'US',
    'us-boardman-1': 'US',
    'us-chicago-1': 'US',
    'us-dallas-1': 'US',
    'us-phoenix-1': 'US',
    'us-saltlake-2': 'US',
    'us-sanjose-1': 'US',
  },
};

export function countryOf(table: RegionTable, region: string): string | null {
  return Object.hasOwn(table.countries, region) ? (table.countries[region] ?? null) : null;
}

/**
 * The country of an AWS network border group: the region's when the group is the region itself, else the Local
 * or Wavelength Zone's city code (the first three-letter part after the region that is not "wl1"/"wl2"/"sggov").
 */
export function awsBorderGroupCountry(region: string, borderGroup: string): string | null {
  if (borderGroup === region || borderGroup === '') return countryOf(AWS_REGIONS, region);
  if (!borderGroup.startsWith(`${region}-`)) return null;
  for (const part of borderGroup.slice(region.length + 1).split('-')) {
    if (/^[a-z]{3}$/.test(part) && part !== 'wlz') return countryOf(AWS_ZONE_CITIES, part);
  }
  return null;
}
