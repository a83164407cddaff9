import type { DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { LoggerModule } from 'nestjs-pino';
import { HealthModule } from './health/health.module';
import { ProblemFilter } from './http/problem.filter';
import { InfrastructureModule, type InfrastructureOptions } from './infrastructure/infrastructure.module';

/**
 * Request headers that carry credentials (write keys in Basic auth, admin bearer tokens, session
 * cookies): the request log must never hold them, whatever the level.
 */
const redactedLogPaths = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'];

/** pino-http settings of every service's request log. */
export function requestLogOptions(serviceName: string, logLevel: string) {
  return {
    level: logLevel,
    base: { service: serviceName },
    redact: { paths: redactedLogPaths, censor: '[redacted]' },
    // Health probes and scrapes would drown the request log.
    autoLogging: {
      ignore: (req: { url?: string }) => ['/healthz', '/readyz', '/metrics'].includes(req.url ?? ''),
    },
  };
}

export interface ServiceModuleOptions extends InfrastructureOptions {
  logLevel: string;
}

/**
 * The modules every userops service imports: JSON logs (pino), Prometheus /metrics, /healthz and
 * /readyz, the problem answer for errors, and its infrastructure clients.
 */
export function serviceModules(options: ServiceModuleOptions): DynamicModule[] {
  return [
    LoggerModule.forRoot({
      pinoHttp: requestLogOptions(options.serviceName, options.logLevel),
    }),
    PrometheusModule.register({
      path: '/metrics',
      defaultMetrics: { enabled: true },
      defaultLabels: { service: options.serviceName },
    }),
    { module: HealthModule, global: true },
    // One answer shape for every error of every service (see ProblemFilter).
    { module: class HttpProblemsModule {}, providers: [{ provide: APP_FILTER, useClass: ProblemFilter }] },
    InfrastructureModule.forRoot(options),
  ];
}
