import { PermanenceError } from '../../../../shared/api';

export function firmNotFound(firmId: string): PermanenceError {
  return new PermanenceError('NOT_FOUND', 'Ce cabinet n’existe pas.', undefined, {
    key: 'privacy.errors.firmNotFound',
    values: { firmId },
  });
}
