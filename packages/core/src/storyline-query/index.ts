/** Search-style queries ("New START" OR "strategic arms" -Iran, Putin NEAR/10 Xi) compiled to storylines. */
export {
  type CompiledQuery,
  type CompileOptions,
  compileQuery,
  nearWindow,
  QUERY_CUE_WEIGHT,
  QUERY_EXCLUSION_STRENGTH,
  QUERY_THRESHOLD,
  SENTENCE_WORDS,
  slugFromTerms,
} from "./compile.ts";
export { pointAt, QueryError } from "./errors.ts";
export { MAX_NEAR_WORDS, MAX_QUERY_CHARS, type Token, tokenize } from "./lexer.ts";
export { DEFAULT_NEAR_WORDS, parseQuery, type QueryNode } from "./parser.ts";
