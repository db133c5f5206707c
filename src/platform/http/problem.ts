import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  AppError,
  type Language,
  PROBLEM_CODES,
  pickLanguage,
  problemMessage,
  type Reason,
} from '../errors.js';
import { answeredProblem } from './metrics-hooks.js';

/** A reason's sentence in each language of the service. */
export const SentencesSchema = Type.Object(
  { ko: Type.String(), en: Type.String() },
  {
    description:
      'the same sentence in each language of the service, for a reader who switches language while it is shown',
  },
);

/** RFC 9457 problem document, as every refusal of the HTTP API is answered. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.Union(PROBLEM_CODES.map((c) => Type.Literal(c))),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    reasons: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: Type.String(),
            detail: Type.String(),
            sentences: Type.Optional(SentencesSchema),
            params: Type.Optional(Type.Record(Type.String(), Type.Any())),
          },
          { additionalProperties: true },
        ),
      ),
    ),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem document' },
);

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:library-one:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

export function languageOf(request: FastifyRequest): Language {
  return pickLanguage(request.headers['accept-language']);
}

/**
 * A reason as the API answers it: its code, the sentence in the reader's language and in each
 * language (the person may switch language while it is on screen: a refusal's write is not sent
 * again to word it, nor a card scanned again), and the facts when it has any.
 */
export function reasonBody(reason: Reason, language: Language) {
  const sentences = {
    ko: problemMessage(reason.code, 'ko', reason.params),
    en: problemMessage(reason.code, 'en', reason.params),
  };
  const facts = reason.params && Object.keys(reason.params).length > 0;
  return {
    code: reason.code,
    detail: sentences[language],
    sentences,
    ...(facts ? { params: reason.params } : {}),
  };
}

export function problemBody(error: AppError, request: FastifyRequest) {
  const language = languageOf(request);
  const first = error.reasons[0]!;
  return {
    type: problemType(first.code),
    title: first.code,
    status: error.status,
    code: first.code,
    detail: problemMessage(first.code, language, { requestId: request.id, ...first.params }),
    instance: request.routeOptions?.url ?? undefined,
    requestId: request.id,
    reasons: error.reasons.map((r) => reasonBody(r, language)),
  };
}

export function sendProblem(
  reply: FastifyReply,
  error: AppError,
  headers: Record<string, string> = {},
) {
  answeredProblem.set(reply.request, error.code);
  return reply
    .status(error.status)
    .headers(headers)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problemBody(error, reply.request));
}

/** The responses every route can give besides its own. */
export function problemResponses(...statuses: number[]) {
  const problem = Type.Ref('Problem');
  return Object.fromEntries([400, ...statuses].map((s) => [s, problem]));
}

export { AppError };
