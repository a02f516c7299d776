/** One thing the verifier found wrong: where (a log's file and line, or a document) and what. */
export interface AuditFinding {
  where: string;
  problem: string;
}
