import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

type ValidatorFactory = NonNullable<
  NonNullable<
    NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
  >['buildValidator']
>;

/** The validator's options for every part of a request. */
export const AJV_OPTIONS = {
  allErrors: false,
  coerceTypes: 'array',
  removeAdditional: false,
} as const;

/**
 * Validators that coerce the URL's and the headers' text (a `?limit=20` is a number) but never a
 * JSON body, whose values are typed already. Coercion of a body would read a `Type.Union` of an
 * integer and null in its first branch that fits: `null` became 0 (a library clearing its hold
 * limit to follow the network's stopped every hold there) and an out-of-range 0 became null.
 */
export const bodyStrictValidators: ValidatorFactory = (externalSchemas, options) => {
  const pool = AjvCompiler();
  const coercing = pool(externalSchemas, options);
  const strictOptions = {
    ...options,
    customOptions: { ...options?.customOptions, coerceTypes: false },
  } as typeof options;
  const strict = pool(externalSchemas, strictOptions);
  return (route) => (route.httpPart === 'body' ? strict(route) : coercing(route));
};
