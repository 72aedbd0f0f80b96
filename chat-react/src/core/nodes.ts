/**
 * The node URLs the client uses, preferred first: the page's own origin, then the ones of
 * `?nodes=a,b` in the page URL, else those the node serves in /client-config.json
 * (`chat.web.client-nodes`). Duplicates and malformed entries are dropped.
 */
export function nodeList(origin: string, configured: readonly string[]): string[] {
  const nodes: string[] = [];
  for (const candidate of [origin, ...configured]) {
    let url: URL;
    try {
      url = new URL(candidate.trim());
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      continue;
    }
    if (!nodes.includes(url.origin)) {
      nodes.push(url.origin);
    }
  }
  return nodes;
}

/** The configured nodes: the `nodes` query parameter wins over /client-config.json. */
export async function configuredNodes(search: string, fetchFn: typeof fetch): Promise<string[]> {
  const fromQuery = new URLSearchParams(search).get('nodes');
  if (fromQuery !== null && fromQuery.trim() !== '') {
    return fromQuery.split(',');
  }
  try {
    const response = await fetchFn('/client-config.json');
    if (response.ok) {
      const config = (await response.json()) as { nodes?: unknown };
      if (Array.isArray(config.nodes)) {
        return config.nodes.filter((node): node is string => typeof node === 'string');
      }
    }
  } catch {
    // No config (e.g. `npm run dev` without a node): the page's origin alone.
  }
  return [];
}
