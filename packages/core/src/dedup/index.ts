/** Duplicate and update detection: fingerprints, pairwise comparison, placing a story among candidates. */
export { type Candidate, classifyAgainst, type Placement } from "./classify.ts";
export { type CompareOptions, type CompareRelation, type CompareResult, compare, comparePrepared } from "./compare.ts";
export { fingerprintSimilarity, hammingDistance, shingles, simhash } from "./hash.ts";
export { foldSpelling, isBoilerplate, isPhotoCaption, stripDateline } from "./normalize.ts";
export { fingerprint, type Prepared, prepare, preparedFingerprint } from "./prepare.ts";
