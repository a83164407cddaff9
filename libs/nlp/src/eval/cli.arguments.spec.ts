import { parseCliArguments } from './cli.arguments';

describe('parseCliArguments', () => {
  it('takes the first bare word as the command and --name value pairs as options', () => {
    const parsed = parseCliArguments([
      'sentiment',
      '--file',
      'my reviews.txt',
      '--data=/tmp/uci',
      '--verbose',
    ]);
    expect(parsed.command).toBe('sentiment');
    expect(Object.fromEntries(parsed.options)).toEqual({
      file: 'my reviews.txt',
      data: '/tmp/uci',
      verbose: 'true',
    });
  });

  it('leaves the command undefined when there is none', () => {
    expect(parseCliArguments([]).command).toBeUndefined();
  });
});
