// What the dashboard knows about the signed-in user. The last full API key lives here, in memory only:
// never in storage, the URL or the console, and gone when the page is reloaded.

export const session = {
  /** The body of GET /api/me, or null when signed out. */
  me: null,
  /** The full key of the last key created or regenerated in this page, or null. */
  newKey: null,
};

/** Owners and admins manage keys, credentials and billing; members read. */
export function canManage() {
  const role = session.me && session.me.organization ? session.me.organization.role : null;
  return role === 'OWNER' || role === 'ADMIN';
}

export function roleName() {
  const role = session.me && session.me.organization ? session.me.organization.role : null;
  return { OWNER: 'owner', ADMIN: 'admin', MEMBER: 'member' }[role] || 'member';
}

/** Onboarding is done once Hostaway is connected and an active key exists. */
export function onboardingDone() {
  const onboarding = session.me && session.me.onboarding;
  return Boolean(onboarding && onboarding.hostawayConnected && onboarding.activeApiKeys > 0);
}

export function gatewayUrl() {
  return (session.me && session.me.gatewayUrl) || 'http://127.0.0.1:8080/mcp';
}
