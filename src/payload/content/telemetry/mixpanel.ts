/**
 * Mixpanel events ({"event", "properties": {"token", "distinct_id", "$device_id", "$user_id"}}) and profile
 * updates ({"$token", "$distinct_id", "$set"}), usually base64 JSON in a data= parameter (decoded before this
 * sees them). The project token names the customer's project, not a person: it is not reported.
 */
import { emitAt, isRecord, type JsonRecognizer } from './recognizer.js';

export const mixpanelRecognizer: JsonRecognizer = {
  id: 'mixpanel',
  recognize(value, field, out) {
    if (!isRecord(value)) return false;
    const props = value.properties;
    if (isRecord(props) && typeof props.token === 'string' && ('distinct_id' in props || '$device_id' in props)) {
      emitAt(out, value, field, ['properties', 'distinct_id'], 'mixpanel-distinct-id');
      emitAt(out, value, field, ['properties', '$device_id'], 'mixpanel-device-id');
      emitAt(out, value, field, ['properties', '$user_id'], 'mixpanel-user-id');
      return true;
    }
    if (typeof value.$token === 'string' && '$distinct_id' in value) {
      emitAt(out, value, field, ['$distinct_id'], 'mixpanel-distinct-id');
      emitAt(out, value, field, ['$device_id'], 'mixpanel-device-id');
      emitAt(out, value, field, ['$user_id'], 'mixpanel-user-id');
      return true;
    }
    return false;
  },
};
