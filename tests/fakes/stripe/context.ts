import { type Store } from './store'
import { type Webhooks } from './webhooks'

/** What every resource module works on: the state and the event sender. */
export type Ctx = { store: Store; hooks: Webhooks }
