import { isNlpError } from '../errors/nlp.error';
import { parseCliArguments } from './cli.arguments';

const usage = `usage: npm run eval -- <command> [options]
  sentiment [--data DIR]         shipped model on the fixed UCI test split, plus cross-domain accuracy
  sentiment --file PATH          shipped model on any file of "sentence<TAB>0|1" lines
  topics                         per-label precision/recall/F1 and macro-F1 on the held-out split
  train-sentiment [--data DIR]   regenerate libs/nlp/models/sentiment-model.json
  train-topics                   regenerate libs/nlp/models/topic-model.json
  train [--data DIR]             both
DIR defaults to $USEROPS_SENTIMENT_DATA, else shared/data/sentiment beside the repository.`;

// Commands are loaded on demand: the training commands must run even when a shipped model file
// is missing or broken, which is exactly when they are needed.
async function run(argv: readonly string[]): Promise<number> {
  const { command, options } = parseCliArguments(argv);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const dataDir = options.get('data');
  switch (command) {
    case 'sentiment': {
      const { sentimentCommand, sentimentFileCommand } = await import('./sentiment-eval.command');
      const file = options.get('file');
      if (file !== undefined) sentimentFileCommand(print, file);
      else sentimentCommand(print, dataDir);
      return 0;
    }
    case 'topics': {
      const { topicsCommand } = await import('./topics-eval.command');
      topicsCommand(print);
      return 0;
    }
    case 'train-sentiment':
    case 'train-topics':
    case 'train': {
      const { trainSentimentCommand, trainTopicsCommand } = await import('./train-models.command');
      if (command !== 'train-topics') await trainSentimentCommand(print, dataDir);
      if (command !== 'train-sentiment') await trainTopicsCommand(print);
      return 0;
    }
    default:
      process.stderr.write(`${command === undefined ? '' : `unknown command "${command}"\n`}${usage}\n`);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      isNlpError(error)
        ? `eval failed [${error.code}]: ${error.message}\n`
        : `eval failed: ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exit(1);
  },
);
