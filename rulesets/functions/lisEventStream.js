import { claimedProfiles, endpointsOf } from './lib/profiles.js';

/**
 * When the streaming profile is claimed, the chat completions operation declares a 200 response with a
 * `text/event-stream` body (the stream of server-sent events). Options: `profiles` (null: what the document claims).
 */
export default function lisEventStream(document, options) {
  if (document === null || typeof document !== 'object') return;
  if (!claimedProfiles(document, options?.profiles ?? undefined).includes('streaming')) return;
  const chat = endpointsOf(document).get('/chat/completions');
  const operation = chat?.item?.post;
  if (!operation || typeof operation !== 'object') return; // reported by lis-profile-endpoints
  const responses = operation.responses ?? {};
  const ok = responses['200'] ?? responses['2XX'];
  const content = ok && typeof ok === 'object' ? ok.content ?? {} : {};
  if (Object.keys(content).some((type) => type.toLowerCase().split(';')[0].trim() === 'text/event-stream')) return;
  const path = ['paths', chat.key, 'post', 'responses'];
  if (ok) path.push(responses['200'] ? '200' : '2XX');
  return [{ message: 'the streaming profile is claimed, but POST /chat/completions declares no 200 response with content text/event-stream', path }];
}
