/**
 * The XML examples of the help desk API contract (/work/shared/seed/000_3d36b8d8fb3110d5.txt),
 * copied verbatim so the tests run without the seed. Where the seed elides tickets with "...",
 * the list fixtures below fill them in from its own Show examples.
 */

/** Tickets › Show (GET /tickets/303.xml): the agent's view, with private-to-agents fields. */
export const agentTicketShow = `<ticket>
<assigned-at>2007-06-03T22:15:44Z</assigned-at>
<assignee-id>4</assignee-id>
<assignee-updated-at/>
<created-at>2007-06-03T20:15:44Z</created-at>
<subject></subject>
<description>My printer is not working</description>
<external-id/>
<group-id>2</group-id>
<id>303</id>
<linked-id/>
<priority-id>3</priority-id>
<submitter-id>3</submitter-id>
<status-id>1</status-id>
<status-updated-at>2007-06-03T22:15:44Z</status-updated-at>
<requester-id>3</requester-id>
<requester-updated-at>2007-06-03T22:15:44Z</requester-updated-at>
<ticket-type-id>2</ticket-type-id>
<updated-at>2007-06-03T20:15:45Z</updated-at>
<via-id>0</via-id>
<current-tags>printer hp</current-tags>
<score>28</score>
<comments type="array">
<comment>
<author-id>3</author-id>
<created-at>2007-06-03T20:15:45Z</created-at>
<is-public>true</is-public>
<value>This is a comment</value>
<via-id>0</via-id>
<via-reference-id/>
</comment>
<comment>
<author-id>5</author-id>
<created-at>2007-06-04T10:07:02Z</created-at>
<is-public>true</is-public>
<value>Make sure it is plugged in</value>
<via-id>0</via-id>
<via-reference-id/>
</comment>
</comments>
<ticket-field-entries type="array">
<ticket-field-entry>
<ticket-field-id>139</ticket-field-id>
<value>Please contact me by phone during work hours</value>
</ticket-field-entry>
<ticket-field-entry>
<ticket-field-id>141</ticket-field-id>
<value>true</value>
</ticket-field-entry>
</ticket-field-entries>
</ticket>`;

/** Tickets › Create (POST /tickets.xml): an agent's body. The portal never sends these fields. */
export const agentTicketCreate = `<ticket>
<description>My printer is not working</description>
<requester-id>3</requester-id>
<priority-id>4</priority-id>
<set-tags>pr facility</set-tags>
<ticket-field-entries type="array">
<ticket-field-entry>
<ticket-field-id>139</ticket-field-id>
<value>Please contact me by phone during work hours</value>
</ticket-field-entry>
<ticket-field-entry>
<ticket-field-id>141</ticket-field-id>
<value>true</value>
</ticket-field-entry>
</ticket-field-entries>
</ticket>`;

/** Tickets › Create a new ticket with requester. */
export const agentTicketCreateWithRequester = `<ticket>
<description>My printer is not always working</description>
<priority-id>4</priority-id>
<requester-name>Mike Newson</requester-name>
<requester-email>mike@nowhere.com</requester-email>
</ticket>`;

/** Tickets › Create from a Twitter status: the list of configured accounts. */
export const monitoredTwitterHandles = `<monitored-twitter-handles type="array" count="2">
<monitored-twitter-handle>
<id type="integer">2</id>
<twitter-user-id type="integer">151356708</twitter-user-id>
<screen-name>@zendesk</screen-name>
</monitored-twitter-handle>
<monitored-twitter-handle>
<id type="integer">3</id>
<twitter-user-id type="integer">429822864</twitter-user-id>
<screen-name>@zendeskops</screen-name>
</monitored-twitter-handle>
</monitored-twitter-handles>`;

/** Tickets › Create from a Twitter status: the body. */
export const agentTicketCreateFromTwitter = `<ticket>
<twitter-status-message-id>8605426295771136</twitter-status-message-id>
<monitored-twitter-handle-id>4</monitored-twitter-handle-id>
</ticket>`;

/** Tickets › Update (PUT /tickets/#{id}.xml): an agent's body. */
export const agentTicketUpdate = `<ticket>
<assignee-id>5</assignee-id>
<additional-tags>presales</additional-tags>
<ticket-field-entries type="array">
<ticket-field-entry>
<ticket-field-id>139</ticket-field-id>
<value>Please contact me by phone during work hours</value>
</ticket-field-entry>
<ticket-field-entry>
<ticket-field-id>141</ticket-field-id>
<value>true</value>
</ticket-field-entry>
</ticket-field-entries>
</ticket>`;

/** Tickets › Add comment: an agent's private comment. */
export const agentAddComment = `<comment>
<is-public>false</is-public>
<value>Joe, you know the drill</value>
</comment>`;

/** Requests › Show (GET /requests/575.xml): the end user's view. */
export const requestShow = `<ticket>
<created-at>2008-07-07T14:16:16Z</created-at>
<description>All is broken!</description>
<nice-id>575</nice-id>
<organization-id nil="true"></organization-id>
<via-id>0</via-id>
<comments type="array">
<comment>
<author-id>328</author-id>
<created-at>2008-07-07T14:16:16Z</created-at>
<value>All is broken!</value>
</comment>
</comments>
</ticket>`;

/** Requests › Create (POST /requests.xml), as in the seed's curl line and Request block. */
export const requestCreate = `<ticket>
<subject>Hello</subject>
<description>My message</description>
</ticket>`;

/** Exactly the body of the seed's curl example. */
export const requestCreateCurl = '<ticket><subject>Hello</subject><description>My message</description></ticket>';

/** Tickets › List: the seed elides its tickets with "...", so only the frame is verbatim. */
export const ticketListFrame = `<tickets count="156">
</tickets>`;

/** Requests › Update (PUT /requests/#{id}.xml). */
export const requestUpdate = `<comment>
<value>All is good again</value>
</comment>`;

/** The ticket inside a list, as the seed's lists show it. */
const ticketBody = (xml: string) => xml.replace(/^<ticket>\n?/, '').replace(/\n?<\/ticket>$/, '');

/** Requests › List (GET /requests.xml): no count, with the seed's "..." filled in. */
export const requestListWithoutCount = `<tickets>
<ticket>
${ticketBody(requestShow)}
</ticket>
<ticket>
${ticketBody(requestShow).replace('<nice-id>575</nice-id>', '<nice-id>576</nice-id>')}
</ticket>
</tickets>`;

/** Tickets › List (GET /rules/#{view-id}.xml): with count, the seed's "..." filled in. */
export const ticketListWithCount = `<tickets count="156">
<ticket>
${ticketBody(agentTicketShow)}
</ticket>
<ticket>
${ticketBody(requestShow)}
</ticket>
</tickets>`;

/** Not in the seed: the Rails-style error list the help desk (and the bundled sandbox) answer 400/422 with. */
export const errorList = `<?xml version="1.0" encoding="UTF-8"?>
<errors>
  <error>Subject can't be blank</error>
  <error>Description is too long (maximum is 65535 characters)</error>
</errors>
`;
