/**
 * Moved to src/validation/phone.ts. Kept only while plugins/meta still imports this path
 * (inbound/leadgen.ts, endpoints/conversation-customer.ts); delete it once they do not.
 */
export { E164, validatePhone } from '../validation/phone'
