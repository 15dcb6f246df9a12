import { describe, expect, it } from 'vitest';
import { dataDir, defaultDatabasePath } from '../../host/paths';

describe('per-user data folder', () => {
  it('follows each platform and honours HUNT_DATA_DIR', () => {
    expect(dataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.local/share/treasure-hunt-engine');
    expect(dataDir({ XDG_DATA_HOME: '/xdg' }, 'linux', '/home/ann')).toBe('/xdg/treasure-hunt-engine');
    expect(dataDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/treasure-hunt-engine');
    expect(dataDir({ APPDATA: 'C:/Users/ann/AppData/Roaming' }, 'win32', 'C:/Users/ann')).toMatch(/^C:\/Users\/ann\/AppData\/Roaming[\\/]treasure-hunt-engine$/);
    expect(dataDir({ HUNT_DATA_DIR: '/tmp/hunt', XDG_DATA_HOME: '/xdg' }, 'linux', '/home/ann')).toBe('/tmp/hunt');
    expect(defaultDatabasePath({ HUNT_DATA_DIR: '/tmp/hunt' }, 'linux', '/h')).toBe('/tmp/hunt/studio.db');
  });
});
