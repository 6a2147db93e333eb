// A small expander for VS Code snippet syntax, strict enough to catch what VS Code would silently
// mis-insert: tab stops `$1` `${1}`, placeholders `${1:text}` (nested), choices `${1|a,b|}` (first option
// inserted), variables `$NAME` `${NAME}` `${NAME:default}`, escapes `\$ \} \\` (and `\, \|` in choices).
// Unknown variables and transforms are errors (VS Code would insert the variable name or ignore them).

export interface TabStop {
  index: number;
  /** Offsets in the expanded text. */
  start: number;
  end: number;
  kind: 'tabstop' | 'placeholder' | 'choice';
  choices?: string[];
}

export interface Expansion {
  text: string;
  /** Every occurrence, in the order its opening appears in the body. */
  tabStops: TabStop[];
}

/** Values of VS Code's date/time variables for one instant, as the machine's local time would give them. */
export function dateVariables(now: Date, timezoneOffsetMinutes = -now.getTimezoneOffset()): Record<string, string> {
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = timezoneOffsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(timezoneOffsetMinutes);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  return {
    CURRENT_YEAR: String(now.getFullYear()),
    CURRENT_YEAR_SHORT: String(now.getFullYear()).slice(-2),
    CURRENT_MONTH: pad(now.getMonth() + 1),
    CURRENT_MONTH_NAME: months[now.getMonth()]!,
    CURRENT_MONTH_NAME_SHORT: months[now.getMonth()]!.slice(0, 3),
    CURRENT_DATE: pad(now.getDate()),
    CURRENT_DAY_NAME: days[now.getDay()]!,
    CURRENT_DAY_NAME_SHORT: days[now.getDay()]!.slice(0, 3),
    CURRENT_HOUR: pad(now.getHours()),
    CURRENT_MINUTE: pad(now.getMinutes()),
    CURRENT_SECOND: pad(now.getSeconds()),
    CURRENT_SECONDS_UNIX: String(Math.floor(now.getTime() / 1000)),
    CURRENT_TIMEZONE_OFFSET: `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`,
  };
}

export class SnippetSyntaxError extends Error {}

export function expandSnippet(body: string, variables: Record<string, string>): Expansion {
  let i = 0;
  let out = '';
  const tabStops: TabStop[] = [];
  const fail = (msg: string): never => {
    throw new SnippetSyntaxError(`${msg} at body offset ${i}: ${JSON.stringify(body.slice(Math.max(0, i - 20), i + 20))}`);
  };

  const readInt = (): number | undefined => {
    const m = /^\d+/.exec(body.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]);
  };
  const readName = (): string | undefined => {
    const m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(body.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  };
  const variable = (name: string): string => {
    const v = variables[name];
    if (v === undefined) fail(`unknown variable $${name}`);
    return v!;
  };

  /** Parses until `stop` (a closing `}` of an enclosing placeholder) or the end; appends to `out`. */
  const parseSequence = (inside: boolean): void => {
    while (i < body.length) {
      const ch = body[i]!;
      if (ch === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1]!)) {
        out += body[i + 1];
        i += 2;
      } else if (ch === '}' && inside) {
        return;
      } else if (ch === '$') {
        parseDollar();
      } else {
        out += ch;
        i++;
      }
    }
    if (inside) fail('unterminated ${');
  };

  const parseDollar = (): void => {
    const at = i;
    i++; // $
    if (body[i] === '{') {
      i++;
      const index = readInt();
      if (index !== undefined) {
        const start = out.length;
        const stop: TabStop = { index, start, end: start, kind: 'tabstop' };
        tabStops.push(stop);
        if (body[i] === '}') {
          i++;
        } else if (body[i] === ':') {
          i++;
          stop.kind = 'placeholder';
          parseSequence(true);
          i++; // }
        } else if (body[i] === '|') {
          i++;
          stop.kind = 'choice';
          const choices: string[] = [];
          let cur = '';
          for (;;) {
            if (i >= body.length) fail('unterminated choice');
            const c = body[i]!;
            if (c === '\\' && ',|\\$}'.includes(body[i + 1] ?? '')) {
              cur += body[i + 1];
              i += 2;
            } else if (c === ',') {
              choices.push(cur);
              cur = '';
              i++;
            } else if (c === '|' && body[i + 1] === '}') {
              choices.push(cur);
              i += 2;
              break;
            } else {
              cur += c;
              i++;
            }
          }
          if (choices.some((c) => c === '')) fail('empty choice');
          stop.choices = choices;
          out += choices[0];
        } else if (body[i] === '/') {
          fail('transforms are not supported');
        } else {
          fail('bad tab stop');
        }
        stop.end = out.length;
        return;
      }
      const name = readName();
      if (name === undefined) fail('bad ${');
      if (body[i] === '}') {
        i++;
        out += variable(name!);
      } else if (body[i] === ':') {
        i++;
        if (variables[name!] !== undefined) {
          // Parse (and discard) the default so nested syntax is still checked.
          const mark = out.length;
          const stops = tabStops.length;
          parseSequence(true);
          if (tabStops.length !== stops) fail('tab stop inside the default of a defined variable');
          out = out.slice(0, mark) + variables[name!];
        } else {
          parseSequence(true);
        }
        i++;
      } else {
        fail('transforms are not supported');
      }
      return;
    }
    const index = readInt();
    if (index !== undefined) {
      tabStops.push({ index, start: out.length, end: out.length, kind: 'tabstop' });
      return;
    }
    const name = readName();
    if (name !== undefined) {
      out += variable(name);
      return;
    }
    // A lone `$` is literal text in VS Code.
    i = at + 1;
    out += '$';
  };

  parseSequence(false);
  return { text: out, tabStops };
}
