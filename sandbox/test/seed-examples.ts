// The XML examples of the seed, kept once (lib/helpdesk/test/seed-examples.ts) for both sides of
// the contract, under the names the sandbox's tests use.
export {
  agentTicketShow as SHOW_TICKET,
  ticketListFrame as LIST_FRAME,
  agentTicketCreate as CREATE_TICKET,
  agentTicketCreateWithRequester as CREATE_TICKET_WITH_REQUESTER,
  monitoredTwitterHandles as TWITTER_HANDLES,
  agentTicketCreateFromTwitter as CREATE_FROM_TWITTER,
  agentTicketUpdate as UPDATE_TICKET,
  agentAddComment as ADD_COMMENT,
  requestShow as SHOW_REQUEST,
  requestCreateCurl as CREATE_REQUEST,
  requestUpdate as UPDATE_REQUEST,
} from '../../lib/helpdesk/test/seed-examples';
