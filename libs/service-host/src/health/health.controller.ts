import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ReadinessChecks } from './readiness-checks';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessChecks,
  ) {}

  @Get('healthz')
  @ApiOperation({ summary: 'Liveness: the process answers.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: Kafka, PostgreSQL, Redis and the consumers answer; 503 otherwise.' })
  ready() {
    return this.health.check(
      this.readiness.entries().map(([name, check]) => async () => {
        const indicator = this.indicators.check(name);
        const result = await check();
        return result.up
          ? indicator.up({ latencyMs: result.latencyMs })
          : indicator.down({ error: result.error });
      }),
    );
  }
}
