export interface CliArguments {
  command: string | undefined;
  /** `--name value` pairs; a flag without a value maps to "true". */
  options: Map<string, string>;
}

export function parseCliArguments(argv: readonly string[]): CliArguments {
  const options = new Map<string, string>();
  let command: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument.startsWith('--')) {
      const [name, inline] = argument.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const next = argv[index + 1];
      if (inline !== undefined) options.set(name, inline);
      else if (next !== undefined && !next.startsWith('--')) {
        options.set(name, next);
        index++;
      } else options.set(name, 'true');
    } else if (command === undefined) command = argument;
  }
  return { command, options };
}
