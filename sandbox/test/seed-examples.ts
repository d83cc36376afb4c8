// The XML examples of the seed (the classic XML REST API documentation for
// tickets and requests), copied verbatim.

export const SHOW_TICKET = `<ticket>
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

/** The List example elides its tickets with "...", so only its frame is usable. */
export const LIST_FRAME = `<tickets count="156">
</tickets>`;

export const CREATE_TICKET = `<ticket>
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

export const CREATE_TICKET_WITH_REQUESTER = `<ticket>
<description>My printer is not always working</description>
<priority-id>4</priority-id>
<requester-name>Mike Newson</requester-name>
<requester-email>mike@nowhere.com</requester-email>
</ticket>`;

export const TWITTER_HANDLES = `<monitored-twitter-handles type="array" count="2">
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

export const CREATE_FROM_TWITTER = `<ticket>
<twitter-status-message-id>8605426295771136</twitter-status-message-id>
<monitored-twitter-handle-id>4</monitored-twitter-handle-id>
</ticket>`;

export const UPDATE_TICKET = `<ticket>
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

export const ADD_COMMENT = `<comment>
<is-public>false</is-public>
<value>Joe, you know the drill</value>
</comment>`;

export const SHOW_REQUEST = `<ticket>
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

/** Exactly the body of the seed's curl example. */
export const CREATE_REQUEST = '<ticket><subject>Hello</subject><description>My message</description></ticket>';

export const UPDATE_REQUEST = `<comment>
<value>All is good again</value>
</comment>`;
