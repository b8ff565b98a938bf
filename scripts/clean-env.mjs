// The environment for installs started from inside `npm test`: without the variables the outer
// npm exports about itself (npm_config_user_agent names its Node version, which code-server's
// postinstall reads), so a nested `npm install` behaves as it does when a user types it.
export function cleanNpmEnv(env = process.env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'));
}
