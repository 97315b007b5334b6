/**
 * The published range files the cloud table is built from, in precedence order (a prefix in two of them keeps
 * the first), with what the lock records about each: where a maintainer downloads it again, the copy that was
 * read, and what the provider says about reuse. None of them states a licence: they are published so that
 * customers can configure firewalls, and docs/method.md says so.
 */

import { parseM365Ranges } from './m365-ranges.js';
import {
  type ParsedSource,
  parseAwsIpRanges,
  parseAzureServiceTags,
  parseCloudflareList,
  parseFastlyList,
  parseGoogleCloud,
  parseOracleCloud,
} from './parsers.js';
import { AWS_REGIONS, AZURE_REGIONS, GOOGLE_REGIONS, ORACLE_REGIONS } from './regions.js';

export interface CloudSourceSpec {
  id: string;
  provider: string;
  name: string;
  /** The official download location. */
  url: string;
  /** Path relative to data/sources/. */
  file: string;
  licence: string;
  /** YYYY-MM-DD the copy was made (the mirror commit's date). */
  retrieved: string;
  /** Which copy was read, and what is taken from it. */
  notes: string;
  regionDocumentation: string | null;
  regionsCoverGlobal?: boolean;
  /** Drop this source's prefixes inside a regional or anycast prefix of an earlier source (build-table.ts). */
  yieldsToEarlier?: boolean;
  /**
   * Another import owns the lock entry (the catalog's, for the Microsoft 365 list): lock-sources.ts leaves it
   * alone, and `url`, `file`, `licence`, `retrieved` and `notes` here only describe what that entry records.
   */
  lockedBy?: string;
  /** `retrieved` stands in for the date of files that carry none. */
  parse: (text: string, retrieved: string, file: string) => ParsedSource;
}

const UNCLEAR =
  'Redistribution terms are not stated; the list is published for customers to configure firewalls and is mirrored publicly.';

/** Microsoft dates the Service Tags download in its name: ServiceTags_Public_YYYYMMDD.json. */
function dateInName(file: string): string | null {
  const m = /_(\d{4})(\d{2})(\d{2})\.json$/.exec(file);
  return m === null ? null : `${m[1]}-${m[2]}-${m[3]}`;
}

