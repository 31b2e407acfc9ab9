// The writer lives with the engine, which writes v2 row text column-wise (engine/chunk.ts).
export { rowsToJson, toJson } from '../engine/json';
