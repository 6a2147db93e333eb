// The part of jsdiff (`diff`, v7 ships no types) that the CLI uses: parsePatch reads a unified diff.
declare module 'diff' {
  export interface Hunk {
    oldStart: number;
    oldLines: number;
    newStart: number;
    newLines: number;
    /** Each line with its marker: '+', '-', ' ' or '\' (no newline at end of file). */
    lines: string[];
  }
  export interface ParsedDiff {
    index?: string;
    oldFileName?: string;
    newFileName?: string;
    oldHeader?: string;
    newHeader?: string;
    hunks: Hunk[];
  }
  export function parsePatch(diff: string): ParsedDiff[];
}
