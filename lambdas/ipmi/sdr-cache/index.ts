/**
 * SDR cache: decoded repositories keyed on firmware identity and repository timestamps,
 * shared across BMCs, in memory (Lambda warm reuse) and optionally on disk (the CLI).
 */
export { SdrCache, getSdrs, lookupSdrs, type SdrCacheOptions, type SdrCacheStats, type SdrLookup, type GetSdrsOptions } from './sdr-cache.ts';
export { sdrCacheKey, scopedSdrCacheKey, isCacheableState, SDR_CACHE_KEY_PATTERN, type SdrCacheIdentity, type SdrCacheState } from './key.ts';
export { MemorySdrStore, type MemorySdrStoreOptions } from './memory-store.ts';
export { FileSdrStore, defaultSdrCacheDir, type FileSdrStoreOptions } from './file-store.ts';
export { toCacheDocument, fromCacheDocument, SDR_CACHE_FORMAT, SDR_CACHE_VERSION, type SdrCacheDocument } from './document.ts';
export type { SdrCacheStore } from './store.ts';