export const CLOUD_SOURCES: readonly CloudSourceSpec[] = [
  {
    id: 'aws-ip-ranges',
    provider: 'AWS',
    name: 'ip-ranges.json',
    url: 'https://ip-ranges.amazonaws.com/ip-ranges.json',
    file: 'aws-ip-ranges/ip-ranges.json',
    licence: `No licence stated in the file (AWS Site Terms, https://aws.amazon.com/terms/; documented at https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html). ${UNCLEAR}`,
    retrieved: '2026-08-22',
    notes:
      'Byte copy of github.com/joetek/aws-ip-ranges-json ip-ranges.json at commit d7abca7bbb51a022832f46570dc08b9acc3b626a (2026-08-22), an hourly mirror of the official URL. Region or Local Zone per prefix.',
    regionDocumentation: AWS_REGIONS.documentation,
    parse: (text) => parseAwsIpRanges(text),
  },
  {
    id: 'google-cloud-ip-ranges',
    provider: 'Google Cloud',
    name: 'cloud.json',
    url: 'https://www.gstatic.com/ipranges/cloud.json',
    file: 'google-cloud-ip-ranges/cloud.json',
    licence: `No licence stated in the file (Google Terms of Service; documented at https://cloud.google.com/compute/docs/faq#find_ip_range). ${UNCLEAR}`,
    retrieved: '2025-07-25',
    notes:
      'Byte copy of github.com/femueller/cloud-ip-ranges google-cloud-ip-ranges.json at commit e0dfd998e5247bb01d293ca55a2d944c5f084687 (2025-07-25), the newest copy found. Region (scope) per prefix.',
    regionDocumentation: GOOGLE_REGIONS.documentation,
    parse: (text) => parseGoogleCloud(text),
  },
  {
    id: 'azure-service-tags-public',
    provider: 'Azure',
    name: 'Service Tags (Public)',
    url: 'https://www.microsoft.com/en-us/download/details.aspx?id=56519',
    file: 'azure-service-tags-public/ServiceTags_Public_20251028.json',
    licence: `No licence stated in the file (Microsoft Download Center terms of use; documented at https://learn.microsoft.com/azure/virtual-network/service-tags-overview). ${UNCLEAR}`,
    retrieved: '2025-11-06',
    notes:
      'Byte copy of github.com/ryanborMSFT/AzureServiceTagsJson Public/ServiceTags_Public_20251028.json at commit bb0ace68861a5e59954b285daa70f68be9b6e199 (2025-11-06): the newest weekly file under 4 MiB that could be read (later ones are larger). Regional tags give the region; tags without region are kept only where no regional tag places the prefix.',
    regionDocumentation: AZURE_REGIONS.documentation,
    regionsCoverGlobal: true,
    parse: (text, retrieved, file) => parseAzureServiceTags(text, dateInName(file) ?? retrieved),
  },
  {
    // After Azure: a prefix both publish keeps the Service Tag, and one inside a regional or Front Door (anycast)
    // tag is dropped: that tag says more than "worldwide".
    id: 'microsoft-365-endpoints',
    provider: 'Microsoft 365',
    name: 'worldwide endpoint list',
    url: 'https://github.com/MicrosoftDocs/microsoft-365-docs/blob/main/microsoft-365/includes/office-365-worldwide-endpoints.md',
    file: 'microsoft-365-endpoints/office-365-worldwide-endpoints.md',
    licence: 'CC-BY-4.0 (MicrosoftDocs/microsoft-365-docs LICENSE; documentation text)',
    retrieved: '2026-12-07',
    notes:
      'Locked by the catalog import (its host names); the cloud table takes the address ranges, all without a region: kind global.',
    regionDocumentation: null,
    yieldsToEarlier: true,
    lockedBy: 'catalog',
    parse: (text) => parseM365Ranges(text),
  },
  {
    id: 'oracle-cloud-ip-ranges',
    provider: 'Oracle Cloud',
    name: 'public_ip_ranges.json',
    url: 'https://docs.oracle.com/iaas/tools/public_ip_ranges.json',
    file: 'oracle-cloud-ip-ranges/public_ip_ranges.json',
    licence: `No licence stated in the file (Oracle website terms of use; documented at https://docs.oracle.com/iaas/Content/General/Concepts/addressranges.htm). ${UNCLEAR}`,
    retrieved: '2025-07-21',
    notes:
      'Byte copy of github.com/femueller/cloud-ip-ranges oracle-cloud-ip-ranges.json at commit 8b8719cee0ade28a6991babf16f123d218af7fdf (2025-07-21). Region per prefix.',
    regionDocumentation: ORACLE_REGIONS.documentation,
    parse: (text) => parseOracleCloud(text),
  },
  {
    id: 'cloudflare-ips-v4',
    provider: 'Cloudflare',
    name: 'ips-v4',
    url: 'https://www.cloudflare.com/ips-v4',
    file: 'cloudflare-ips/ips-v4.txt',
    licence: `No licence stated (listed at https://www.cloudflare.com/ips/). ${UNCLEAR}`,
    retrieved: '2024-10-29',
    notes:
      'Byte copy of github.com/femueller/cloud-ip-ranges cloudflare-v4-ip-ranges.txt at commit 54d92d4844a692f30ae77b07a166bb3809a1606e (2024-10-29, unchanged since). Anycast: no region.',
    regionDocumentation: null,
    parse: (text, retrieved) => parseCloudflareList(text, retrieved),
  },
  {
    id: 'cloudflare-ips-v6',
    provider: 'Cloudflare',
    name: 'ips-v6',
    url: 'https://www.cloudflare.com/ips-v6',
    file: 'cloudflare-ips/ips-v6.txt',
    licence: `No licence stated (listed at https://www.cloudflare.com/ips/). ${UNCLEAR}`,
    retrieved: '2023-10-11',
    notes:
      'Byte copy of github.com/femueller/cloud-ip-ranges cloudflare-v6-ip-ranges.txt at commit 0a2c8bab0952dfe4ef678691b5c0fce83090f280 (2023-10-11, unchanged since). Anycast: no region.',
    regionDocumentation: null,
    parse: (text, retrieved) => parseCloudflareList(text, retrieved),
  },
  {
    id: 'fastly-public-ip-list',
    provider: 'Fastly',
    name: 'public-ip-list',
    url: 'https://api.fastly.com/public-ip-list',
    file: 'fastly-public-ip-list/public-ip-list.json',
    licence: `No licence stated (documented at https://www.fastly.com/documentation/reference/api/utils/public-ip-list/). ${UNCLEAR}`,
    retrieved: '2024-10-08',
    notes:
      'Byte copy of github.com/femueller/cloud-ip-ranges fastly-ip-ranges.json at commit 672d1837a5fdc6f65c3cefc280a8e0a51ba6933e (2024-10-08, unchanged since). Anycast: no region.',
    regionDocumentation: null,
    parse: (text, retrieved) => parseFastlyList(text, retrieved),
  },
];
