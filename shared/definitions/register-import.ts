/**
 * The register import's pacing (issue 16), read by the state machine (infra) and the docs.
 * Shards imported at once by the distributed map, each eight providers at a time: 32 providers'
 * transactions at once keep the writes on the constant-key indexes well under the 1,000 write
 * units a second one partition takes (STYLE.md, "DynamoDB at the register's scale").
 */
export const IMPORT_SHARDS_AT_ONCE = 4;
