import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import type { App } from '../../platform/http/server.js';
import facts from './privacy-facts.json' with { type: 'json' };

const Text = Type.Object({ ko: Type.String(), en: Type.String() });

/** The facts of docs/privacy.md, as the portal's privacy policy page and consent block read them. */
const PrivacyPolicySchema = Type.Object({
  version: Type.String(),
  controller: Text,
  consent: Type.Object({
    version: Type.String(),
    title: Text,
    items: Text,
    purpose: Text,
    retention: Text,
    refusal: Text,
  }),
  periods: Type.Record(Type.String(), Type.Number()),
  records: Type.Array(
    Type.Object({
      table: Type.String(),
      /** What a member calls it (every record holding personal data has one). */
      name: Type.Optional(Text),
      columns: Type.Array(Type.String()),
      purpose: Text,
      retention: Text,
      readers: Text,
    }),
  ),
  elsewhere: Type.Array(Type.Object({ what: Text, holds: Text, retention: Text })),
});

export async function privacyRoutes(app: App, _context: AppContext) {
  app.get(
    '/api/v1/privacy-policy',
    {
      schema: {
        tags: ['members'],
        summary:
          'What personal data is kept, why, for how long and who reads it; the consent text (its version is stored with a registration)',
        response: { 200: PrivacyPolicySchema },
      },
    },
    async () => facts,
  );
}
