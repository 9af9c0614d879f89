/** The webhook service of a composition root, or a clear error where none is configured. */
import { internal } from '../core/errors.ts';
import type { WebhookService } from '../core/monitoring/webhooks/service.ts';
import type { ApiServices } from './services.ts';

export function webhookService(services: ApiServices): WebhookService {
  if (!services.webhooks) throw internal('webhooks are not configured in this deployment');
  return services.webhooks;
}
