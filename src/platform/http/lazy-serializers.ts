import {
  type RouteDefinition,
  type Serializer,
  SerializerSelector,
} from '@fastify/fast-json-stringify-compiler';

/**
 * Fastify compiles a serializer for every response schema of every route when it starts: with
 * each route's refusals typed, that was over a second of a three-second start-up, for answers
 * most processes never send. Here each one is compiled when its first answer is sent, and kept.
 */
export function lazySerializers() {
  const pending = new Set<() => Serializer>();
  const factory = SerializerSelector();

  function buildSerializer(...args: Parameters<typeof factory>) {
    const compile = factory(...args);
    return (route: RouteDefinition): Serializer => {
      let serializer: Serializer | undefined;
      const compileOnce = () => {
        serializer ??= compile(route);
        pending.delete(compileOnce);
        return serializer;
      };
      pending.add(compileOnce);
      return (document) => (serializer ?? compileOnce())(document);
    };
  }

  /** Compiles every serializer not yet used (a schema that cannot be compiled throws here). */
  function compileAll(): number {
    const count = pending.size;
    for (const compileOnce of [...pending]) compileOnce();
    return count;
  }

  return { buildSerializer, compileAll };
}
