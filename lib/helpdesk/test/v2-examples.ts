/**
 * Zendesk API v2 answers, in the shape of the examples in its reference (developer.zendesk.com:
 * Requests › Show/List/Create, Requests › Listing Comments with `include=users`, Users › Show Self,
 * Errors). Agent-only fields the reference shows on requests (assignee_id, priority,
 * custom_fields, via, organization_id, can_be_solved_by_me) are kept, so tests can prove they
 * are dropped.
 */

export const request33 = {
  id: 33,
  url: 'https://example.zendesk.com/api/v2/requests/33.json',
  subject: 'Help, my printer is on fire!',
  description: 'The fire is very colorful.',
  status: 'open',
  priority: 'normal',
  type: 'incident',
  organization_id: 509974,
  requester_id: 1462,
  assignee_id: 1461,
  group_id: 98738,
  collaborator_ids: [],
  email_cc_ids: [],
  custom_fields: [
    { id: 27642, value: '745' },
    { id: 27648, value: 'yes' },
  ],
  via: { channel: 'web', source: { from: {}, to: {}, rel: null } },
  is_public: true,
  can_be_solved_by_me: false,
  due_at: null,
  recipient: 'support@example.com',
  created_at: '2009-07-20T22:55:29Z',
  updated_at: '2011-05-05T10:38:52Z',
};

export const showRequest = { request: request33 };

export const listRequests = {
  requests: [
    request33,
    { ...request33, id: 34, subject: '', description: "I can't find my keys", status: 'hold', updated_at: '2011-05-04T10:38:52Z' },
  ],
  next_page: null,
  previous_page: 'https://example.zendesk.com/api/v2/requests.json?page=1&per_page=15',
  count: 17,
};

export const listComments = {
  comments: [
    {
      id: 1274,
      type: 'Comment',
      request_id: 33,
      body: 'The fire is very colorful.',
      html_body: '<p>The fire is very colorful.</p>',
      plain_body: 'The fire is very colorful.',
      public: true,
      author_id: 1462,
      attachments: [],
      created_at: '2009-07-20T22:55:29Z',
    },
    {
      id: 1275,
      type: 'Comment',
      request_id: 33,
      body: 'Internal: customer is on the legacy plan, do not refund.',
      html_body: '<p>Internal</p>',
      plain_body: 'Internal',
      public: false,
      author_id: 1461,
      attachments: [],
      created_at: '2009-07-21T08:00:00Z',
    },
    {
      id: 1276,
      type: 'Comment',
      request_id: 33,
      body: 'Please unplug it and step away.',
      html_body: '<p>Please unplug it and step away.</p>',
      plain_body: 'Please unplug it and step away.',
      public: true,
      author_id: 1461,
      attachments: [],
      created_at: '2009-07-21T09:00:00Z',
    },
    {
      id: 1277,
      type: 'Comment',
      request_id: 33,
      body: 'Same here, our printer smokes too.',
      public: true,
      author_id: 1500,
      attachments: [],
      created_at: '2009-07-21T10:00:00Z',
    },
  ],
  users: [
    { id: 1462, name: 'Ann Customer', photo: null, agent: false, organization_id: 509974 },
    { id: 1461, name: 'Sam Agent', photo: null, agent: true, organization_id: null },
    { id: 1500, name: 'Cole League', photo: null, agent: false, organization_id: 509974 },
  ],
  next_page: null,
  previous_page: null,
  count: 4,
};

export const me = {
  user: {
    id: 1462,
    url: 'https://example.zendesk.com/api/v2/users/1462.json',
    name: 'Ann Customer',
    email: 'ann@example.com',
    role: 'end-user',
    verified: true,
    active: true,
    time_zone: 'Copenhagen',
    locale: 'en-US',
    tags: [],
    user_fields: {},
    created_at: '2009-07-20T22:55:29Z',
    updated_at: '2011-05-05T10:38:52Z',
  },
};

/** What users/me answers when the credentials were not accepted: the anonymous user. */
export const anonymousMe = {
  user: { id: null, url: null, name: 'Anonymous user', email: 'invalid@example.com', role: 'end-user', created_at: null, updated_at: null },
};

export const errors = {
  unauthorized: { error: "Couldn't authenticate you" },
  notFound: { error: 'RecordNotFound', description: 'Not found' },
  forbidden: { error: { title: 'Forbidden', message: 'You do not have access to this page. Please contact the account owner of this help desk for further help.' } },
  invalid: {
    error: 'RecordInvalid',
    description: 'Record validation errors',
    details: { base: [{ description: 'Description: cannot be blank', error: 'BlankValue' }] },
  },
};
