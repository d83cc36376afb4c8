import assert from 'node:assert/strict';
import { test } from 'node:test';
import { embedderOrigin, heightMessage, HEIGHT_MESSAGE_TYPE } from '../messages';

const allowed = ['https://support.example.com', 'http://127.0.0.1:4090'];

test('the height message is a whole, non-negative number of pixels', () => {
  assert.deepEqual(heightMessage(812.2), { type: HEIGHT_MESSAGE_TYPE, height: 813 });
  assert.deepEqual(heightMessage(-5), { type: 'portico:height', height: 0 });
});

test('the browser’s own word on the parent (ancestorOrigins) decides when it is there', () => {
  assert.equal(embedderOrigin({ ancestorOrigin: 'https://support.example.com' }, allowed), 'https://support.example.com');
  // A parent that is not allowed gets nothing, whatever the other clues say.
  assert.equal(
    embedderOrigin({ ancestorOrigin: 'https://evil.example', hostSetting: 'https://support.example.com', referrer: 'https://support.example.com/help' }, allowed),
    null,
  );
});

test('without ancestorOrigins: the host setting, then the referrer, each only if allowed', () => {
  assert.equal(embedderOrigin({ hostSetting: 'http://127.0.0.1:4090' }, allowed), 'http://127.0.0.1:4090');
  assert.equal(embedderOrigin({ referrer: 'https://support.example.com/help/page?x=1' }, allowed), 'https://support.example.com');
  assert.equal(embedderOrigin({ hostSetting: 'https://evil.example', referrer: 'https://support.example.com/' }, allowed), 'https://support.example.com');
  // After a navigation inside the frame the referrer is the portal itself: not an embedder.
  assert.equal(embedderOrigin({ referrer: 'http://localhost:3000/requests' }, allowed), null);
  assert.equal(embedderOrigin({ referrer: 'not a url' }, allowed), null);
  assert.equal(embedderOrigin({}, allowed), null);
  assert.equal(embedderOrigin({ hostSetting: 'https://support.example.com' }, []), null);
});
