/**
 * Serves the app's content security policy (src/config/content-security-policy.ts) from Vite's
 * dev server (`npm start`) and preview server (the build the e2e journeys run against), built
 * from the config.json each serves, so both hold the policy a deployment serves
 * (deploy/headers.ts writes the same headers for static hosts).
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { contentSecurityPolicy, policyTargetForPath, SECURITY_HEADERS, type PolicyOptions } from '../src/config/content-security-policy';
import { parseRuntimeConfig, type RuntimeConfig } from '../src/config/runtime-config';

/** Read on every request, so an edited config.json takes effect on the next load, as in a deployment. */
function readConfig(path: string): RuntimeConfig {
  const parsed = parseRuntimeConfig(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.problems.join(' ')}`);
  return parsed.config;
}

/** CSP hash sources of the inline scripts in an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
}

function setHeaders(req: IncomingMessage, res: ServerResponse, config: RuntimeConfig, options: PolicyOptions): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(config, policyTargetForPath(req.url ?? '/'), options));
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** The dev server writes inline scripts (React Refresh's preamble) into index.html: allow exactly those, by hash. */
async function devServerOptions(server: ViteDevServer): Promise<PolicyOptions> {
  const root = server.config.root;
  const html = await server.transformIndexHtml('/', readFileSync(join(root, 'index.html'), 'utf8'));
  const https = server.config.server.https !== undefined;
  const port = server.config.server.port;
  return { devServer: { socketOrigin: `${https ? 'wss' : 'ws'}://localhost:${port}`, inlineScriptHashes: inlineScriptHashes(html) } };
}

export function contentSecurityPolicyPlugin(): Plugin {
  return {
    name: 'kqlw-content-security-policy',
    configureServer(server) {
      let options: Promise<PolicyOptions> | null = null;
      server.middlewares.use((req, res, next) => {
        options ??= devServerOptions(server);
        options
          .then((o) => setHeaders(req, res, readConfig(join(server.config.publicDir, 'config.json')), o))
          .then(() => next(), next);
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        try {
          setHeaders(req, res, readConfig(join(server.config.root, server.config.build.outDir, 'config.json')), {});
          next();
        } catch (e) {
          next(e);
        }
      });
    },
  };
}
