// Imported first by the server and the CLI (before any module compiles a regular expression): compile each
// regular expression to native code on first use instead of interpreting it first and compiling it again on
// its second use. The language rules run ~120 large expressions per sentence, so a process's first lint spent
// most of its time compiling them twice (measured: first lint of a 200-line postmortem ~140 ms -> ~80 ms;
// steady state unchanged). Matching semantics are the same either way. Node only (not part of the engine).
import { setFlagsFromString } from 'node:v8';

try {
  setFlagsFromString('--no-regexp-tier-up');
} catch {
  // an embedder that refuses the flag keeps V8's default
}
