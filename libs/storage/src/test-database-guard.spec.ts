import { assertTestDatabase } from './test-database-guard';

describe('assertTestDatabase', () => {
  it('allows databases whose name contains "test"', () => {
    expect(() => assertTestDatabase('postgres://postgres@127.0.0.1:5432/userops_test')).not.toThrow();
    expect(() => assertTestDatabase('postgres://u@h/TestDb')).not.toThrow();
  });

  it('refuses any other database, naming it', () => {
    expect(() => assertTestDatabase('postgres://postgres@127.0.0.1:5432/userops')).toThrow(
      'refusing to run a destructive test helper on database "userops": its name lacks "test". Point DATABASE_URL at a test database.',
    );
    expect(() => assertTestDatabase('not a url')).toThrow('DATABASE_URL is not a URL');
  });
});
