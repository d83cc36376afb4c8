// After the run: read back everything the virtual customers own from the sandbox and hold it
// against the ledger. Every acknowledged request and comment must be there exactly once (and in
// the right place); nothing may be there twice; a write the portal refused must not be there.

/** Runs `task` over `items`, `limit` at a time. */
export async function inBatches(items, limit, task) {
  const results = [];
  for (let i = 0; i < items.length; i += limit) results.push(...(await Promise.all(items.slice(i, i + limit).map(task))));
  return results;
}

export async function verifyWrites(ledger, sandbox, users) {
  const pattern = ledger.markerPattern();
  // marker → where it was found: request ids (by subject) or request ids of comments.
  const found = new Map();
  const see = (marker, where) => found.set(marker, [...(found.get(marker) ?? []), where]);
  for (const requests of await inBatches(users, 8, (user) => sandbox.requestsOf(user))) {
    for (const request of requests) {
      for (const [marker] of request.subject.matchAll(pattern)) see(marker, request.id);
      for (const comment of request.comments) {
        // A request's description is also its first comment: only reply markers count there.
        for (const [marker] of comment.matchAll(pattern)) if (marker.includes('-c')) see(marker, request.id);
      }
    }
  }

  const outcome = { acknowledged: 0, saved: 0, lost: [], duplicated: [], misplaced: [], refusedButSaved: [], unanswered: 0, unansweredSaved: 0, unknown: [] };
  for (const [marker, write] of ledger.writes) {
    const places = found.get(marker) ?? [];
    if (places.length > 1) outcome.duplicated.push({ marker, places });
    if (write.state === 'acknowledged') {
      outcome.acknowledged++;
      const expected = write.kind === 'request' ? write.id : write.target;
      if (places.length === 0) outcome.lost.push({ marker, id: write.id });
      else if (!places.includes(expected)) outcome.misplaced.push({ marker, expected, places });
      else if (places.length === 1) outcome.saved++;
    } else if (write.state === 'refused') {
      if (places.length > 0) outcome.refusedButSaved.push({ marker, problem: write.problem, places });
    } else {
      // Sent but never answered: cut off by the end of the run (or a timeout, counted as an error).
      outcome.unanswered++;
      if (places.length > 0) outcome.unansweredSaved++;
    }
  }
  for (const marker of found.keys()) if (!ledger.writes.has(marker)) outcome.unknown.push(marker);
  return outcome;
}
