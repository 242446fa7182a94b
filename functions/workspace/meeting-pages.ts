import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { PageRequest } from './context.ts';

type Get = (request: PageRequest) => Promise<APIGatewayProxyStructuredResultV2>;
type Post = (request: PageRequest, form: URLSearchParams) => Promise<APIGatewayProxyStructuredResultV2>;

export const MEETING_PAGES: { get: Record<string, Get>; post: Record<string, Post> } = { get: {}, post: {} };
