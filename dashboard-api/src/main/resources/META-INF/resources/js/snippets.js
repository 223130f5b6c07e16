// MCP client configuration, in exactly the forms of docs/mcp-clients.md.

export const KEY_PLACEHOLDER = 'PASTE_YOUR_HOSTMCP_API_KEY_HERE';

const SCALAR = '(?:"(?:[^"\\\\]|\\\\.)*"|-?[0-9.eE+-]+|true|false|null)';
const SCALAR_ARRAY = new RegExp(`\\[\\n\\s+(${SCALAR}(?:,\\n\\s+${SCALAR})*)\\n\\s*\\]`, 'g');

/** JSON with two-space indents, arrays of plain values on one line (as in the documentation). */
function pretty(value) {
  // a JSON string holds no raw line break, so ",\n" only ever separates items
  return JSON.stringify(value, null, 2).replace(SCALAR_ARRAY, (match, items) => `[${items.split(/,\n\s+/).join(', ')}]`);
}

function base(url) {
  return url.replace(/\/+$/, '');
}

/** claude_desktop_config.json: Claude Desktop reaches a remote server through the mcp-remote bridge. */
export function claudeDesktop(url, key) {
  return pretty({
    mcpServers: {
      hostmcp: {
        command: 'npx',
        args: ['-y', 'mcp-remote', base(url), '--header', 'X-API-Key:${HOSTMCP_API_KEY}'],
        env: { HOSTMCP_API_KEY: key || KEY_PLACEHOLDER },
      },
    },
  });
}

/** .cursor/mcp.json (one project) or ~/.cursor/mcp.json (all projects). */
export function cursor(url, key) {
  return pretty({
    mcpServers: {
      hostmcp: {
        url: base(url),
        headers: { 'X-API-Key': key || KEY_PLACEHOLDER },
      },
    },
  });
}

/** Claude Code's command line; the key stays in an environment variable. */
export function claudeCode(url, key) {
  return [
    `export HOSTMCP_API_KEY=${key || KEY_PLACEHOLDER}`,
    `claude mcp add --transport http hostmcp ${base(url)} --header "X-API-Key: $HOSTMCP_API_KEY"`,
  ].join('\n');
}

/** Any MCP client: endpoint, transport and header. */
export function generic(url, key) {
  const value = key || KEY_PLACEHOLDER;
  return [
    `URL:        ${base(url)}`,
    'Transport:  Streamable HTTP',
    `Header:     X-API-Key: ${value}`,
    `            (or Authorization: Bearer ${value})`,
    `Older HTTP+SSE clients: ${base(url)}/sse`,
  ].join('\n');
}
