import { GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql'

/**
 * The deepest selection a query may make: `{ Products { docs { id } } }` is 3. The app's
 * deepest real queries (a lead's assignee's memberships' tenant's domains) are 7; 12 leaves room
 * for a few more relations, where each level can multiply the documents read.
 */
export const MAX_QUERY_DEPTH = 12

/**
 * `ofType` does not count: the standard introspection query (the playground's, every client
 * library's) nests it nine times, and each level is one type, never a list.
 */
const UNCOUNTED = new Set(['ofType'])

/** How deep a selection set goes, following fragments once each (a cycle is NoFragmentCycles' to report). */
function depthOf(set: SelectionSetNode, context: ValidationContext, fragments: Map<string, number>): number {
  let deepest = 0
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const below = selection.selectionSet ? depthOf(selection.selectionSet, context, fragments) : 0
      deepest = Math.max(deepest, below + (UNCOUNTED.has(selection.name.value) ? 0 : 1))
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, context, fragments))
    } else {
      const name = selection.name.value
      if (!fragments.has(name)) {
        fragments.set(name, 0) // while it is being measured: a spread of itself adds nothing
        const fragment = context.getFragment(name)
        fragments.set(name, fragment ? depthOf(fragment.selectionSet, context, fragments) : 0)
      }
      deepest = Math.max(deepest, fragments.get(name)!)
    }
  }
  return deepest
}

/** graphql-js validation rule: refuse an operation nested deeper than `max` (400 `query_too_complex`). */
export const depthLimit =
  (max: number = MAX_QUERY_DEPTH): ValidationRule =>
  (context) => {
    const fragments = new Map<string, number>()
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, context, fragments)
        if (depth <= max) return
        context.reportError(
          new GraphQLError(`The query is nested ${depth} levels deep; at most ${max} are allowed. Ask for fewer nested relations, or make several queries.`, {
            nodes: node,
            extensions: { code: 'query_too_complex', statusCode: 400, errors: [] },
          }),
        )
      },
    }
  }
