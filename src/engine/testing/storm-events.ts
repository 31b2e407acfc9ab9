/**
 * Deterministic StormEvents data in the help cluster's schema (Samples.StormEvents), generated from
 * a seeded PRNG so every start, test and benchmark sees the same ~59k rows of 2007 events.
 * Columnar: one array per column, never one object per row.
 */
import type { KustoColumn } from '../types';

export const STORM_EVENTS_COLUMNS: KustoColumn[] = [
  { ColumnName: 'StartTime', ColumnType: 'datetime' },
  { ColumnName: 'EndTime', ColumnType: 'datetime' },
  { ColumnName: 'EpisodeId', ColumnType: 'int' },
  { ColumnName: 'EventId', ColumnType: 'int' },
  { ColumnName: 'State', ColumnType: 'string' },
  { ColumnName: 'EventType', ColumnType: 'string' },
  { ColumnName: 'InjuriesDirect', ColumnType: 'int' },
  { ColumnName: 'InjuriesIndirect', ColumnType: 'int' },
  { ColumnName: 'DeathsDirect', ColumnType: 'int' },
  { ColumnName: 'DeathsIndirect', ColumnType: 'int' },
  { ColumnName: 'DamageProperty', ColumnType: 'int' },
  { ColumnName: 'DamageCrops', ColumnType: 'int' },
  { ColumnName: 'Source', ColumnType: 'string' },
  { ColumnName: 'BeginLocation', ColumnType: 'string' },
  { ColumnName: 'EndLocation', ColumnType: 'string' },
  { ColumnName: 'BeginLat', ColumnType: 'real' },
  { ColumnName: 'BeginLon', ColumnType: 'real' },
  { ColumnName: 'EndLat', ColumnType: 'real' },
  { ColumnName: 'EndLon', ColumnType: 'real' },
  { ColumnName: 'EpisodeNarrative', ColumnType: 'string' },
  { ColumnName: 'EventNarrative', ColumnType: 'string' },
  { ColumnName: 'StormSummary', ColumnType: 'dynamic' },
];

export const STORM_EVENTS_ROW_COUNT = 59066;

export interface StormEventsData {
  rowCount: number;
  /** Epoch milliseconds (whole minutes, so exact). */
  StartTime: number[];
  EndTime: number[];
  EpisodeId: number[];
  EventId: number[];
  State: string[];
  EventType: string[];
  InjuriesDirect: number[];
  InjuriesIndirect: number[];
  DeathsDirect: number[];
  DeathsIndirect: number[];
  DamageProperty: number[];
  DamageCrops: number[];
  Source: string[];
  BeginLocation: string[];
  EndLocation: string[];
  BeginLat: (number | null)[];
  BeginLon: (number | null)[];
  EndLat: (number | null)[];
  EndLon: (number | null)[];
  EpisodeNarrative: string[];
  EventNarrative: string[];
  /** JSON text of the dynamic value. */
  StormSummary: string[];
}

