export const ORDER_STATUSES = ['pending', 'confirmed', 'packed', 'shipped', 'delivered', 'returned', 'cancelled'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** The only moves an order may make. Stock leaves on confirm and comes back on cancel/return. */
export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['packed', 'cancelled'],
  packed: ['shipped', 'cancelled'],
  shipped: ['delivered', 'returned'],
  delivered: [],
  returned: [],
  cancelled: [],
}

export const HOLDS_STOCK: ReadonlySet<OrderStatus> = new Set(['confirmed', 'packed', 'shipped', 'delivered'])
