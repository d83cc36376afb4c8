import { expect, sandbox, test, type EndUser } from './fixtures';
import { ROUTE } from './dialect';
import { countComments, signInQuickly } from './resilience-helpers';

/**
 * Mark as solved: where the help desk lets the customer (an assigned request of theirs, new, open
 * or pending), with a last word or without, through the one write path: a retry after a lost
 * answer never solves twice nor adds the comment twice.
 */
test.describe.configure({ timeout: 60_000 });

/** A request of the customer's that the help desk lets them solve: assigned to an agent. */
async function solvableRequest(requester: EndUser, subject: string): Promise<string> {
  const agent = await sandbox.createAgent('Sol Agent');
  const id = await sandbox.createRequest(requester, subject, 'It broke');
  await sandbox.setAssignee(id, agent.id);
  await sandbox.agentReply(agent, id, 'Fixed, I think.');
  return id;
}

/** The status as the help desk holds it (the agent's full view). */
async function statusOf(id: string): Promise<string | undefined> {
  return /<status-id[^>]*>(\d+)<\/status-id>/.exec(await sandbox.ticketXml(id))?.[1];
}
const SOLVED = '3';

test.describe('with JavaScript', () => {
  test('"Mark as solved" with an empty box solves it, and the page then says so', async ({ page, requester, requestPage }) => {
    await signInQuickly(page.request, requester);
    const id = await solvableRequest(requester, 'Solve me');
    await requestPage.goto(id);
    await expect(requestPage.markSolved()).toBeVisible();
    await requestPage.markAsSolved();
    await expect(requestPage.detail('Status')).toHaveText('Solved');
    await expect(requestPage.anySolveButton()).toHaveCount(0);
    await expect(page.getByText('This request is solved. Replying reopens it.')).toBeVisible();
    await expect(requestPage.messages()).toHaveCount(2);
    expect(await statusOf(id)).toBe(SOLVED);
  });

  test('the button follows the box: "Mark as solved and send" sends the reply and solves it', async ({ page, requester, requestPage }) => {
    await signInQuickly(page.request, requester);
    const id = await solvableRequest(requester, 'Solve with a word');
    await requestPage.goto(id);
    await requestPage.reply().fill('Thanks, all good now.');
    await expect(requestPage.markSolved()).toHaveCount(0);
    await requestPage.reply().fill('   ');
    await expect(requestPage.markSolved()).toBeVisible();
    await requestPage.reply().fill('Thanks, all good now.');
    await requestPage.markSolvedAndSend().click();
    await expect(page.getByRole('status').filter({ hasText: 'Your reply was sent and the request is marked as solved.' })).toBeVisible();
    await expect(requestPage.detail('Status')).toHaveText('Solved');
    await expect(requestPage.messages().last()).toContainText('Thanks, all good now.');
    await expect(requestPage.reply()).toHaveValue('');
    expect(await countComments(id, 'Thanks, all good now.')).toBe(1);
    expect(await statusOf(id)).toBe(SOLVED);
  });

  test('a request the help desk won’t let the customer solve shows no button', async ({ page, requester, requestPage }) => {
    await signInQuickly(page.request, requester);
    // Unassigned: the help desk says it cannot be solved by the customer.
    const unassigned = await sandbox.createRequest(requester, 'Nobody on it', 'Body');
    await requestPage.goto(unassigned);
    await expect(requestPage.send()).toBeVisible();
    await expect(requestPage.anySolveButton()).toHaveCount(0);
    // Solved already.
    const solved = await solvableRequest(requester, 'Done already');
    await sandbox.setStatus(solved, 'solved');
    await requestPage.goto(solved);
    await expect(requestPage.send()).toBeVisible();
    await expect(requestPage.anySolveButton()).toHaveCount(0);
  });

  for (const lastWord of ['', 'Solved on my side, thanks.']) {
    test(`a retry after a lost answer solves once${lastWord ? ' and adds the comment once' : ''}`, async ({ page, requester, requestPage }) => {
      await signInQuickly(page.request, requester);
      const id = await solvableRequest(requester, `Lost answer ${lastWord ? 'with' : 'without'} a comment`);
      await requestPage.goto(id);
      // The help desk does it at once but answers after 4 s; the portal gives up after 3 s.
      const { id: fault } = await sandbox.fault({ route: ROUTE.reply, user: requester, kind: 'slow', ms: 4_000, times: 1 });
      await requestPage.reply().fill(lastWord);
      await (lastWord ? requestPage.markSolvedAndSend() : requestPage.markSolved()).click();
      const alert = page.getByRole('main').getByRole('alert');
      await expect(alert).toContainText('we can’t tell yet whether your request was marked as solved', { timeout: 15_000 });
      await expect(requestPage.reply()).toHaveValue(lastWord);
      await sandbox.clearFault(fault);

      await sandbox.resetCalls(requester);
      const done = page.getByRole('status').filter({ hasText: lastWord ? 'Your reply was sent and the request is marked as solved.' : 'You marked this request as solved.' });
      await expect(async () => {
        if (!(await done.isVisible())) await (lastWord ? requestPage.markSolvedAndSend() : requestPage.markSolved()).click({ timeout: 2_000 });
        await expect(done).toBeVisible({ timeout: 5_000 });
      }).toPass({ timeout: 30_000, intervals: [1_000] });
      // Found, not sent again.
      expect((await sandbox.calls(requester)).byRoute[ROUTE.reply]).toBeUndefined();
      expect(await statusOf(id)).toBe(SOLVED);
      if (lastWord) expect(await countComments(id, lastWord)).toBe(1);
      await expect(requestPage.messages()).toHaveCount(lastWord ? 3 : 2);
    });
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('both choices are plain: "Mark as solved" says a written reply goes with it, and either way it is solved', async ({ page, requester, requestPage }) => {
    await signInQuickly(page.request, requester);
    const withoutWord = await solvableRequest(requester, 'Plain HTML solve');
    await requestPage.goto(withoutWord);
    await expect(requestPage.send()).toBeVisible();
    await expect(requestPage.markSolved()).toBeVisible();
    await expect(page.getByText('If you wrote a reply above, it is sent with it.')).toBeVisible();
    await requestPage.markAsSolved();
    await expect(requestPage.detail('Status')).toHaveText('Solved');
    await expect(requestPage.messages()).toHaveCount(2);

    const withWord = await solvableRequest(requester, 'Plain HTML solve and send');
    await requestPage.goto(withWord);
    await requestPage.reply().fill('Closing this, thank you.');
    await requestPage.markSolved().click();
    await expect(page.getByRole('status').filter({ hasText: 'Your reply was sent and the request is marked as solved.' })).toBeVisible();
    await expect(requestPage.detail('Status')).toHaveText('Solved');
    await expect(requestPage.messages().last()).toContainText('Closing this, thank you.');
    expect(await countComments(withWord, 'Closing this, thank you.')).toBe(1);
  });

  test('a last word the form refuses comes back with its message and its text, and nothing is solved', async ({ page, requester, requestPage }) => {
    await signInQuickly(page.request, requester);
    const id = await solvableRequest(requester, 'Refused last word');
    await requestPage.goto(id);
    await requestPage.reply().fill('a\u0000b');
    await requestPage.markSolved().click();
    await expect(page.locator('#body-errors')).toContainText('NUL');
    await expect(requestPage.reply()).toHaveValue('a\uFFFDb');
    // The text came back, so the button now says it will be sent.
    await expect(requestPage.markSolvedAndSend()).toBeVisible();
    expect(await statusOf(id)).not.toBe(SOLVED);
  });
});
