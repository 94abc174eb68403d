import * as migration_20261123_141308_initial from './20261123_141308_initial';

export const migrations = [
  {
    up: migration_20261123_141308_initial.up,
    down: migration_20261123_141308_initial.down,
    name: '20261123_141308_initial'
  },
];
