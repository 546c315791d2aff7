import { httpClient, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

test('the OpenAPI document at /docs-json describes every route, and each request body schema names its fields', async () => {
  const http = httpClient(api.url);
  const answer = await http.get('/docs-json');
  expect(answer.status).toBe(200);
  const document = answer.body;
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining(['/complaints', '/complaints/{id}/close', '/complaints/{id}/history']),
  );
  const bodies = Object.values(document.paths).flatMap((operations) =>
    Object.values(
      operations as Record<string, { requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>,
    )
      .map((operation) => operation.requestBody?.content['application/json']?.schema.$ref)
      .filter((ref): ref is string => Boolean(ref)),
  );
  expect(bodies.length).toBeGreaterThan(15);
  for (const ref of bodies) {
    const schema = document.components.schemas[ref.split('/').pop()!];
    expect({ ref, properties: Object.keys(schema.properties ?? {}).length > 0 }).toEqual({ ref, properties: true });
  }
  expect(document.components.schemas.ReceiveComplaintDto.required).toEqual(
    expect.arrayContaining(['channel', 'customer']),
  );
});

test('the interactive documentation is served at /docs', async () => {
  const answer = await fetch(`${api.url}/docs`);
  expect(answer.status).toBe(200);
  expect(await answer.text()).toContain('swagger');
});
