import type { BuildOptions, Plugin } from 'esbuild';

export declare const EXTERNAL: string[];
export declare const demoPartsAbsent: Plugin;
export declare function productionBundle(entry: string, outfile: string, options?: { metafile?: boolean }): BuildOptions & { metafile: boolean };
