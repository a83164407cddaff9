import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ConsumerRegistry } from './infrastructure/consumer-registry';

export interface BootstrapOptions {
  serviceName: string;
  description: string;
  host: string;
  port: number;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  /** Exit cleanly on SIGTERM/SIGINT (default true; tests running several apps in one process turn it off). */
  handleSignals?: boolean;
  /** Nest's JSON body parser; off when `configure` installs its own content parsers. */
  bodyParser?: boolean;
  /** Extra set-up on the Fastify app before it listens (content parsers, hooks). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/**
 * Builds and starts a service: Fastify, JSON logs, OpenAPI at /docs, shutdown hooks (SIGTERM stops
 * consumers, lets in-flight work finish, commits and closes pools), then consumers once HTTP listens.
 */
export async function startService(
  appModule: Type<unknown> | DynamicModule,
  options: BootstrapOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    appModule,
    new FastifyAdapter({ bodyLimit: options.bodyLimit ?? 1024 * 1024, trustProxy: true }),
    { bufferLogs: true, bodyParser: options.bodyParser ?? true },
  );
  const logger = app.get(Logger);
  app.useLogger(logger);
  if (options.handleSignals ?? true) stopOnSignals(app, logger, options.serviceName);
  await options.configure?.(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`userops ${options.serviceName}`)
      .setDescription(options.description)
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  await app.listen({ host: options.host, port: options.port });
  await app.get(ConsumerRegistry).startAll();
  logger.log(`${options.serviceName} listening on http://${options.host}:${options.port} (docs at /docs)`);
  return app;
}

/**
 * SIGTERM/SIGINT close the app (consumers stop and commit, then the producer and pools close) and
 * exit 0, so orchestrators see a clean stop; a second signal exits at once.
 */
function stopOnSignals(app: INestApplication, logger: Logger, serviceName: string): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.log(`${serviceName} stopping on ${signal}`);
    app.close().then(
      () => {
        logger.log(`${serviceName} stopped`);
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`${serviceName} did not stop cleanly: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
