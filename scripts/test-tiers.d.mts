// Types for scripts/test-tiers.mjs (plain JavaScript so scripts/run-tests.mjs runs it without a loader).
export interface SystemTool {
  package: string;
  then?: string;
  commands?: string[];
  files?: string[];
}
export interface MissingTool extends SystemTool {
  tool: string;
  files: string[];
}
export declare const ALL_TESTS: string[];
export declare const E2E_TESTS: string[];
export declare const INTEGRATION_TESTS: string[];
export declare const SYSTEM_TOOLS: Record<string, SystemTool>;
export declare const TOOLS_NEEDED: { files: string[]; tools: string[] }[];
export declare function missingTools(root?: string): MissingTool[];
export declare function skippedFiles(missing: MissingTool[]): string[];
export declare function skipLines(missing: MissingTool[]): string[];
export declare function toolsDeclaredFor(file: string, root?: string): Set<string>;
