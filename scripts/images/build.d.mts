// Types for build.mjs, for the tests that call it.
export interface StandIn {
  repository: string;
  probe?: string;
  folder: string;
}
export declare const STAND_INS: StandIn[];
export declare function buildOne(standIn: StandIn, base: string, log: (line: string) => void, root?: string): Promise<string>;
export declare function ensureImages(options?: { log?: (line: string) => void }): Promise<string>;
