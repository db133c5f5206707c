import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import type { App } from '../../platform/http/server.js';
import { memberDeskRoutes } from './desk-routes.js';
import { memberPortalRoutes } from './portal-routes.js';
import { CardSchema, MemberSchema } from './schemas.js';

const _PublicRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const _MemberRef = Type.Ref('Member');

export async function memberRoutes(app: App, context: AppContext) {
  app.addSchema(CardSchema);
  app.addSchema(MemberSchema);
  await memberPortalRoutes(app, context);
  await memberDeskRoutes(app, context);
}
