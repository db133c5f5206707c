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
            sentences: Type.Optional(
              Type.Object(
                { ko: Type.String(), en: Type.String() },
                {
                  description:
                    'the same sentence in each language of the service, for a reader who switches language while it is shown',
                },
              ),
            ),
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

/** A reason as the API answers it: its code, the sentence in the reader's language, the facts. */
export function reasonBody(reason: Reason, language: Language) {
  return {
    code: reason.code,
    detail: problemMessage(reason.code, language, reason.params),
    ...paramsOf(reason),
  };
}

/** A reason's facts, when it has any (a reason without them has no `params`). */
function paramsOf(reason: Reason) {
  return reason.params && Object.keys(reason.params).length > 0 ? { params: reason.params } : {};
}

/**
 * A reason of a refusal's problem document: its sentence in each language too, since the person
 * may switch language while the refusal is on screen (the write is not sent again to word it).
 */
function problemReasonBody(reason: Reason, language: Language) {
  const sentences = {
    ko: problemMessage(reason.code, 'ko', reason.params),
    en: problemMessage(reason.code, 'en', reason.params),
  };
  return {
    code: reason.code,
    detail: sentences[language],
    sentences,
    ...paramsOf(reason),
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
    reasons: error.reasons.map((r) => problemReasonBody(r, language)),
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
