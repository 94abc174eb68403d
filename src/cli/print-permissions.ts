/** `npm run docs:permissions`: print the README's permission table from access/permissions.ts. */
import { permissionsTable } from '../../access/permissions-table'

console.log(permissionsTable())
