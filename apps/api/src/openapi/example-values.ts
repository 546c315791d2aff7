/** Values the OpenAPI examples share, so one complaint's story reads the same from route to route. */
export const EXAMPLE_COMPLAINT_ID = '56c8efe3-72c9-41a7-a87c-087e8266f751';
export const EXAMPLE_COMPENSATION_ID = '168d617c-8b22-49b1-8a3b-540c4412793e';
export const EXAMPLE_EVENT_ID = '961f76f2-e563-485a-94dc-1a82c31ef975';
export const EXAMPLE_SUBSCRIPTION_ID = 'c8b5ff5a-6573-49cb-aa42-820f5fc6c54c';
export const EXAMPLE_CORRELATION_ID = '4c7731ee-1548-4d82-a066-3f8d838e2612';
export const EXAMPLE_STREAM = `complaint-${EXAMPLE_COMPLAINT_ID}`;
/** A place in the global feed: opaque to clients, passed back to resume after it. */
export const EXAMPLE_POSITION = '82950/2';
