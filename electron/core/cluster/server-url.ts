/**
 * kubectl's reading of `cluster.server`: a value without a scheme ("10.0.0.1:6443") means https,
 * exactly like client-go's DefaultServerURL. Returns null when it is not an http(s) URL.
 */
export function parseServerUrl(server: string): URL | null {
  const withScheme = server.includes('://') ? server : `https://${server}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') return null;
  return url;
}