/** mulberry32: tiny, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// [state, weight, centroid lat, centroid lon]
const STATES: [string, number, number, number][] = [
  ['TEXAS', 4701, 31.0, -99.0], ['KANSAS', 3166, 38.5, -98.0], ['IOWA', 2337, 42.0, -93.5],
  ['ILLINOIS', 2022, 40.0, -89.0], ['MISSOURI', 2016, 38.5, -92.5], ['GEORGIA', 1983, 32.7, -83.4],
  ['MINNESOTA', 1881, 46.3, -94.3], ['WISCONSIN', 1850, 44.6, -89.9], ['NEBRASKA', 1766, 41.5, -99.8],
  ['NEW YORK', 1750, 42.9, -75.5], ['PENNSYLVANIA', 1687, 40.9, -77.8], ['NORTH CAROLINA', 1665, 35.5, -79.4],
  ['KENTUCKY', 1391, 37.5, -85.3], ['OKLAHOMA', 1383, 35.6, -97.5], ['MISSISSIPPI', 1218, 32.7, -89.7],
  ['ALABAMA', 1315, 32.8, -86.8], ['VIRGINIA', 1647, 37.5, -78.8], ['FLORIDA', 1042, 28.6, -82.4],
  ['SOUTH DAKOTA', 1567, 44.4, -100.2], ['OHIO', 1233, 40.3, -82.8], ['COLORADO', 1654, 39.0, -105.5],
  ['INDIANA', 1164, 39.9, -86.3], ['TENNESSEE', 1125, 35.9, -86.4], ['MICHIGAN', 1637, 44.3, -85.4],
  ['CALIFORNIA', 898, 37.2, -119.5], ['ARKANSAS', 1028, 34.9, -92.4], ['LOUISIANA', 463, 31.1, -92.0],
  ['MONTANA', 1230, 47.0, -109.6], ['NORTH DAKOTA', 905, 47.5, -100.5], ['SOUTH CAROLINA', 915, 33.9, -80.9],
  ['NEW MEXICO', 527, 34.4, -106.1], ['ARIZONA', 340, 34.3, -111.7], ['WYOMING', 625, 43.0, -107.5],
  ['MARYLAND', 557, 39.0, -76.8], ['WEST VIRGINIA', 757, 38.6, -80.6], ['OREGON', 202, 43.9, -120.6],
  ['WASHINGTON', 261, 47.4, -120.5], ['UTAH', 317, 39.3, -111.7], ['NEVADA', 211, 39.3, -116.6],
  ['IDAHO', 247, 44.4, -114.6], ['NEW JERSEY', 467, 40.2, -74.7], ['MASSACHUSETTS', 326, 42.3, -71.8],
  ['MAINE', 319, 45.4, -69.2], ['VERMONT', 347, 44.1, -72.7], ['NEW HAMPSHIRE', 329, 43.7, -71.6],
  ['CONNECTICUT', 148, 41.6, -72.7], ['DELAWARE', 95, 39.0, -75.5], ['RHODE ISLAND', 51, 41.7, -71.5],
  ['ALASKA', 257, 63.6, -152.5], ['HAWAII', 161, 20.8, -156.3], ['PUERTO RICO', 192, 18.2, -66.5],
  ['ATLANTIC SOUTH', 193, 30.0, -79.0], ['GULF OF MEXICO', 577, 27.5, -90.0], ['LAKE MICHIGAN', 182, 43.5, -87.0],
  ['ATLANTIC NORTH', 188, 40.5, -71.0], ['LAKE ERIE', 86, 42.2, -81.2],
];

// [event type, weight, has coordinates, typical damage scale]
const EVENT_TYPES: [string, number, boolean, number][] = [
  ['Thunderstorm Wind', 13015, true, 8000], ['Hail', 12711, true, 3000], ['Flash Flood', 3688, true, 40000],
  ['Drought', 3616, false, 0], ['Winter Weather', 3349, false, 2000], ['Winter Storm', 3268, false, 10000],
  ['Heavy Snow', 3088, false, 5000], ['High Wind', 2355, false, 15000], ['Frost/Freeze', 1342, false, 20000],
  ['Flood', 2096, true, 60000], ['Marine Thunderstorm Wind', 2211, true, 500], ['Heavy Rain', 1137, true, 3000],
  ['Tornado', 1396, true, 250000], ['Strong Wind', 1245, false, 6000], ['Excessive Heat', 987, false, 0],
  ['Extreme Cold/Wind Chill', 761, false, 0], ['Dense Fog', 637, false, 0], ['Heat', 551, false, 0],
  ['Lightning', 488, true, 30000], ['Blizzard', 340, false, 8000], ['Ice Storm', 303, false, 90000],
  ['Funnel Cloud', 256, true, 0], ['Wildfire', 286, false, 400000], ['Rip Current', 124, false, 0],
  ['Waterspout', 84, true, 0], ['Dust Storm', 70, false, 1000], ['Avalanche', 35, false, 0],
];

const SOURCES: [string, number][] = [
  ['Trained Spotter', 12000], ['Public', 9500], ['Law Enforcement', 8000], ['Emergency Manager', 7500],
  ['COOP Observer', 5200], ['NWS Storm Survey', 2500], ['Newspaper', 2800], ['ASOS', 2200],
  ['Broadcast Media', 2100], ['Amateur Radio', 1400], ['Mesonet', 1100], ['Fire Department/Rescue', 900],
  ['Department of Highways', 500], ['Social Media', 400], ['Utility Company', 350], ['Official NWS Observations', 2300],
];

const PLACE_PREFIXES = ['NORTH', 'SOUTH', 'EAST', 'WEST', 'NEW', 'FORT', 'LAKE', 'MOUNT', 'PORT', 'SAINT', ''];
const PLACE_ROOTS = [
  'SPRINGFIELD', 'FRANKLIN', 'CLINTON', 'GREENVILLE', 'SALEM', 'MADISON', 'GEORGETOWN', 'ARLINGTON',
  'ASHLAND', 'BURLINGTON', 'CENTERVILLE', 'DAYTON', 'FAIRVIEW', 'HUDSON', 'JACKSON', 'LEBANON',
  'MARION', 'MILTON', 'NEWPORT', 'OXFORD', 'RIVERSIDE', 'SHELBY', 'TROY', 'WINCHESTER', 'AUBURN',
  'BRISTOL', 'CHESTER', 'DOVER', 'GLENDALE', 'HAMILTON', 'KINGSTON', 'LEXINGTON', 'MONROE',
];

function cumulative<T extends [string, number, ...unknown[]]>(items: T[]): { items: T[]; cdf: number[] } {
  const total = items.reduce((s, i) => s + i[1], 0);
  let acc = 0;
  return { items, cdf: items.map((i) => (acc += i[1]) / total) };
}

function pick<T>(table: { items: T[]; cdf: number[] }, r: number): T {
  let lo = 0;
  let hi = table.cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((table.cdf[mid] ?? 1) < r) lo = mid + 1;
    else hi = mid;
  }
  return table.items[lo] as T;
}

const YEAR_START = Date.UTC(2007, 0, 1);
const YEAR_MS = Date.UTC(2008, 0, 1) - YEAR_START;
const MINUTE = 60_000;

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function generateStormEvents(seed = 2007, rowCount = STORM_EVENTS_ROW_COUNT): StormEventsData {
  const random = seededRandom(seed);
  const states = cumulative(STATES);
  const types = cumulative(EVENT_TYPES);
  const sources = cumulative(SOURCES);
  const d: StormEventsData = {
    rowCount, StartTime: [], EndTime: [], EpisodeId: [], EventId: [], State: [], EventType: [],
    InjuriesDirect: [], InjuriesIndirect: [], DeathsDirect: [], DeathsIndirect: [], DamageProperty: [],
    DamageCrops: [], Source: [], BeginLocation: [], EndLocation: [], BeginLat: [], BeginLon: [],
    EndLat: [], EndLon: [], EpisodeNarrative: [], EventNarrative: [], StormSummary: [],
  };
  const place = () => {
    const prefix = PLACE_PREFIXES[Math.floor(random() * PLACE_PREFIXES.length)] ?? '';
    const root = PLACE_ROOTS[Math.floor(random() * PLACE_ROOTS.length)] ?? 'SPRINGFIELD';
    return prefix ? `${prefix} ${root}` : root;
  };
  let episodeId = 1000;
  let episodeLeft = 0;
  for (let i = 0; i < rowCount; i++) {
    if (episodeLeft <= 0) {
      episodeId += 1 + Math.floor(random() * 3);
      episodeLeft = 1 + Math.floor(-Math.log(1 - random()) * 4);
    }
    episodeLeft--;
    const [state, , lat0, lon0] = pick(states, random());
    const [eventType, , hasCoordinates, damageScale] = pick(types, random());
    // Convective events peak in late spring/summer: bias the day of year with a second draw.
    const u = random();
    const seasonal = hasCoordinates ? (u + 0.45 + 0.1 * Math.sin(u * 6.283)) % 1 : u;
    const start = YEAR_START + Math.floor((seasonal * YEAR_MS) / MINUTE) * MINUTE;
    const durationMinutes = hasCoordinates ? Math.floor(random() * random() * 240) : Math.floor(random() * 72) * 60;
    const end = start + durationMinutes * MINUTE;
    const severe = random();
    const injuries = severe > 0.995 ? Math.floor(random() * 40) : severe > 0.98 ? 1 + Math.floor(random() * 3) : 0;
    const deaths = severe > 0.998 ? 1 + Math.floor(random() * 5) : 0;
    const damaged = damageScale > 0 && random() < 0.35;
    const damage = damaged ? Math.round((damageScale * -Math.log(1 - random())) / 1000) * 1000 : 0;
    const crops = damaged && random() < 0.15 ? Math.round((damageScale * random()) / 500) * 500 : 0;
    const begin = place();
    const endLoc = hasCoordinates && random() < 0.7 ? begin : place();
    let bLat: number | null = null;
    let bLon: number | null = null;
    let eLat: number | null = null;
    let eLon: number | null = null;
    if (hasCoordinates && random() > 0.03) {
      bLat = Math.round((lat0 + (random() - 0.5) * 4) * 10000) / 10000;
      bLon = Math.round((lon0 + (random() - 0.5) * 6) * 10000) / 10000;
      eLat = Math.round((bLat + (random() - 0.5) * 0.2) * 10000) / 10000;
      eLon = Math.round((bLon + (random() - 0.5) * 0.2) * 10000) / 10000;
    }
    const source = pick(sources, random())[0];
    const episodeNarrative = `A ${eventType.toLowerCase()} event affected parts of ${state.toLowerCase()} during episode ${episodeId}.`;
    const eventNarrative =
      damage > 0
        ? `${source} reported ${eventType.toLowerCase()} near ${begin} causing an estimated $${damage} in property damage.`
        : `${source} reported ${eventType.toLowerCase()} near ${begin}.`;
    d.StartTime.push(start);
    d.EndTime.push(end);
    d.EpisodeId.push(episodeId);
    d.EventId.push(5000 + i * 3 + Math.floor(random() * 3));
    d.State.push(state);
    d.EventType.push(eventType);
    d.InjuriesDirect.push(injuries);
    d.InjuriesIndirect.push(injuries > 0 && random() < 0.2 ? 1 : 0);
    d.DeathsDirect.push(deaths);
    d.DeathsIndirect.push(deaths > 0 && random() < 0.3 ? 1 : 0);
    d.DamageProperty.push(damage);
    d.DamageCrops.push(crops);
    d.Source.push(source);
    d.BeginLocation.push(begin);
    d.EndLocation.push(endLoc);
    d.BeginLat.push(bLat);
    d.BeginLon.push(bLon);
    d.EndLat.push(eLat);
    d.EndLon.push(eLon);
    d.EpisodeNarrative.push(episodeNarrative);
    d.EventNarrative.push(eventNarrative);
    d.StormSummary.push(
      JSON.stringify({
        TotalDamages: damage + crops,
        StartTime: isoSeconds(start),
        EndTime: isoSeconds(end),
        Details: { Description: eventNarrative, Location: state },
      }),
    );
  }
  return d;
}
