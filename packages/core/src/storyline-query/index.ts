/** Search-style queries ("New START" OR "strategic arms" -Iran, Putin NEAR/10 Xi) compiled to storylines. */
export {
  COMPILED_DESCRIPTION_PREFIX,
  type CompiledQuery,
  type CompileOptions,
  compiledTitle,
  compileQuery,
  isCompiledDescription,
  isCompiledTitle,
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
