import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseWith } from '@userops/contracts';
import { z } from 'zod';
import { AdminTokenGuard } from '@userops/service-host';
import { IngestHttpError } from '../http/ingest-http.error';
import { SourceNameTakenError, SourceNotFoundError, SourcesService } from './sources.service';

const createSourceBody = z.object({
  name: z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
});
const uuidParam = z.uuid({ message: 'must be a UUID' });

/** Parses a body (problems keep their paths) or a path parameter (problems name the parameter). */
function parseOr400<S extends z.ZodType>(schema: S, input: unknown, parameter?: string): z.output<S> {
  const parsed = parseWith(schema, input);
  if (!parsed.ok)
    throw IngestHttpError.validation(parsed.problems.map((p) => ({ ...p, path: parameter ?? p.path })));
  return parsed.value;
}

function mapDomainError(error: unknown): never {
  if (error instanceof SourceNotFoundError) throw new IngestHttpError(404, error.code, error.message);
  if (error instanceof SourceNameTakenError) {
    throw new IngestHttpError(409, error.code, error.message, [{ path: 'name', message: 'is taken' }]);
  }
  throw error;
}

/** Sources and their write keys. A key is shown once, at creation; revocation holds on every replica at once. */
@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('admin/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a source and its first write key.' })
  @ApiBody({ schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } })
  create(@Body() body: unknown) {
    const { name } = parseOr400(createSourceBody, body);
    return this.sources.createSource(name).catch(mapDomainError);
  }

  @Get()
  @ApiOperation({ summary: 'List sources with their keys (prefixes only).' })
  list() {
    return this.sources.listSources();
  }

  @Post(':sourceId/keys')
  @ApiOperation({ summary: 'Issue another write key for a source (for rotation).' })
  issueKey(@Param('sourceId') sourceId: string) {
    return this.sources.issueKey(parseOr400(uuidParam, sourceId, 'sourceId')).catch(mapDomainError);
  }

  @Delete(':sourceId/keys/:keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a write key: 401 for it at once on every replica.' })
  async revoke(@Param('sourceId') sourceId: string, @Param('keyId') keyId: string): Promise<void> {
    const revoked = await this.sources.revokeKey(
      parseOr400(uuidParam, sourceId, 'sourceId'),
      parseOr400(uuidParam, keyId, 'keyId'),
    );
    if (!revoked)
      throw new IngestHttpError(404, 'WRITE_KEY_NOT_FOUND', `source ${sourceId} has no key ${keyId}`);
  }
}
